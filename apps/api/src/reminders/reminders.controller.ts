import { View } from '../http/view-tag.interceptor';
import { Controller, Get, Param } from '@nestjs/common';
import type { GroupRemindersResponse, ReminderQueueResponse } from './reminders.responses';
import { ReadModelHost } from '@tilneste/projections';
import { groupReminders, ReminderLedgerHost, ReminderQueueFigures } from '@tilneste/reminders';
import { lookups } from '@tilneste/application';

/** Reminder figures for the secretariat; behind the bearer token, read-only. */
@Controller()
export class RemindersController {
  constructor(
    private readonly readModels: ReadModelHost,
    private readonly ledger: ReminderLedgerHost,
    private readonly queue: ReminderQueueFigures,
  ) {}

  @Get('reminders/queue')
  figures(): Promise<ReminderQueueResponse> {
    return this.queue.figures();
  }

  @Get('groups/:id/reminders')
  @View('clock')
  group(@Param('id') id: string): GroupRemindersResponse {
    lookups.group(this.readModels.catalog, id);
    return groupReminders(this.readModels.catalog, this.ledger.ledger, id, new Date());
  }
}
