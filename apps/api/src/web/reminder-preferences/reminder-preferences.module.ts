import { Module } from '@nestjs/common';
import { ReminderPreferencesApiController } from './preferences-api.controller';
import { ReminderPreferencesController } from './preferences.controller';

/** The page behind List-Unsubscribe: which reminders a person gets, and the one-click unsubscribe. */
@Module({ controllers: [ReminderPreferencesController, ReminderPreferencesApiController] })
export class ReminderPreferencesModule {}
