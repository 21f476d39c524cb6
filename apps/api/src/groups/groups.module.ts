import { Module } from '@nestjs/common';
import { GroupsController } from './groups.controller';

/** The groups context over HTTP: its rules live in @tilneste/groups, the shared write path in CoreModule. */
@Module({ controllers: [GroupsController] })
export class GroupsModule {}
