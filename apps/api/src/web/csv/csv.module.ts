import { Module } from '@nestjs/common';
import { FollowUpCsvController } from './follow-up.controller';

/** Spreadsheet exports for people who publish the follow-up list. */
@Module({ controllers: [FollowUpCsvController] })
export class CsvModule {}
