import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@tilneste/event-store';
import { inSeconds, Story, until } from '../testing/reminder-fixtures';
import { dropQueuePrefix } from '../testing/drop-queue-prefix';
import { TestSmtpServer } from '../testing/smtp-test-server';
import { reminderStream } from './reminders.events';

// The worker runs as a separate process here, so that it can really be killed. Nothing here waits on a clock:
// each step waits for what it is about (a message at the SMTP server, an event in the store, the worker's
// own word), up to a deadline long enough for a worker to start on a loaded machine.
const DEADLINE_MS = 90_000;
jest.setTimeout(4 * DEADLINE_MS);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = join(__dirname, '../../..');
const CHILD = join(__dirname, '../testing/reminder-worker.child.ts');
const dir = mkdtempSync(join(tmpdir(), 'tilneste-crash-'));
const prefix = `tilneste-crash-${randomUUID().slice(0, 8)}`;
const children: ChildProcess[] = [];
/** Each scenario's SMTP server and store until its test closes them: a failed test leaves them to afterAll. */
const open = new Set<{ smtp: TestSmtpServer; store: SqliteEventStore }>();
async function release(scene: { smtp: TestSmtpServer; store: SqliteEventStore }): Promise<void> {
  open.delete(scene);
  await scene.smtp.stop();
  await scene.store.close();
}
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const scene of open) await release(scene);
  for (const name of ['killed', 'terminated']) await dropQueuePrefix(REDIS_URL, `${prefix}-${name}`);
  rmSync(dir, { recursive: true, force: true });
});

function startWorker(
  sqlitePath: string,
  smtpUrl: string,
  queuePrefix: string,
): ChildProcess & { output: string } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: {
      ...process.env,
      SQLITE_PATH: sqlitePath,
      SMTP_URL: smtpUrl,
      REMINDER_QUEUE_PREFIX: queuePrefix,
      REDIS_URL,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { output: string };
  child.output = '';
  child.stdout!.on('data', (d) => (child.output += d));
  child.stderr!.on('data', (d) => (child.output += d));
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once('exit', () => r()));

async function types(store: SqliteEventStore, stream: string): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const e of store.readStream(stream)) out.push(e.type);
  } catch {
    // no stream yet
  }
  return out;
}

/** The outcomes after which nothing more is done with a claimed reminder. */
const SETTLED = new Set(['ReminderSent', 'ReminderNeedsAttention', 'ReminderFailed']);

/**
 * A meeting an hour ahead whose only reminder was due an hour ago: the last one due goes out as soon as a
 * worker sees it, however long the worker took to start, and the meeting has not begun by then.
 */
async function scenario(name: string) {
  const path = join(dir, `${name}.db`);
  const store = new SqliteEventStore({ path, pollIntervalMs: 20 });
  const story = new Story(store);
  await story.person('p1', 'Ola Leder', 'ola@example.no');
  await story.group('g1', 'Faggruppe', ['PT2H']);
  await story.meeting('m1', 'g1', inSeconds(3600));
  await story.commitment('c1', 'g1', 'm0', 'm1', 'p1', 'Sende ut innkallingen');
  const smtp = new TestSmtpServer();
  await smtp.start();
  const scene = {
    path,
    store,
    smtp,
    stream: reminderStream('m1', 'p1', 'PT2H'),
    queuePrefix: `${prefix}-${name}`,
  };
  open.add(scene);
  return scene;
}

describe('a reminder worker process that dies or is stopped', () => {
  it('does not send again after it was killed right after the server took the message', async () => {
    const scene = await scenario('killed');
    const { path, store, smtp, stream, queuePrefix } = scene;
    const first = startWorker(path, smtp.url, queuePrefix);
    smtp.beforeAnswer = async () => {
      // The server has the whole message; the worker dies before it can hear the 250 or record anything.
      first.kill('SIGKILL');
      await exited(first);
    };
    await until(
      () => smtp.received.length === 1,
      DEADLINE_MS,
      () => `the first delivery (${first.output})`,
    );
    expect(first.signalCode).toBe('SIGKILL');
    expect(await types(store, stream)).toEqual(['ReminderClaimed']);

    smtp.beforeAnswer = () => undefined;
    const second = startWorker(path, smtp.url, queuePrefix);
    // The second worker is done with the reminder once it recorded an outcome: sent again, or left for a person.
    await until(
      async () => SETTLED.has((await types(store, stream)).at(-1) ?? ''),
      DEADLINE_MS,
      () => `the stalled job to be settled (${second.output})`,
    );
    expect(await types(store, stream)).toEqual(['ReminderClaimed', 'ReminderNeedsAttention']);
    expect(smtp.received).toHaveLength(1);
    second.kill('SIGTERM');
    await exited(second);
    await release(scene);
  });

  it('lets a send in progress finish and record its outcome on SIGTERM', async () => {
    const scene = await scenario('terminated');
    const { path, store, smtp, stream, queuePrefix } = scene;
    const worker = startWorker(path, smtp.url, queuePrefix);
    let terminatedDuringSend = false;
    smtp.beforeAnswer = async () => {
      worker.kill('SIGTERM');
      terminatedDuringSend = true;
      // The server answers only once the worker has begun to stop: the send is still in progress then.
      await until(
        () => worker.output.includes('stopping'),
        DEADLINE_MS,
        () => `the worker to begin stopping (${worker.output})`,
      );
    };
    await until(
      () => worker.exitCode !== null || worker.signalCode !== null,
      2 * DEADLINE_MS,
      () => `the worker to send and stop (${worker.output})`,
    );
    expect(terminatedDuringSend).toBe(true);
    expect(worker.exitCode).toBe(0);
    expect(worker.output).toContain('stopped');
    expect(smtp.received).toHaveLength(1);
    expect(await types(store, stream)).toEqual(['ReminderClaimed', 'ReminderSent']);
    await release(scene);
  });
});
