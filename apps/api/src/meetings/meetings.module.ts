import { Module } from '@nestjs/common';
import { CarryOverPolicy } from './carry-over.policy';
import { MeetingsController } from './meetings.controller';

/** The meetings context over HTTP, and the policy that carries open commitments over when one is held. */
@Module({ controllers: [MeetingsController], providers: [CarryOverPolicy], exports: [CarryOverPolicy] })
export class MeetingsModule {}
