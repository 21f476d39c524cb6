import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@tilneste/event-store';
import { inSeconds, sleep, Story, until } from '../testing/reminder-fixtures';
import { dropQueuePrefix } from '../testing/drop-queue-prefix';
import { TestSmtpServer } from '../testing/smtp-test-server';
import { reminderStream } from './reminders.events';

// The worker runs as a separate process here, so that it can really be killed.
jest.setTimeout(40_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = join(__dirname, '../../..');
const CHILD = join(__dirname, '../testing/reminder-worker.child.ts');
const dir = mkdtempSync(join(tmpdir(), 'tilneste-crash-'));
const prefix = `tilneste-crash-${randomUUID().slice(0, 8)}`;
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const name of ['killed', 'terminated']) await dropQueuePrefix(REDIS_URL, `${prefix}-${name}`);
  rmSync(dir, { recursive: true, force: true });
});

function startWorker(sqlitePath: string, smtpUrl: string, queuePrefix: string): ChildProcess & { output: string } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: { ...process.env, SQLITE_PATH: sqlitePath, SMTP_URL: smtpUrl, REMINDER_QUEUE_PREFIX: queuePrefix, REDIS_URL },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { output: string };
  child.output = '';
  child.stdout!.on('data', (d) => (child.output += d));
  child.stderr!.on('data', (d) => (child.output += d));
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));

async function types(store: SqliteEventStore, stream: string): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const e of store.readStream(stream)) out.push(e.type);
  } catch {
    // no stream yet
  }
  return out;
}

async function scenario(name: string) {
  const path = join(dir, `${name}.db`);
  const store = new SqliteEventStore({ path, pollIntervalMs: 20 });
  const story = new Story(store);
  await story.person('p1', 'Ola Leder', 'ola@example.no');
  await story.group('g1', 'Faggruppe', ['PT12S']);
  await story.meeting('m1', 'g1', inSeconds(14));
  await story.commitment('c1', 'g1', 'm0', 'm1', 'p1', 'Sende ut innkallingen');
  const smtp = new TestSmtpServer();
  await smtp.start();
  return { path, store, smtp, stream: reminderStream('m1', 'p1', 'PT12S'), queuePrefix: `${prefix}-${name}` };
}

describe('a reminder worker process that dies or is stopped', () => {
  it('does not send again after it was killed right after the server took the message', async () => {
    const { path, store, smtp, stream, queuePrefix } = await scenario('killed');
    const first = startWorker(path, smtp.url, queuePrefix);
    smtp.beforeAnswer = async () => {
      // The server has the whole message; the worker dies before it can hear the 250 or record anything.
      first.kill('SIGKILL');
      await exited(first);
    };
    await until(() => smtp.received.length === 1, 20_000, `the first delivery (${first.output})`);
    expect(first.signalCode).toBe('SIGKILL');
    expect(await types(store, stream)).toEqual(['ReminderClaimed']);

    smtp.beforeAnswer = () => undefined;
    const second = startWorker(path, smtp.url, queuePrefix);
    await until(async () => (await types(store, stream)).includes('ReminderNeedsAttention'), 20_000, `the stalled job to be looked at (${second.output})`);
    await sleep(1_000);
    expect(smtp.received).toHaveLength(1);
    expect(await types(store, stream)).toEqual(['ReminderClaimed', 'ReminderNeedsAttention']);
    second.kill('SIGTERM');
    await exited(second);
    await smtp.stop();
    await store.close();
  });

  it('lets a send in progress finish and record its outcome on SIGTERM', async () => {
    const { path, store, smtp, stream, queuePrefix } = await scenario('terminated');
    const worker = startWorker(path, smtp.url, queuePrefix);
    let terminatedDuringSend = false;
    smtp.beforeAnswer = async () => {
      worker.kill('SIGTERM');
      terminatedDuringSend = true;
      await sleep(1_000);
    };
    await exited(worker);
    expect(terminatedDuringSend).toBe(true);
    expect(worker.exitCode).toBe(0);
    expect(worker.output).toContain('stopped');
    expect(smtp.received).toHaveLength(1);
    expect(await types(store, stream)).toEqual(['ReminderClaimed', 'ReminderSent']);
    await smtp.stop();
    await store.close();
  });
});
