import { Module } from '@nestjs/common';
import {
  CalendarFeedsController,
  CalendarKeysController,
  SecretCalendarFeedsController,
} from './calendar.controller';

/** iCal feeds of a group's and a person's meetings, and the person's secret feed URLs. */
@Module({ controllers: [SecretCalendarFeedsController, CalendarFeedsController, CalendarKeysController] })
export class CalendarModule {}
