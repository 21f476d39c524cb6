import './snapshot-prefetch';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import swaggerUiPath from 'swagger-ui-dist/absolute-path';
import { ConfigError, loadConfig, type Config } from '@tilneste/config';
import { Policies } from '@tilneste/application';
import { NewerLayoutError } from '@tilneste/event-store';
import { EmbeddedReminderWorker, ReminderLedgerHost } from '@tilneste/reminders';
import { ApiModule } from './api.module';
import { PrototypedExpressAdapter } from './http/express-adapter';
import type { SqliteAuthStore } from '@tilneste/access';
import { AUTH_STORE } from './auth/auth.tokens';
import { mountWebAssets, PAGE_ROUTES } from './web/web.module';
import { mountQueueBoard } from './web/admin/queue-board';

export async function createApi(config: Config): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    ApiModule.forConfig(config),
    new PrototypedExpressAdapter(),
    { bufferLogs: false, logger: ['log', 'warn', 'error'] },
  );
  app.disable('x-powered-by');
  // Behind a reverse proxy, rate limits count the client named in X-Forwarded-For only by proxies trusted here.
  if (config.TRUST_PROXY)
    app.set(
      'trust proxy',
      /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY,
    );
  app.use(securityHeaders(config));
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('text', { limit: '5mb' });
  // Content type (415) and nesting/size limits of every body, before a handler sees it.
  app.setGlobalPrefix('api', {
    exclude: PAGE_ROUTES,
  });
  mountWebAssets(app);
  // web-admin (issue 14): the admins' Bull Board, behind the access policy.
  mountQueueBoard(app);
  app.useStaticAssets(swaggerUiPath(), { prefix: '/api/docs/assets/', index: false });
  app.enableShutdownHooks();
  await app.get(Policies).start();
  await app.get(ReminderLedgerHost).start();
  return app;
}

/**
 * Security headers on every response: a CSP without inline script or style, no framing, nosniff, no referrer. The CSP
 * asks the browser to upgrade http requests to https only when the product is served over https: on plain
 * http (`npm start`, http://localhost:3000) the upgrade would send every redirect after a form (mark done,
 * progress) to an https address nothing answers.
 */
function securityHeaders(config: Config) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'script-src': ["'self'"],
        // No page has a style of its own (no <style>, no style="…"): stylesheets from this origin only.
        'style-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'upgrade-insecure-requests': config.PUBLIC_URL.startsWith('https:') ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
}

/**
 * The reminder worker inside the API (TILNESTE_EMBEDDED_WORKER, on by default) starts once the API listens:
 * it catches up with the history on its own, and requests need not wait for it. Without Redis it waits
 * quietly and all else works.
 */
function startEmbeddedWorker(app: NestExpressApplication, logger: Logger): void {
  app
    .get(EmbeddedReminderWorker)
    .start()
    .catch((error: Error) => logger.error(`påminnelsene startet ikke: ${error.message}`));
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = new Logger('Tilneste');
  let app: NestExpressApplication;
  try {
    app = await createApi(config);
  } catch (error) {
    // A store file from a newer version: say so in one line, not a stack trace.
    if (error instanceof NewerLayoutError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  await app.listen(config.PORT, '0.0.0.0');
  startEmbeddedWorker(app, logger);
  const where = config.EVENT_STORE === 'sqlite' ? `SQLite ${config.SQLITE_PATH}` : 'EventStoreDB';
  logger.log(
    `Tilneste er klar: åpne ${config.PUBLIC_URL}/ i nettleseren (API på ${config.PUBLIC_URL}/api, ${where})`,
  );
  if (config.adminTokenGenerated) {
    logger.warn(
      `TILNESTE_ADMIN_TOKEN er ikke satt; brukte et tilfeldig token for denne kjøringen: ${config.TILNESTE_ADMIN_TOKEN}`,
    );
  }
  if (!app.get<SqliteAuthStore>(AUTH_STORE).hasAdmin()) {
    logger.log(
      `Ingen person er administrator ennå: åpne ${config.PUBLIC_URL}/logg-inn og opprett den første med administratornøkkelen (no admin person yet: set one up there with the admin token)`,
    );
  }
}

if (require.main === module) void main();
