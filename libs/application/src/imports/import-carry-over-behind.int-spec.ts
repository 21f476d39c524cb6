import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tilneste/domain-kit';
import { SqliteEventStore } from '@tilneste/event-store';
import { CARRY_OVERS_PENDING } from '@tilneste/minutes-import/plan';
import { ReadModelHost } from '@tilneste/projections';
import { FEBRUARY, JANUARY } from '../../testing/water-minutes';
import { Application } from '../application';
import { CarryOverPolicy } from '../carry-over.policy';
import type { PolicyDeps } from '../policy-context';
import { CommandContext } from '../command-context';
import { MinutesImportService } from './minutes-import.service';
import { MinutesReviewService } from './minutes-review.service';

// A commit that holds a meeting while the carry-over policy runs behind, over a real SQLite store and the real
// policy: the policy is held back at the held event (its read models answer only once let go), and its wait is cut
// short so the test need not sit out the 10 s a commit waits in production. The summary must not undercount.
jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-import-behind-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ADMIN: Actor = { kind: 'client', id: 'admin' };

async function open(name: string) {
  const store = new SqliteEventStore({ path: join(dir, `${name}.db`), pollIntervalMs: 20 });
  const readModels = new ReadModelHost(store);
  await readModels.start();
  const app = new Application(store, readModels, () => readModels.catalog);
  let gate: Promise<void> = Promise.resolve();
  let letGo = () => {};
  const deps: PolicyDeps = {
    app,
    store,
    checkpoints: store.checkpointStore(),
    // Whatever the policy handles waits at this gate first: shut, the policy is behind.
    readModels: {
      waitFor: async (position) => {
        await gate;
        await readModels.waitFor(position);
      },
    },
    catalog: () => readModels.catalog,
    settleTimeoutMs: 200,
  };
  const policy = new CarryOverPolicy(deps);
  policy.start();
  await policy.caughtUp;
  const imports = new MinutesImportService(store, readModels, policy, new MinutesReviewService(store));
  const groupId = randomUUID();
  const ctx = () => CommandContext.start(app, ADMIN, 'api');
  await ctx().run('group', { type: 'EstablishGroup', data: { groupId, name: 'Faggruppe for vann' } });
  const commit = async (text: string) => {
    const { id } = await imports.parse(
      { kind: 'text', data: text, fileName: null },
      { actor: ADMIN, via: 'api' },
    );
    return imports.commit(id, { groupId }, ctx());
  };
  return {
    store,
    readModels,
    policy,
    deps,
    commit,
    shut: () => {
      gate = new Promise((resolve) => (letGo = resolve));
    },
    letGo: () => letGo(),
    close: async () => {
      letGo();
      await policy.stop();
      await readModels.beforeApplicationShutdown();
      await store.close();
    },
  };
}

describe('the summary of a commit while the carry-over policy is behind', () => {
  it('says how many were carried over so far and how many follow, and the policy then carries them over', async () => {
    const { store, readModels, policy, deps, commit, shut, letGo, close } = await open('behind');
    try {
      await commit(JANUARY);
      // Per Hansen's task from January is open and due at February's meeting, which the commit holds.
      shut();
      const committed = await commit(FEBRUARY);
      expect(committed.recorded).toMatchObject({ held: 1, [CARRY_OVERS_PENDING]: 1 });
      expect(committed.recorded).not.toHaveProperty('carriedOver');
      const task = [...readModels.catalog.commitments.values()].find((c) => /ledningsnettet/.test(c.text))!;
      expect(task.carriedOver).toBe(0);

      letGo();
      deps.settleTimeoutMs = 10_000;
      expect(await policy.settled(store.headPosition!())).toBe(true);
      expect(readModels.catalog.commitments.get(task.id)!.carriedOver).toBe(1);
    } finally {
      await close();
    }
  });

  it('counts them as carried over, with nothing said to follow, when the policy keeps up', async () => {
    const { commit, close } = await open('keeping-up');
    try {
      await commit(JANUARY);
      const committed = await commit(FEBRUARY);
      expect(committed.recorded).toMatchObject({ held: 1, carriedOver: 1 });
      expect(committed.recorded).not.toHaveProperty(CARRY_OVERS_PENDING);
    } finally {
      await close();
    }
  });
});
