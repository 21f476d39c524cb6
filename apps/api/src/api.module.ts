import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ApplicationModule } from '@tilneste/application';
import type { Config } from '@tilneste/config';
import { AuthModule } from './auth/auth.module';
import { CommitmentsModule } from './commitments/commitments.module';
import { benchControllers } from './controllers/bench.controller';
import { CoreModule } from './core.module';
import { DocsController } from './docs/docs.controller';
import { GroupsModule } from './groups/groups.module';
import { HealthController } from './http/health.controller';
import { ImportsModule } from './imports/imports.module';
import { MattersModule } from './matters/matters.module';
import { MeetingsModule } from './meetings/meetings.module';
import { PeopleModule } from './people/people.module';
import { QueriesModule } from './queries/queries.module';
import { RemindersModule } from './reminders/reminders.module';
import { WebModule } from './web/web.module';
import { WorkingGroupsModule } from './working-groups/working-groups.module';
import { CalendarModule } from './web/calendar/calendar.module';
import { CsvModule } from './web/csv/csv.module';
import { MinutesDocxModule } from './web/minutes-docx/minutes-docx.module';
import { ReminderPreferencesModule } from './web/reminder-preferences/reminder-preferences.module';

/** The API: one module per bounded context over a shared core. */
@Module({})
export class ApiModule {
  static forConfig(config: Config): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ApplicationModule.forConfig(config),
        CqrsModule.forRoot(),
        CoreModule,
        PeopleModule,
        GroupsModule,
        MeetingsModule,
        MattersModule,
        CommitmentsModule,
        WorkingGroupsModule,
        QueriesModule,
        ImportsModule,
        RemindersModule,
        WebModule,
        CalendarModule,
        CsvModule,
        MinutesDocxModule,
        ReminderPreferencesModule,
        AuthModule,
      ],
      controllers: [HealthController, DocsController, ...benchControllers()],
    };
  }
}
