import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { Config } from '@tilneste/config';
import { CommandRunner, EventStoreModule, READ_MODEL_BARRIER } from '@tilneste/event-sourcing';
import { ReadModelHost } from '@tilneste/projections';
import { EmbeddedReminderWorker, ReminderLedgerHost, ReminderQueueFigures } from '@tilneste/reminders';
import { CommitmentsController } from './controllers/commitments.controller';
import { GroupsController } from './controllers/groups.controller';
import { HealthController } from './controllers/health.controller';
import { MattersController } from './controllers/matters.controller';
import { MeetingsController } from './controllers/meetings.controller';
import { PeopleController } from './controllers/people.controller';
import { QueriesController } from './controllers/queries.controller';
import { ReminderLinksController } from './controllers/reminder-links.controller';
import { RemindersController } from './controllers/reminders.controller';
import { WorkingGroupsController } from './controllers/working-groups.controller';
import { DocsController } from './docs/docs.controller';
import { CarryOverPolicy } from './domain/carry-over';
import { ExecuteDomainCommandHandler } from './domain/contexts';
import { ImportsController } from './imports/imports.controller';
import { MinutesImportService } from './imports/minutes-import.service';
import { QUERY_HANDLERS } from './domain/queries';
import { AuthGuard } from './http/auth.guard';
import { ErrorFilter } from './http/error.filter';
import { WriteService } from './http/write.service';
import { RedisStatus } from './redis-status';

@Module({})
export class ApiModule {
  static forConfig(config: Config): DynamicModule {
    return {
      module: ApiModule,
      imports: [EventStoreModule.forRoot(config), CqrsModule.forRoot()],
      controllers: [
        HealthController,
        DocsController,
        PeopleController,
        GroupsController,
        MeetingsController,
        CommitmentsController,
        MattersController,
        WorkingGroupsController,
        QueriesController,
        ImportsController,
        ReminderLinksController,
        RemindersController,
      ],
      providers: [
        ReadModelHost,
        { provide: READ_MODEL_BARRIER, useExisting: ReadModelHost },
        CommandRunner,
        ExecuteDomainCommandHandler,
        ...QUERY_HANDLERS,
        WriteService,
        CarryOverPolicy,
        MinutesImportService,
        RedisStatus,
        ReminderLedgerHost,
        ReminderQueueFigures,
        EmbeddedReminderWorker,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
