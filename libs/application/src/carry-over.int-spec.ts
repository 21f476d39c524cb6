import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tilneste/domain-kit';
import { headPosition, SqliteEventStore, type RecordedEvent } from '@tilneste/event-store';
import { ReadModelHost } from '@tilneste/projections';
import { watchSubscriptions } from '../testing/watched-subscriptions';
import { Application } from './application';
import { CarryOverPolicy } from './carry-over.policy';
import { CommandContext } from './command-context';

jest.setTimeout(120_000);

const CHILD = join(__dirname, '../testing/carry-over.child.ts');

function run(mode: 'hold' | 'recover', path: string): Promise<{ signal: string | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode], {
      env: { ...process.env, SQLITE_PATH: path },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (errors += d));
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code && code !== 0
        ? reject(new Error(`${mode} exited ${code}: ${errors}`))
        : resolve({ signal, output }),
    );
  });
}

/** The child's one JSON line; the read models' logger writes to stdout too. */
const answer = <T>(output: string): T => JSON.parse(output.split('\n').find((l) => l.startsWith('{'))!) as T;

async function streamEvents(path: string, stream: string): Promise<RecordedEvent[]> {
  const store = new SqliteEventStore({ path });
  try {
    const events: RecordedEvent[] = [];
    for await (const e of store.readStream(stream)) events.push(e);
    return events;
  } finally {
    await store.close();
  }
}

describe('Carry-over as a policy fed by the subscription', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'tilneste-carry-over-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('carries every open commitment over exactly once after a SIGKILL right after MeetingHeld is stored', async () => {
    const path = join(dir, 'events.db');
    const held = await run('hold', path);
    expect(held.signal).toBe('SIGKILL');
    const setup = answer<{
      march: string;
      dueAtMarch: string[];
      notDue: string[];
    }>(held.output);
    const meeting = await streamEvents(path, `meeting-${setup.march}`);
    const heldEvent = meeting.find((e) => e.type === 'MeetingHeld')!;
    expect(heldEvent).toBeDefined();
    // Nothing was carried over before the process died.
    for (const id of setup.dueAtMarch)
      expect((await streamEvents(path, `commitment-${id}`)).map((e) => e.type)).not.toContain(
        'CommitmentCarriedOver',
      );

    for (const attempt of [1, 2]) {
      const { output } = await run('recover', path);
      const { commitments } = answer<{
        commitments: { id: string; carriedOver: number; anchorMeetingId: string }[];
      }>(output);
      const byId = new Map(commitments.map((c) => [c.id, c]));
      for (const id of setup.dueAtMarch)
        expect({ attempt, ...byId.get(id) }).toMatchObject({
          attempt,
          carriedOver: 1,
          anchorMeetingId: setup.march,
        });
      for (const id of setup.notDue) expect(byId.get(id)?.carriedOver).toBe(0);
      for (const id of setup.dueAtMarch) {
        const carried = (await streamEvents(path, `commitment-${id}`)).filter(
          (e) => e.type === 'CommitmentCarriedOver',
        );
        expect(carried).toHaveLength(1);
        expect(carried[0].metadata).toMatchObject({
          causationId: `meeting-${setup.march}@${String(heldEvent.revision)}`,
          via: 'system',
          actor: { kind: 'client', id: 'admin' },
        });
      }
    }
  });

  describe('its checkpoint, in a store where no meeting was ever held', () => {
    const ADMIN: Actor = { kind: 'client', id: 'admin' };

    /** One start: the store, the read models, the application, and the policy, with where it starts reading. */
    async function open(path: string) {
      const store = new SqliteEventStore({ path, pollIntervalMs: 10 });
      const readModels = new ReadModelHost(store);
      await readModels.start();
      const app = new Application(store, readModels, () => readModels.catalog);
      const watched = watchSubscriptions(store);
      const policy = new CarryOverPolicy({
        app,
        store: watched.store,
        checkpoints: store.checkpointStore(),
        readModels,
        catalog: () => readModels.catalog,
      });
      return {
        store,
        readModels,
        policy,
        from: watched.from,
        ctx: () => CommandContext.start(app, ADMIN, 'api'),
        async close() {
          await policy.stop();
          await readModels.beforeApplicationShutdown();
          await store.close();
        },
      };
    }

    it('is stored at the head once caught up, so the next start reads only what came after', async () => {
      const path = join(dir, 'never-held.db');
      const before = await open(path);
      let head: bigint;
      try {
        const ctx = before.ctx;
        await ctx().run('person', {
          type: 'RegisterPerson',
          data: { personId: 'kari', name: 'Kari Nordmann' },
        });
        await ctx().run('group', { type: 'EstablishGroup', data: { groupId: 'g', name: 'Kulturutvalget' } });
        await ctx().run('meeting', {
          type: 'ScheduleMeeting',
          data: { meetingId: 'march', groupId: 'g', startsAt: '2026-03-12T09:00:00+01:00' },
        });
        await ctx().run('commitment', {
          type: 'MakeCommitment',
          data: {
            commitmentId: 'c',
            groupId: 'g',
            meetingId: 'march',
            text: 'Lage budsjett for festivalen',
            owner: { kind: 'person', personId: 'kari' },
            due: { kind: 'meeting', meetingId: 'march' },
          },
        });
        head = await headPosition(before.store);
        before.policy.start();
        await before.policy.caughtUp;
        await before.policy.stop();
        expect(before.from).toEqual(['start']);
        // Before, nothing was stored until the first held meeting: every start read the whole store again.
        expect(await before.store.checkpointStore().load('carry-over')).toBe(head);
        await ctx().run('meeting', { type: 'HoldMeeting', data: { meetingId: 'march' } });
      } finally {
        await before.close();
      }

      const o = await open(path);
      try {
        o.policy.start();
        await o.policy.caughtUp;
        expect(o.from).toEqual([head]);
        // The held meeting in the tail is handled all the same.
        await o.readModels.waitFor(await headPosition(o.store));
        expect(o.readModels.catalog.commitments.get('c')).toMatchObject({ carriedOver: 1 });
      } finally {
        await o.close();
      }
    });
  });
});
