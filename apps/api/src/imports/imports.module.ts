import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { ImportsController } from './imports.controller';
import { MinutesImportService } from '@tilneste/application';

/** Minutes in, reviewed drafts out, committed as the other contexts' ordinary commands. */
@Module({
  imports: [MeetingsModule],
  controllers: [ImportsController],
  providers: [MinutesImportService],
  exports: [MinutesImportService],
})
export class ImportsModule {}
