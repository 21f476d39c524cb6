import { Module } from '@nestjs/common';
import { EmbeddedReminderWorker, ReminderQueueFigures } from '@tilneste/reminders';
import { ReminderLinksController } from './reminder-links.controller';
import { RemindersController } from './reminders.controller';
import { StatusLinks } from './status-links';

/** Reminder figures for the secretariat, the pages behind the e-mail links, and the embedded worker. */
@Module({
  controllers: [ReminderLinksController, RemindersController],
  providers: [ReminderQueueFigures, EmbeddedReminderWorker, StatusLinks],
  exports: [EmbeddedReminderWorker],
})
export class RemindersModule {}
