import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import type { GroupRemindersResponse, ReminderQueueResponse } from './reminders.responses';
import { ReadModelHost } from '@tilneste/projections';
import { groupReminders, ReminderLedgerHost, ReminderQueueFigures } from '@tilneste/reminders';
import { lookups } from '@tilneste/application';
import { Access } from '../http/auth.guard';
import { pageQuery, paginate } from '../http/pagination';
import { parseInput } from '../http/validation';
import { resources } from '../auth/resources';
import { View } from '../http/view-tag.guard';

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

  @Access('group.read', resources.group())
  @Get('groups/:id/reminders')
  @View('clock')
  group(@Param('id') id: string, @Query() query: unknown): GroupRemindersResponse {
    const { limit, cursor } = parseInput(z.object(pageQuery(1000)), query);
    lookups.group(this.readModels.catalog, id);
    const answer = groupReminders(this.readModels.catalog, this.ledger.ledger, id, new Date());
    const key = (r: (typeof answer.reminders)[number]) =>
      `${r.meetingId}|${r.recipientId}|${r.offset}|${r.version}|${r.status}`;
    const page = paginate(answer.reminders, key, { limit, cursor });
    return { ...answer, reminders: page.items, nextCursor: page.nextCursor };
  }
}
