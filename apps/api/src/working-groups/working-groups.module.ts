import { Module } from '@nestjs/common';
import { WorkingGroupsController } from './working-groups.controller';

/** The working-groups context over HTTP: its rules live in @tilneste/working-groups, the shared write path in CoreModule. */
@Module({ controllers: [WorkingGroupsController] })
export class WorkingGroupsModule {}
