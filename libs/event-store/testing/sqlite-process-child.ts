// A separate OS process for the SQLite process tests; run with `node --import tsx`.
// Usage: sqlite-process-child.ts MODE DB_PATH STREAM [COUNT]
import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError } from '../src/errors';
import { SqliteEventStore } from '../src/sqlite/sqlite-event-store';

const [mode, path, stream, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 0);
const store = new SqliteEventStore({ path });
const say = (line: object) =>
  process.stdout.write(`${JSON.stringify(line, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`);
const newEvent = (data: Record<string, string | number>) => ({
  id: randomUUID(),
  type: 'ProcessWrote',
  data: { pid: process.pid, ...data },
});

async function lastRevision(): Promise<bigint | 'no_stream'> {
  try {
    for await (const e of store.readStream(stream, { direction: 'backwards', maxCount: 1 }))
      return e.revision;
  } catch {
    return 'no_stream';
  }
  return 'no_stream';
}

const modes: Record<string, () => Promise<void>> = {
  // Waits for "go" on stdin, then appends once expecting revision 0.
  async once() {
    const go = new Promise((resolve) => process.stdin.once('data', resolve));
    say({ ready: true });
    await go;
    process.stdin.destroy();
    try {
      const result = await store.appendToStream(stream, [newEvent({ n: 0 }), newEvent({ n: 1 })], {
        expectedRevision: 0n,
      });
      say({ ok: true, revision: result.nextExpectedRevision });
    } catch (error) {
      say({ ok: false, error: (error as Error).name });
    }
  },
  // Optimistic loop: read the head, append expecting it, until the stream holds COUNT events.
  async contend() {
    const wins: string[] = [];
    const losses: string[] = [];
    for (;;) {
      const head = await lastRevision();
      if (head !== 'no_stream' && head >= BigInt(count - 1)) break;
      const expected = head === 'no_stream' ? 'no_stream' : head;
      try {
        await store.appendToStream(stream, [newEvent({ expected: String(expected) })], {
          expectedRevision: expected,
        });
        wins.push(String(expected));
      } catch (error) {
        losses.push(error instanceof WrongExpectedVersionError ? 'WrongExpectedVersionError' : String(error));
      }
    }
    say({ wins, losses });
  },
  // Says whether opening rewrote the file's layout, and how many events it then reads.
  async layout() {
    let events = 0;
    for await (const event of store.readAll()) if (event) events += 1;
    say({ layoutChange: store.layoutChange ?? null, events });
  },
  // Appends COUNT single events to its own stream.
  async sequence() {
    for (let i = 0; i < count; i++) await store.appendToStream(stream, [newEvent({ i })]);
    say({ done: true });
  },
  // Appends batches of three for ever, acknowledging each after the append returns; killed from outside.
  async writer() {
    for (let batch = 0; ; batch++) {
      const events = [0, 1, 2].map((part) => newEvent({ batch, part }));
      const result = await store.appendToStream(stream, events);
      say({ ack: batch, ids: events.map((e) => e.id), revision: result.nextExpectedRevision });
    }
  },
};

// Appends COUNT single events and returns without closing the store: the process must still end by itself.
async function leaveOpen() {
  for (let i = 0; i < count; i++) await store.appendToStream(stream, [newEvent({ i })]);
  say({ done: true });
}

if (mode === 'leave-open') {
  void leaveOpen();
} else {
  modes[mode]()
    .then(() => store.close())
    // Said after close resolves: a process that ended while close was pending would not say it.
    .then(() => say({ closed: true }))
    .catch((error) => {
      process.stderr.write(`${(error as Error).stack}\n`);
      process.exit(1);
    });
}
