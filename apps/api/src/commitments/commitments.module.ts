import { Module } from '@nestjs/common';
import { CommitmentsController } from './commitments.controller';

/** The commitments context over HTTP: its rules live in @tilneste/commitments, the shared write path in CoreModule. */
@Module({ controllers: [CommitmentsController] })
export class CommitmentsModule {}
