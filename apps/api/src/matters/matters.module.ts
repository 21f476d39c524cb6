import { Module } from '@nestjs/common';
import { MattersController } from './matters.controller';

/** The matters context over HTTP: its rules live in @tilneste/matters, the shared write path in CoreModule. */
@Module({ controllers: [MattersController] })
export class MattersModule {}
