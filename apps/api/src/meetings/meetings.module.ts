import { Module } from '@nestjs/common';
import { MeetingsController } from './meetings.controller';

/** The meetings context over HTTP, and the policy that carries open commitments over when one is held. */
@Module({ controllers: [MeetingsController] })
export class MeetingsModule {}
