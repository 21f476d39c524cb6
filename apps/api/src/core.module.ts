import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ReminderLedgerHost } from '@tilneste/reminders';
import { authExports, authProviders } from './auth/auth.providers';
import { AuthGuard } from './http/auth.guard';
import { ErrorFilter } from './http/error.filter';
import { ViewTagInterceptor } from './http/view-tag.interceptor';
import { WriteService } from './http/write.service';
import { RedisStatus } from './redis-status';

/** What every context shares: the read models, the write path, Redis status, auth and the error shape. */
@Global()
@Module({
  providers: [
    ReminderLedgerHost,
    WriteService,
    RedisStatus,
    ...authProviders,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: ErrorFilter },
    { provide: APP_INTERCEPTOR, useClass: ViewTagInterceptor },
  ],
  exports: [ReminderLedgerHost, WriteService, RedisStatus, ...authExports],
})
export class CoreModule {}
