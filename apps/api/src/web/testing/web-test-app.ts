import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@tilneste/config';
import { dropQueuePrefix } from '../../../../../libs/reminders/testing/drop-queue-prefix';
import { createApi } from '../../main';
import { RedisStatus } from '../../redis-status';

/** The e-mail link key the test API signs with. */
export const LINK_SECRET = 'web-test-link-secret-0123456789abcdef';
export const ADMIN = 'web-admin-token-0123456789';
export const READER = 'web-read-token-0123456789';

/**
 * The API app in this process on a real SQLite file and a free port; no reminder worker. Its Redis keys (the
 * rate limits' counts among them) sit under a prefix of its own, dropped on `stop`, so that specs and repeated
 * runs from this address never spend each other's budgets.
 */
export class WebTestApp {
  private app: NestExpressApplication | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'tilneste-web-'));
  private readonly prefix = `tilneste-web-test-${randomUUID().slice(0, 8)}`;
  base = '';

  async start(env: Record<string, string> = {}): Promise<void> {
    const config = loadConfig({
      SQLITE_PATH: join(this.dir, 'web.db'),
      TILNESTE_ADMIN_TOKEN: ADMIN,
      TILNESTE_LINK_SECRET: LINK_SECRET,
      TILNESTE_READ_TOKEN: READER,
      TILNESTE_EMBEDDED_WORKER: 'false',
      MAIL_FROM: 'Tilneste <tilneste@sorfjord.example>',
      PUBLIC_URL: 'https://tilneste.sorfjord.example',
      PORT: '1',
      REMINDER_QUEUE_PREFIX: this.prefix,
      ...env,
    });
    this.app = await createApi(config);
    this.app.useLogger(false);
    await this.app.listen(0, '127.0.0.1');
    const address = this.app.getHttpServer().address() as { port: number };
    this.base = `http://127.0.0.1:${address.port}`;
    // Rate limits count in Redis once its client is ready and in this process's memory before (the insurance
    // limiter), two counts apart: a spec's first tries, sent while a loaded machine was still connecting, were
    // counted in memory and its last in Redis, so a budget of two let a third through. Wait for Redis (5 s at most).
    const redis = this.app.get(RedisStatus).client;
    if (redis.status !== 'ready')
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5_000);
        timer.unref();
        redis.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });
  }

  async stop(): Promise<void> {
    await this.app?.close();
    rmSync(this.dir, { recursive: true, force: true });
    // Only its own: a prefix a spec passed in is that spec's to keep or drop.
    await dropQueuePrefix(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', this.prefix).catch(
      () => undefined,
    );
  }

  /** Public URLs in answers point at PUBLIC_URL; this maps them to the test server. */
  local(url: string): string {
    return url.replace('https://tilneste.sorfjord.example', this.base);
  }

  async api<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    token = ADMIN,
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.base}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async id(path: string, body: unknown): Promise<string> {
    const res = await this.api<{ id: string }>('POST', path, body);
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.base}${path}`, { headers });
  }
}

export interface WebStory {
  kari: string;
  ola: string;
  eli: string;
  substitute: string;
  group: string;
  march: string;
  june: string;
  cancelled: string;
  matter: string;
  commitment: string;
  deferredItem: string;
}

/**
 * The story of DOMAIN.md, cut down: a group whose March meeting was held (with a decision, a deferred
 * item, attendance in the room, remote and by a substitute) and whose June meeting is ahead.
 */
export async function buildStory(app: WebTestApp): Promise<WebStory> {
  const kari = await app.id('/people', {
    name: 'Kari Nordmann',
    email: 'kari@sorfjord.example',
    organisation: 'Sørfjord kommune',
  });
  const ola = await app.id('/people', { name: 'Ola Leder', email: 'ola@sorfjord.example' });
  const eli = await app.id('/people', { name: 'Eli Bryhni', email: 'eli@nordby.example' });
  const substitute = await app.id('/people', { name: 'Per Vikar', email: null });
  const group = await app.id('/groups', { name: 'Faggruppe for plan' });
  await app.api('POST', `/groups/${group}/members`, { personId: kari, role: 'member' });
  await app.api('POST', `/groups/${group}/members`, { personId: ola, role: 'chair' });
  await app.api('POST', `/groups/${group}/members`, { personId: eli, role: 'member' });
  const year = new Date().getUTCFullYear();
  const march = await app.id('/meetings', {
    groupId: group,
    title: 'Møte i faggruppen',
    startsAt: `${year - 1}-03-20T09:00:00+01:00`,
    location: 'Fylkeshuset, møterom 3',
  });
  const june = await app.id('/meetings', {
    groupId: group,
    title: 'Møte i faggruppen',
    startsAt: `${year + 1}-06-12T09:00:00+02:00`,
    location: 'Fylkeshuset',
    online: true,
  });
  const cancelled = await app.id('/meetings', {
    groupId: group,
    title: 'Ekstramøte',
    startsAt: `${year + 1}-05-02T09:00:00+02:00`,
  });
  await app.api('POST', `/meetings/${cancelled}/cancel`, { reason: 'Ingen saker' });
  const item1 = await app.id(`/meetings/${march}/agenda-items`, {
    number: 1,
    title: 'Godkjenning av innkalling og saksliste',
    kind: 'notice-approval',
  });
  const item4 = await app.id(`/meetings/${march}/agenda-items`, {
    number: 4,
    title: 'Arbeidsgrupper – status',
  });
  const deferredItem = await app.id(`/meetings/${march}/agenda-items`, {
    number: 5,
    title: 'Posisjonsnotat om <script>alert(1)</script> klima',
  });
  await app.api('POST', `/meetings/${march}/agenda-items/${deferredItem}/defer`, {});
  await app.api('POST', `/meetings/${march}/attendance`, { personId: ola });
  await app.api('POST', `/meetings/${march}/attendance`, { personId: kari, remote: true });
  await app.api('POST', `/meetings/${march}/attendance`, { personId: substitute, substituteFor: eli });
  const matter = await app.id('/matters', { groupId: group, title: 'Handlingsprogram 2025' });
  await app.id(`/matters/${matter}/decisions`, {
    meetingId: march,
    agendaItemId: item1,
    text: 'Innkalling og saksliste godkjent.',
    kind: 'approved',
  });
  await app.id(`/matters/${matter}/decisions`, {
    meetingId: march,
    agendaItemId: item4,
    text: 'Statusrapportene tas til etterretning.',
    kind: 'noted',
  });
  const commitment = await app.id('/commitments', {
    meetingId: march,
    agendaItemId: item4,
    matterId: matter,
    text: '=HYPERLINK("http://evil.example") fordele arbeidet; "raskt"',
    owner: { personId: kari },
    due: { nextMeeting: true },
  });
  await app.api('POST', `/commitments/${commitment}/progress`, { text: 'Halvveis, møte avtalt' });
  await app.api('POST', `/meetings/${march}/held`, {});
  return { kari, ola, eli, substitute, group, march, june, cancelled, matter, commitment, deferredItem };
}
