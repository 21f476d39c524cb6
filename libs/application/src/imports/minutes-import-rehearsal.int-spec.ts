import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tilneste/domain-kit';
import { SqliteEventStore } from '@tilneste/event-store';
import { countRecorded, type RecordedKind } from '@tilneste/minutes-import/plan';
import { ReadModelHost } from '@tilneste/projections';
import { startCarryOver } from '../../testing/start-carry-over';
import { FEBRUARY, JANUARY, MARCH } from '../../testing/water-minutes';
import { Application } from '../application';
import { CommandContext } from '../command-context';
import { MinutesImportService } from './minutes-import.service';
import { MinutesReviewService } from './minutes-review.service';
import { KIND_OF_EVENT } from '../../testing/recorded-kinds';

// What a reviewer is shown before recording (a rehearsal of the commit) against what the commit then records and
// the store then holds, over a real SQLite store and carry-over policy, for a history imported out of order.
jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-import-rehearsal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ADMIN: Actor = { kind: 'client', id: 'admin' };

/** The import's own bookkeeping, beside the events above. */
const BOOKKEEPING = new Set(['MinutesImported', 'MinutesImportedIntoGroup']);

async function open(name: string) {
  const store = new SqliteEventStore({ path: join(dir, `${name}.db`), pollIntervalMs: 20 });
  const readModels = new ReadModelHost(store);
  await readModels.start();
  const app = new Application(store, readModels, () => readModels.catalog);
  const carryOver = await startCarryOver(app, store, readModels);
  const imports = new MinutesImportService(store, readModels, carryOver, new MinutesReviewService(store));
  const ctx = () => CommandContext.start(app, ADMIN, 'api');
  const groupId = randomUUID();
  await ctx().run('group', { type: 'EstablishGroup', data: { groupId, name: 'Faggruppe for vann' } });
  const parse = async (text: string) =>
    (await imports.parse({ kind: 'text', data: text, fileName: null }, { actor: ADMIN, via: 'api' })).id;
  const commit = async (text: string) => imports.commit(await parse(text), { groupId }, ctx());
  /** The events stored after `from`, counted by kind; anything else but the bookkeeping is an error. */
  const storedSince = async (from: bigint) => {
    const counts: Partial<Record<RecordedKind, number>> = {};
    for await (const e of store.readAll({ fromPosition: from + 1n })) {
      const kind = KIND_OF_EVENT[e.type];
      if (kind) counts[kind] = (counts[kind] ?? 0) + 1;
      else if (!BOOKKEEPING.has(e.type))
        throw new Error(`an import recorded ${e.type}, which no kind counts`);
    }
    return counts;
  };
  const close = async () => {
    await carryOver.stop();
    await readModels.beforeApplicationShutdown();
    await store.close();
  };
  return { store, readModels, imports, groupId, parse, commit, storedSince, close };
}

describe('the preview of a commit, rehearsed', () => {
  it('shows the same records the commit then makes, follow-ups and all, and the commit counts what it stored', async () => {
    const { store, readModels, imports, groupId, parse, storedSince, commit, close } =
      await open('march-first');
    try {
      await commit(JANUARY);
      await commit(MARCH);
      const february = await parse(FEBRUARY);

      const before = store.headPosition!();
      const entities = () => {
        const { people, meetings, commitments, workingGroups, groups } = readModels.catalog;
        const group = groups.get(groupId)!;
        return JSON.stringify([
          ...[people, meetings, commitments, workingGroups].map((m) => [...m.values()]),
          [group.meetingIds, [...group.commitmentIds], [...group.workingGroupIds], [...group.members]],
        ]);
      };
      const catalogBefore = entities();
      const { plan, steps } = await imports.rehearse(february, { groupId }, ADMIN);
      // Nothing stored, nothing in the read models changed.
      expect(store.headPosition!()).toBe(before);
      expect(entities()).toBe(catalogBefore);

      const followUps = steps.followUps.filter((s) => s.events.length > 0).map((s) => s.command);
      const catalog = readModels.catalog;
      const meetingOn = (date: string) =>
        [...catalog.meetings.values()].find((m) => m.groupId === groupId && m.startsAt.startsWith(date))!;
      const anneTask = plan.commands.find((c) => c.type === 'MakeCommitment')!.data.commitmentId;
      const perHansen = [...catalog.people.values()].find((p) => p.name === 'Per Hansen')!.id;
      // February's minutes approved at March (which came first), January's at February; Anne's task was due at
      // March, held already, so it is carried over there. March, the latest, named Per Hansen the lead: February's
      // Anne Lie joins as a member, and the lead is never changed to her and back.
      expect(followUps).toEqual([
        {
          context: 'meeting',
          type: 'ApproveMinutes',
          data: { meetingId: plan.meetingId, atMeetingId: meetingOn('2026-03-12').id },
        },
        {
          context: 'meeting',
          type: 'ApproveMinutes',
          data: { meetingId: meetingOn('2026-01-15').id, atMeetingId: plan.meetingId },
        },
        {
          context: 'commitment',
          type: 'CarryOverCommitment',
          data: { commitmentId: anneTask, fromMeetingId: meetingOn('2026-03-12').id },
        },
      ]);
      const wg = [...catalog.workingGroups.values()].find((w) => w.groupId === groupId)!;
      expect(wg.leadPersonId).toBe(perHansen);
      expect(plan.commands.filter((c) => c.context === 'workingGroup')).toEqual([
        {
          context: 'workingGroup',
          type: 'AddWorkingGroupMember',
          data: { workingGroupId: wg.id, personId: expect.any(String) },
        },
      ]);

      const shown = countRecorded([...steps.planned, ...steps.followUps]);
      const committed = await commit(FEBRUARY);
      expect(committed.recorded).toEqual(shown);
      expect(await storedSince(before)).toEqual(committed.recorded);
      expect(committed.recorded).toMatchObject({ attendance: 3, minutesApproved: 2, carriedOver: 1 });
      expect(committed.recorded).not.toHaveProperty('leadChanges');
      expect(catalog.commitments.get(anneTask)).toMatchObject({ carriedOver: 1 });
      const anne = [...catalog.people.values()].find((p) => p.name === 'Anne Lie')!.id;
      expect(catalog.workingGroups.get(wg.id)).toMatchObject({ leadPersonId: perHansen });
      expect(catalog.workingGroups.get(wg.id)!.memberIds).toContain(anne);
    } finally {
      await close();
    }
  });

  it('counts the carry-over the policy makes when the meeting is held, in the preview and the summary alike', async () => {
    const { store, imports, groupId, parse, storedSince, commit, close } = await open('in-order');
    try {
      await commit(JANUARY);
      const february = await parse(FEBRUARY);
      const before = store.headPosition!();
      const { steps } = await imports.rehearse(february, { groupId }, ADMIN);
      const shown = countRecorded([...steps.planned, ...steps.followUps]);
      // Per Hansen's task from January is still open when February is held.
      expect(shown).toMatchObject({ held: 1, carriedOver: 1, minutesApproved: 1, workingGroups: 1 });
      const committed = await commit(FEBRUARY);
      expect(committed.recorded).toEqual(shown);
      expect(await storedSince(before)).toEqual(shown);
      // The API's answer keeps its keys, each counted from what was stored.
      expect(committed.created).toEqual({
        people: 1,
        aliases: 0,
        agendaItems: 3,
        decisions: 2,
        commitments: shown.commitments,
        workingGroups: 1,
        deferred: 0,
      });

      // Recorded already: the preview shows nothing to record, as the commit records nothing.
      const again = await imports.rehearse(february, { groupId }, ADMIN);
      expect(again.steps).toEqual({ planned: [], followUps: [] });
      expect((await commit(FEBRUARY)).recorded).toEqual({});
    } finally {
      await close();
    }
  });

  it('rehearses documents committed one after another as each commit then records, each after those before it', async () => {
    const { store, imports, groupId, parse, storedSince, commit, close } = await open('directory');
    try {
      const ids = [await parse(JANUARY), await parse(FEBRUARY), await parse(MARCH)];
      const before = store.headPosition!();
      const { documents } = await imports.rehearseInOrder(ids, groupId, ADMIN);
      expect(store.headPosition!()).toBe(before);
      const shown = documents.map((d) => countRecorded([...d.steps.planned, ...d.steps.followUps]));
      // February sees January's meeting and people: it approves January's minutes and registers only Anne Lie.
      expect(shown[1]).toMatchObject({ people: 1, minutesApproved: 1, carriedOver: 1 });
      expect(shown[2]).toMatchObject({ minutesApproved: 1, leadChanges: 1 });
      const recorded = [];
      for (const text of [JANUARY, FEBRUARY, MARCH]) {
        const from = store.headPosition!();
        const committed = await commit(text);
        expect(await storedSince(from)).toEqual(committed.recorded);
        recorded.push(committed.recorded);
      }
      expect(recorded).toEqual(shown);
    } finally {
      await close();
    }
  }, 180_000);
});
