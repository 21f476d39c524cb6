import 'reflect-metadata';
import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { loadConfig } from '@tilneste/config';
import { createEventStore } from '@tilneste/event-sourcing';
import {
  automaticMailHeaders,
  buildCalendar,
  reminderEngineFromConfig,
  renderReminderEmail,
  smtpTransportOptions,
} from '@tilneste/reminders';
import { seedDueReminders } from '../lib/reminder-seed';

/**
 * The reminders row's three jobs, each in a fresh process:
 *   seed <sqlite> <n>                       a store with n due reminders (not timed)
 *   ours <sqlite> <smtp-url> <prefix> <n> <deadline-ms>
 *                                           the reminder worker as `apps/worker` runs it, timed from its start
 *                                           until n ReminderSent are recorded
 *   raw <smtp-url> <n> <deadline-ms>        nodemailer alone: n messages through the same pooled transport
 * Each prints one JSON line; on a deadline it prints what it got to on stderr and exits 1.
 */

export interface RunResult {
  ms: number;
  sent: number;
  /** ours: milliseconds until the scheduler had caught up and every job was in the queue. */
  scheduledMs?: number;
  /** CPU milliseconds (user + system) of this process over the timed part. */
  cpuMs: number;
  rss: number;
}

const OUTCOMES = ['ReminderSent', 'ReminderFailed', 'ReminderNeedsAttention'];

/** Counts reminder outcomes as they are committed, over its own read-only connection, reading only new rows. */
function outcomeCounter(path: string) {
  const db = new Database(path, { readonly: true });
  const next = db
    .prepare<[number], [number, string]>(
      `SELECT global_position, type FROM events WHERE global_position > ? AND type IN (${OUTCOMES.map((t) => `'${t}'`).join(', ')})`,
    )
    .raw(true);
  const counts = { sent: 0, failed: 0, position: 0 };
  return {
    counts,
    poll() {
      for (const [position, type] of next.all(counts.position)) {
        counts.position = position;
        if (type === 'ReminderSent') counts.sent += 1;
        else counts.failed += 1;
      }
      return counts;
    },
    close: () => db.close(),
  };
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function ours(path: string, smtpUrl: string, prefix: string, n: number, deadlineMs: number) {
  const config = loadConfig({
    ...process.env,
    EVENT_STORE: 'sqlite',
    SQLITE_PATH: path,
    SMTP_URL: smtpUrl,
    REMINDER_QUEUE_PREFIX: prefix,
    TILNESTE_LINK_SECRET: 'bench-link-secret-0123456789-abcdefghij',
    PUBLIC_URL: 'https://tilneste.example.no',
    MAIL_FROM: 'Tilneste <tilneste@example.no>',
  });
  const quiet = {
    log: () => undefined,
    warn: (m: string) => process.stderr.write(`${m}\n`),
    error: (m: string) => process.stderr.write(`${m}\n`),
  };
  // As apps/worker/src/main.ts assembles it.
  const { store, checkpoints } = createEventStore(config);
  const engine = reminderEngineFromConfig(config, store, checkpoints, quiet);
  const counter = outcomeCounter(path);
  const deadline = setTimeout(() => {
    fail(`ours: deadline of ${deadlineMs} ms passed with ${counter.poll().sent} of ${n} reminders sent`);
  }, deadlineMs);

  const cpu = process.cpuUsage();
  const started = performance.now();
  await engine.start();
  const scheduledMs = performance.now() - started;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const { sent, failed } = counter.poll();
      if (failed) fail(`ours: ${failed} reminders failed or need attention (${sent} sent)`);
      if (sent >= n) {
        clearInterval(timer);
        resolve();
      }
    }, 25);
  });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  clearTimeout(deadline);
  setTimeout(() => fail('ours: the engine did not stop within 10 s'), 10_000).unref();
  await engine.stop();
  await store.close();
  const sent = counter.poll().sent;
  counter.close();
  if (sent !== n) fail(`ours: ${sent} ReminderSent recorded, expected ${n}`);
  return { ms, sent, scheduledMs, cpuMs: (used.user + used.system) / 1000, rss: process.memoryUsage().rss };
}

/**
 * The baseline's message: a reminder (text and HTML parts with two items, each with two personal links,
 * a calendar file and the list headers) made by the same renderer and calendar builder before the clock
 * starts, so both sides send messages of the same size. Only the recipient, the links and the Message-ID vary.
 */
async function rawMessage(i: number) {
  const link = (action: string) =>
    `https://tilneste.example.no/api/links/${randomBytes(120).toString('base64url')}.${action}`;
  const items = (
    [
      ['Sende ut forslag til handlingsprogram 2027 til kommunene', 4, 'Arbeidsgrupper – status'],
      ['Utarbeide et notat om budsjettet for neste år', 1, 'Regional plan for vannforvaltning'],
    ] as const
  ).map(([text, number, title], n) => ({
    commitmentId: `c${n}`,
    text,
    sourceMeeting: '10. november 2026',
    sourceItem: { number, title },
    carriedOver: 0,
    ownerName: null,
    links: { done: link('done'), progress: link('progress') },
  }));
  const when = 'tirsdag 24. november 2026 kl. 09:52';
  const preferences = `https://tilneste.example.no/varsler/${randomBytes(16).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
  const { text, html } = await renderReminderEmail({
    recipientName: `Kari Nordmann ${i}`,
    meetingTitle: 'Ordinært møte',
    when,
    place: 'Fylkeshuset, møterom 3',
    online: true,
    own: [{ workingGroup: null, items }],
    digest: [],
    preferencesUrl: preferences,
  });
  const ics = buildCalendar(
    {
      method: 'PUBLISH',
      organizer: { name: 'Faggruppe for plan og miljø 1', email: 'tilneste@example.no' },
      domain: 'example.no',
      now: new Date(),
    },
    [
      {
        meetingId: randomUUID(),
        sequence: 0,
        title: 'Ordinært møte – Faggruppe for plan og miljø 1',
        startsAt: '2026-11-24T08:52:48Z',
        endsAt: null,
        location: 'Fylkeshuset, møterom 3',
        description: `Møtet: Ordinært møte, ${when}`,
        status: 'confirmed',
      },
    ],
  );
  return { text, html, ics, headers: automaticMailHeaders(preferences) };
}

async function raw(smtpUrl: string, n: number, deadlineMs: number) {
  const transport = nodemailer.createTransport(smtpTransportOptions({ url: smtpUrl }));
  const messages = await Promise.all(
    Array.from({ length: n }, async (_, i) => ({ i, ...(await rawMessage(i)) })),
  );
  const deadline = setTimeout(() => fail(`raw: deadline of ${deadlineMs} ms passed`), deadlineMs);
  const cpu = process.cpuUsage();
  const started = performance.now();
  let sent = 0;
  await Promise.all(
    messages.map(({ i, text, html, ics, headers }) =>
      transport
        .sendMail({
          from: 'Tilneste <tilneste@example.no>',
          to: { name: `Kari Nordmann ${i}`, address: `kari.nordmann.${i}@example.no` },
          subject: 'Påminnelse: Ordinært møte tirsdag 24. november 2026 kl. 09:52',
          text,
          html,
          messageId: `<raw.${i}.${randomUUID()}@example.no>`,
          headers,
          attachments: [
            {
              filename: 'mote.ics',
              content: ics,
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              // As the reminder mailer encodes it (mimeMessage), so both sides send the same bytes.
              contentTransferEncoding: 'quoted-printable',
            },
          ],
        })
        .then(() => (sent += 1)),
    ),
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  clearTimeout(deadline);
  transport.close();
  return { ms, sent, cpuMs: (used.user + used.system) / 1000, rss: process.memoryUsage().rss };
}

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  let result: unknown;
  if (mode === 'seed') result = await seedDueReminders(args[0], Number(args[1]));
  else if (mode === 'ours') result = await ours(args[0], args[1], args[2], Number(args[3]), Number(args[4]));
  else if (mode === 'raw') result = await raw(args[0], Number(args[1]), Number(args[2]));
  else fail(`unknown mode ${mode}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((error) => fail(`${(error as Error).stack ?? error}`));
