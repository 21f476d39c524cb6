import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@tilneste/event-store';
import { inSeconds, sleep, Story, testEngine, until } from '../testing/reminder-fixtures';
import { dropQueuePrefix } from '../testing/drop-queue-prefix';
import { mailBodies, mailSubject, TestSmtpServer } from '../testing/smtp-test-server';
import { formatWhen } from './reminder-compose';
import type { ReminderEngine } from './reminder-engine';
import { reminderJobId } from './reminder-policy';
import { reminderStream } from './reminders.events';
import { en, nb } from './reminder.messages';

// Real Redis, a real SMTP server in this process, a real SQLite file; each test its own queue prefix.
jest.setTimeout(30_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const dir = mkdtempSync(join(tmpdir(), 'tilneste-reminders-'));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function setup() {
  const store = new SqliteEventStore({ path: join(dir, `${randomUUID()}.db`), pollIntervalMs: 20 });
  const smtp = new TestSmtpServer();
  await smtp.start();
  const prefix = `tilneste-int-${randomUUID().slice(0, 8)}`;
  const engines: ReminderEngine[] = [];
  const engine = async (overrides: Partial<Parameters<typeof testEngine>[0]> = {}) => {
    const started = testEngine({
      store,
      checkpoints: store.checkpointStore(),
      smtpUrl: smtp.url,
      queuePrefix: prefix,
      ...overrides,
    });
    await started.start();
    engines.push(started);
    return started;
  };
  cleanups.push(async () => {
    for (const e of engines) await e.stop();
    await smtp.stop();
    await store.close();
    await dropQueuePrefix(REDIS_URL, prefix);
  });
  return { store, smtp, story: new Story(store), engine, prefix };
}

async function streamEvents(store: SqliteEventStore, stream: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const e of store.readStream(stream)) events.push(e);
  } catch {
    // no stream yet
  }
  return events;
}

const types = (events: RecordedEvent[]) => events.map((e) => e.type);

describe('reminders against real Redis and SMTP', () => {
  it('sends one e-mail for a reminder however often its job or events come again', async () => {
    const { store, smtp, story, engine } = await setup();
    await story.person('p1', 'Kari <script>alert(1)</script> Nordmann', 'kari@example.no');
    await story.group('g1', 'Faggruppe for plan', ['PT2S']);
    const startsAt = inSeconds(8);
    await story.meeting('m1', 'g1', startsAt);
    await story.commitment('c1', 'g1', 'm0', 'm1', 'p1', 'Fordele arbeidet mellom medlemmene');
    const first = await engine();
    // The same event delivered twice: the scheduler schedules the same id again, a no-op.
    const spec = {
      jobId: reminderJobId('m1', 'p1', 'PT2S', 1),
      meetingId: 'm1',
      groupId: 'g1',
      recipientId: 'p1',
      offset: 'PT2S',
      version: 1,
      sendAt: inSeconds(6, Date.parse(startsAt) - 8000),
    };
    await first.queue.schedule([spec], new Date());
    await until(() => smtp.received.length === 1, 10_000, 'the first e-mail');

    // A completed job's id is free again once removed: a replay re-adds it, and only the claim stops it.
    await until(
      async () => (await first.queue.queue.getJob(spec.jobId))?.finishedOn !== undefined,
      5_000,
      'the job to finish',
    );
    await first.queue.queue.remove(spec.jobId);
    await first.queue.schedule([spec], new Date());
    // A replay of every event from the start, by a fresh scheduler with its checkpoint reset.
    await first.stop();
    await store.checkpointStore().store('reminder-scheduler', 0n);
    const second = await engine();
    await second.reconcileNow();
    await sleep(2_000);

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail.messageId).toBe('<rem.m1.p1.PT2S.v1@test.local>');
    const body = mailBodies(mail.raw);
    expect(body).toContain('Fordele arbeidet mellom medlemmene');
    const html = body.slice(body.indexOf('<!doctype html>'), body.indexOf('</html>'));
    expect(html).toContain('Kari &lt;script&gt;alert(1)&lt;/script&gt; Nordmann');
    expect(html).not.toContain('<script>');
    expect(body).toContain('BEGIN:VCALENDAR');
    expect(types(await streamEvents(store, reminderStream('m1', 'p1', 'PT2S')))).toEqual([
      'ReminderClaimed',
      'ReminderSent',
    ]);
  });

  it('sends one e-mail at the new time of a moved meeting and none at the old', async () => {
    const { store, smtp, story, engine } = await setup();
    await story.person('p1', 'Ola Leder', 'ola@example.no');
    await story.group('g1', 'Faggruppe', ['PT2S']);
    const t0 = Date.now();
    const oldStart = inSeconds(4, t0);
    await story.meeting('m1', 'g1', oldStart);
    await story.commitment('c1', 'g1', 'm0', 'm1', 'p1', 'Sende ut innkallingen');
    const running = await engine();
    await until(
      async () => !!(await running.queue.queue.getJob(reminderJobId('m1', 'p1', 'PT2S', 1))),
      5_000,
      'the v1 job',
    );
    const newStart = inSeconds(7, t0);
    await story.reschedule('m1', newStart, oldStart);
    await until(
      async () => !(await running.queue.queue.getJob(reminderJobId('m1', 'p1', 'PT2S', 1))),
      5_000,
      'the v1 job to go',
    );
    expect(await running.queue.queue.getJob(reminderJobId('m1', 'p1', 'PT2S', 2))).toBeDefined();

    await until(() => smtp.received.length === 1, 10_000, 'the e-mail for the new time');
    await sleep(1_500);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].receivedAt).toBeGreaterThanOrEqual(t0 + 5_000 - 300);
    expect(smtp.received[0].messageId).toBe('<rem.m1.p1.PT2S.v2@test.local>');
    expect(mailBodies(smtp.received[0].raw)).toContain('SEQUENCE:1');
    const recorded = await streamEvents(store, reminderStream('m1', 'p1', 'PT2S'));
    expect(recorded.map((e) => [e.type, (e.data as { version: number }).version])).toEqual([
      ['ReminderClaimed', 2],
      ['ReminderSent', 2],
    ]);
  });

  it('lists only what is still open: nothing for a recipient who finished, less on the 1-day reminder', async () => {
    const { store, smtp, story, engine } = await setup();
    await story.person('p1', 'Per Eier', 'per@example.no');
    await story.person('p2', 'Pia Ferdig', 'pia@example.no');
    await story.group('g1', 'Faggruppe', ['PT4S', 'PT2S']);
    await story.meeting('m1', 'g1', inSeconds(6));
    await story.commitment('c1', 'g1', 'm0', 'm1', 'p1', 'Skrive utkast til posisjonsnotat');
    await story.commitment('c2', 'g1', 'm0', 'm1', 'p1', 'Kontakte kommunene om kartgrunnlaget');
    await story.commitment('c3', 'g1', 'm0', 'm1', 'p2', 'Bestille møterom');
    await engine();
    await story.complete('c3');

    await until(() => smtp.to('per@example.no').length === 1, 10_000, 'the first reminder');
    const first = mailBodies(smtp.to('per@example.no')[0].raw);
    expect(first).toContain('Skrive utkast til posisjonsnotat');
    expect(first).toContain('Kontakte kommunene om kartgrunnlaget');
    await story.complete('c1');

    await until(() => smtp.to('per@example.no').length === 2, 10_000, 'the second reminder');
    const second = mailBodies(smtp.to('per@example.no')[1].raw);
    expect(second).not.toContain('Skrive utkast til posisjonsnotat');
    expect(second).toContain('Kontakte kommunene om kartgrunnlaget');
    await sleep(500);
    expect(smtp.to('pia@example.no')).toHaveLength(0);
    const sent = (await streamEvents(store, reminderStream('m1', 'p1', 'PT2S'))).find(
      (e) => e.type === 'ReminderSent',
    );
    expect((sent!.data as { commitmentIds: string[] }).commitmentIds).toEqual(['c2']);
  });

  it('retries 421 and 451 with backoff and delivers exactly once when the server recovers', async () => {
    const { store, smtp, story, engine } = await setup();
    smtp.reply = (n) =>
      n <= 2
        ? { code: 421, message: 'Try again later' }
        : n === 3
          ? { code: 451, message: 'Local error' }
          : null;
    await story.person('p1', 'Ola Leder', 'ola@example.no');
    await story.group('g1', 'Faggruppe', ['PT10S']);
    await story.meeting('m1', 'g1', inSeconds(11));
    await story.commitment('c1', 'g1', 'm0', 'm1', 'p1', 'Sende ut innkallingen');
    await engine();

    await until(() => smtp.received.length === 1, 20_000, 'the delivery after recovery');
    await sleep(1_500);
    expect(smtp.dataAttempts).toBe(4);
    expect(smtp.received).toHaveLength(1);
    const recorded = types(await streamEvents(store, reminderStream('m1', 'p1', 'PT10S')));
    expect(recorded).toEqual([
      'ReminderClaimed',
      'ReminderAttemptFailed',
      'ReminderClaimed',
      'ReminderAttemptFailed',
      'ReminderClaimed',
      'ReminderAttemptFailed',
      'ReminderClaimed',
      'ReminderSent',
    ]);
  });

  it('retries a refused connection and delivers once the server listens', async () => {
    const { store, smtp, story, engine } = await setup();
    const port = smtp.port;
    await smtp.stop();
    await story.person('p1', 'Ola Leder', 'ola@example.no');
    await story.group('g1', 'Faggruppe', ['PT10S']);
    await story.meeting('m1', 'g1', inSeconds(11));
    await story.commitment('c1', 'g1', 'm0', 'm1', 'p1', 'Sende ut innkallingen');
    await engine();
    await until(
      async () =>
        types(await streamEvents(store, reminderStream('m1', 'p1', 'PT10S'))).includes(
          'ReminderAttemptFailed',
        ),
      10_000,
      'a failed attempt',
    );
    await smtp.start(port);

    await until(() => smtp.received.length === 1, 20_000, 'the delivery');
    await sleep(1_000);
    expect(smtp.received).toHaveLength(1);
    expect(types(await streamEvents(store, reminderStream('m1', 'p1', 'PT10S'))).at(-1)).toBe('ReminderSent');
  });

  it('heals a flushed Redis by itself: the reconciler puts the job back', async () => {
    const { smtp, story, engine, prefix } = await setup();
    await story.person('p1', 'Ola Leder', 'ola@example.no');
    await story.group('g1', 'Faggruppe', ['PT3S']);
    await story.meeting('m1', 'g1', inSeconds(8));
    await story.commitment('c1', 'g1', 'm0', 'm1', 'p1', 'Sende ut innkallingen');
    const running = await engine({ reconcileEveryMs: 1_000 });
    const jobId = reminderJobId('m1', 'p1', 'PT3S', 1);
    await until(async () => !!(await running.queue.queue.getJob(jobId)), 5_000, 'the job');
    // Everything goes, the job scheduler of the reconciler included.
    await dropQueuePrefix(REDIS_URL, prefix);

    // The reconciler's own schedule is flushed too; the watchdog puts it back within a second, and it re-queues the
    // job. The flush deletes key by key while the queue is at work, so it can leave the job's record in no list,
    // which blocks adding it again; the reconciler adds such a job again (it failed here 2 runs in 3 before it did).
    await until(() => smtp.received.length === 1, 30_000, 'the e-mail after the flush');
    expect(smtp.received[0].messageId).toBe('<rem.m1.p1.PT3S.v1@test.local>');
  }, 60_000);

  it('fails once on a 550 and records it', async () => {
    const { store, smtp, story, engine } = await setup();
    smtp.reply = () => ({ code: 550, message: 'No such user here' });
    await story.person('p1', 'Ola Leder', 'ola@example.no');
    await story.group('g1', 'Faggruppe', ['PT10S']);
    await story.meeting('m1', 'g1', inSeconds(11));
    await story.commitment('c1', 'g1', 'm0', 'm1', 'p1', 'Sende ut innkallingen');
    await engine();

    const stream = reminderStream('m1', 'p1', 'PT10S');
    await until(
      async () => types(await streamEvents(store, stream)).includes('ReminderFailed'),
      10_000,
      'the failure',
    );
    await sleep(2_000);
    expect(smtp.dataAttempts).toBe(1);
    expect(smtp.received).toHaveLength(0);
    const events = await streamEvents(store, stream);
    expect(types(events)).toEqual(['ReminderClaimed', 'ReminderFailed']);
    expect(events[1].data).toMatchObject({ permanent: true, reason: expect.stringContaining('550') });
  });
});

describe('cancellations and moves after a reminder, against real Redis and SMTP', () => {
  const header = (raw: string, name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(raw)?.[1]?.trim();

  it('sends a cancellation once to the person reminded: same UID, higher SEQUENCE, METHOD:CANCEL', async () => {
    const { store, smtp, story, engine } = await setup();
    await story.person('p1', 'Ola Leder', 'ola@example.no');
    await story.group('g1', 'Faggruppe', ['PT3S']);
    await story.meeting('m1', 'g1', inSeconds(6));
    await story.commitment('c1', 'g1', 'm0', 'm1', 'p1', 'Sende ut innkallingen');
    const first = await engine();
    await until(() => smtp.received.length === 1, 10_000, 'the reminder');
    const reminder = smtp.received[0].raw;
    expect(header(reminder, 'Auto-Submitted')).toBe('auto-generated');
    expect(header(reminder, 'List-Unsubscribe')).toMatch(
      /^<http:\/\/localhost:3000\/varsler\/[\w-]+\.[\w-]{43}>$/,
    );
    expect(header(reminder, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(mailBodies(reminder)).toContain('ORGANIZER;CN=Faggruppe:mailto:tilneste@test.local');

    await story.cancel('m1');
    await until(() => smtp.received.length === 2, 10_000, 'the cancellation');
    const cancellation = smtp.received[1];
    expect(cancellation.messageId).toBe('<rem.m1.p1.cancel.v1@test.local>');
    expect(cancellation.subject).toMatch(/^=\?UTF-8\?|^Avlyst/);
    expect(cancellation.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=CANCEL/i);
    const ics = mailBodies(cancellation.raw);
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('UID:meeting-m1@test.local');
    expect(ics).toContain('SEQUENCE:1');
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).toContain('ATTENDEE;CN=Ola Leder:mailto:ola@example.no');

    // A replay from the start and a reconcile: the claim keeps it at one cancellation.
    await first.stop();
    await store.checkpointStore().store('reminder-scheduler', 0n);
    const second = await engine();
    await second.reconcileNow();
    await sleep(1_500);
    expect(smtp.received).toHaveLength(2);
    expect(types(await streamEvents(store, reminderStream('m1', 'p1', 'cancel')))).toEqual([
      'ReminderClaimed',
      'ReminderSent',
    ]);
  });

  it('sends an update once when a meeting moves after its last reminder went', async () => {
    const { store, smtp, story, engine } = await setup();
    await story.person('p1', 'Ola Leder', 'ola@example.no');
    await story.group('g1', 'Faggruppe', ['PT3S']);
    const oldStart = inSeconds(5);
    await story.meeting('m1', 'g1', oldStart);
    await story.commitment('c1', 'g1', 'm0', 'm1', 'p1', 'Sende ut innkallingen');
    const running = await engine();
    await until(() => smtp.received.length === 1, 10_000, 'the reminder');
    const newStart = inSeconds(3_600);
    await story.reschedule('m1', newStart, oldStart);
    await until(() => smtp.received.length === 2, 10_000, 'the update');
    await running.reconcileNow();
    await sleep(1_500);
    expect(smtp.received).toHaveLength(2);
    const update = smtp.received[1];
    expect(update.messageId).toBe('<rem.m1.p1.update.v2@test.local>');
    const body = mailBodies(update.raw);
    expect(body).toContain('METHOD:PUBLISH');
    expect(body).toContain('SEQUENCE:1');
    expect(body).toContain(`DTSTART:${newStart.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
    expect(body).toContain('er flyttet til');
    expect(types(await streamEvents(store, reminderStream('m1', 'p1', 'update')))).toEqual([
      'ReminderClaimed',
      'ReminderSent',
    ]);
  });
});

describe('the language a person chose for their e-mails, against real Redis and SMTP', () => {
  it('writes the reminder, the chair overview and the cancellation in English to who chose it, in bokmål to the others', async () => {
    const { smtp, story, engine } = await setup();
    await story.person('p1', 'Jane Chair', 'jane@example.no');
    await story.person('p2', 'Kari Nordmann', 'kari@example.no');
    await story.preferences('p1', {
      reminders: 'all',
      chairDigest: true,
      calendarNotices: true,
      language: 'en',
    });
    await story.group(
      'g1',
      'Faggruppe',
      ['PT4S'],
      [
        ['p1', 'chair'],
        ['p2', 'member'],
      ],
    );
    const startsAt = inSeconds(8);
    await story.meeting('m1', 'g1', startsAt);
    await story.commitment('c1', 'g1', 'm0', 'm1', 'p1', 'Send the summary');
    await story.commitment('c2', 'g1', 'm0', 'm1', 'p2', 'Fordele arbeidet');
    await engine();
    await until(() => smtp.received.length === 2, 10_000, 'both reminders');

    const [english] = smtp.to('jane@example.no');
    expect(mailSubject(english.raw)).toBe(`Reminder: Møte i faggruppen ${formatWhen(startsAt, en)}`);
    const englishBody = mailBodies(english.raw);
    expect(englishBody).toContain('Hello Jane Chair,');
    expect(englishBody).toContain(en.digestHeading);
    expect(englishBody).toContain(en.owner('Kari Nordmann'));
    expect(englishBody).toContain('<html lang="en"');
    expect(englishBody).toContain(`DESCRIPTION:${en.meetingHeading}: Møte i faggruppen`);
    expect(english.raw).toContain(`filename=${en.calendarFile}`);
    expect(englishBody).not.toContain(nb.digestHeading);

    const [bokmal] = smtp.to('kari@example.no');
    expect(mailSubject(bokmal.raw)).toBe(`Påminnelse: Møte i faggruppen ${formatWhen(startsAt, nb)}`);
    const bokmalBody = mailBodies(bokmal.raw);
    expect(bokmalBody).toContain('Hei Kari Nordmann,');
    expect(bokmalBody).toContain('<html lang="nb"');
    expect(bokmalBody).toContain(`DESCRIPTION:${nb.meetingHeading}: Møte i faggruppen`);
    expect(bokmal.raw).toContain(`filename=${nb.calendarFile}`);

    await story.cancel('m1');
    await until(() => smtp.received.length === 4, 10_000, 'both cancellations');
    expect(mailSubject(smtp.to('jane@example.no')[1].raw)).toBe(
      en.notice.cancelledSubject('Møte i faggruppen', formatWhen(startsAt, en)),
    );
    expect(mailSubject(smtp.to('kari@example.no')[1].raw)).toBe(
      nb.notice.cancelledSubject('Møte i faggruppen', formatWhen(startsAt, nb)),
    );
  });
});
