import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ReminderLedgerHost } from '@tilneste/reminders';
import { authExports, authProviders } from './auth/auth.providers';
import { AuthGuard } from './http/auth.guard';
import { ErrorFilter } from './http/error.filter';
import { BodyContractGuard } from './http/body-contract';
import { ViewCache } from './http/view-cache';
import { ViewTagGuard } from './http/view-tag.guard';
import { WriteService } from './http/write.service';
import { RedisStatus } from './redis-status';

/** What every context shares: the read models, the write path, Redis status, auth and the error shape. */
@Global()
@Module({
  providers: [
    ReminderLedgerHost,
    WriteService,
    ViewCache,
    RedisStatus,
    ...authProviders,
    // Global guards run in this order: who is asking (401/403), then the body (415/413/400), then the view tag.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: BodyContractGuard },
    { provide: APP_GUARD, useClass: ViewTagGuard },
    { provide: APP_FILTER, useClass: ErrorFilter },
  ],
  exports: [ReminderLedgerHost, WriteService, ViewCache, RedisStatus, ...authExports],
})
export class CoreModule {}
