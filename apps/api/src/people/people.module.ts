import { Module } from '@nestjs/common';
import { PeopleController } from './people.controller';

/** The people context over HTTP: its rules live in @tilneste/people, the shared write path in CoreModule. */
@Module({ controllers: [PeopleController] })
export class PeopleModule {}
