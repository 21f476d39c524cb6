import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CommandRunner, READ_MODEL_BARRIER } from '@tilneste/event-sourcing';
import { ReadModelHost } from '@tilneste/projections';
import { ReminderLedgerHost } from '@tilneste/reminders';
import { ExecuteDomainCommandHandler } from './domain/contexts';
import { AuthGuard } from './http/auth.guard';
import { ErrorFilter } from './http/error.filter';
import { WriteService } from './http/write.service';
import { RedisStatus } from './redis-status';

/** What every context shares: the read models, the write path, Redis status, auth and the error shape. */
@Global()
@Module({
  providers: [
    ReadModelHost,
    { provide: READ_MODEL_BARRIER, useExisting: ReadModelHost },
    ReminderLedgerHost,
    CommandRunner,
    ExecuteDomainCommandHandler,
    WriteService,
    RedisStatus,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: ErrorFilter },
  ],
  exports: [ReadModelHost, READ_MODEL_BARRIER, ReminderLedgerHost, CommandRunner, WriteService, RedisStatus],
})
export class CoreModule {}
