import { Module } from '@nestjs/common';
import { ReminderPreferencesController } from './preferences.controller';

/** The page behind List-Unsubscribe: which reminders a person gets, and the one-click unsubscribe. */
@Module({ controllers: [ReminderPreferencesController] })
export class ReminderPreferencesModule {}
