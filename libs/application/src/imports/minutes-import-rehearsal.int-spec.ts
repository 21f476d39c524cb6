import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tilneste/domain-kit';
import { SqliteEventStore } from '@tilneste/event-store';
import { countRecorded, type RecordedKind } from '@tilneste/minutes-import/plan';
import { ReadModelHost } from '@tilneste/projections';
import { startCarryOver } from '../../testing/start-carry-over';
import { APRIL, FEBRUARY, JANUARY, MARCH } from '../../testing/water-minutes';
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
  return { store, readModels, app, imports, groupId, parse, commit, storedSince, close };
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

  describe("a working group's lead a person set by hand", () => {
    async function openWithLead(name: string, texts: string[]) {
      const opened = await open(name);
      for (const text of texts) await opened.commit(text);
      const catalog = opened.readModels.catalog;
      const personNamed = (n: string) => [...catalog.people.values()].find((p) => p.name === n)?.id;
      const wg = [...catalog.workingGroups.values()].find((w) => w.groupId === opened.groupId)!;
      const chair = personNamed('Kari Nordmann')!;
      /** As the pages record it: through the application, by the chair, at `now`. */
      const changeLeadByHand = (leadPersonId: string, now: string) =>
        CommandContext.start(opened.app, { kind: 'person', id: chair }, 'web', { now }).run('workingGroup', {
          type: 'ChangeWorkingGroupLead',
          data: { workingGroupId: wg.id, leadPersonId },
        });
      const leadOf = () => catalog.workingGroups.get(wg.id)!.leadPersonId;
      return { ...opened, catalog, personNamed, wg, changeLeadByHand, leadOf };
    }

    it('stays when an older document is imported, and the latest again, in the preview and the commit', async () => {
      const { store, imports, groupId, parse, storedSince, commit, close, ...o } = await openWithLead(
        'lead-by-hand',
        [JANUARY, MARCH],
      );
      try {
        expect(o.leadOf()).toBe(o.personNamed('Per Hansen'));
        // A week after March's meeting, the chair makes herself, Kari Nordmann, the lead.
        const kari = o.personNamed('Kari Nordmann')!;
        await o.changeLeadByHand(kari, '2026-03-20T09:00:00.000Z');
        expect(o.catalog.workingGroups.get(o.wg.id)).toMatchObject({
          leadPersonId: kari,
          leadSetByHandAt: '2026-03-20T09:00:00.000Z',
        });

        // A later batch, as `minutes import DIR` runs it: February (older, naming Anne Lie), and March again.
        const ids = [await parse(FEBRUARY), await parse(MARCH)];
        const { documents } = await imports.rehearseInOrder(ids, groupId, ADMIN);
        const steps = documents.flatMap((d) => [...d.steps.planned, ...d.steps.followUps]);
        expect(steps.map((s) => s.command.type)).not.toContain('ChangeWorkingGroupLead');
        const shown = documents.map((d) => countRecorded([...d.steps.planned, ...d.steps.followUps]));
        // Anne Lie joins as a member; March was recorded before, so it records nothing.
        expect(shown).toEqual([expect.objectContaining({ workingGroupMembers: 1, minutesApproved: 2 }), {}]);
        const recorded = [];
        for (const text of [FEBRUARY, MARCH]) {
          const from = store.headPosition!();
          const committed = await commit(text);
          expect(await storedSince(from)).toEqual(committed.recorded);
          recorded.push(committed.recorded);
        }
        expect(recorded).toEqual(shown);
        expect(recorded[0]).not.toHaveProperty('leadChanges');
        expect(o.leadOf()).toBe(kari);
        expect(o.catalog.workingGroups.get(o.wg.id)!.memberIds).toContain(o.personNamed('Anne Lie'));

        // April's meeting is after the change: the lead it names is the lead, in the preview and the commit.
        const april = await imports.rehearse(await parse(APRIL), { groupId }, ADMIN);
        const aprilShown = countRecorded([...april.steps.planned, ...april.steps.followUps]);
        expect(aprilShown).toMatchObject({ leadChanges: 1 });
        const from = store.headPosition!();
        expect((await commit(APRIL)).recorded).toEqual(aprilShown);
        expect(await storedSince(from)).toEqual(aprilShown);
        expect(o.leadOf()).toBe(o.personNamed('Ola Berg'));
      } finally {
        await close();
      }
    }, 180_000);

    it("stays when the document is of the change's day, even with no later document imported", async () => {
      const { store, imports, groupId, parse, storedSince, commit, close, ...o } = await openWithLead(
        'lead-by-hand-same-day',
        [JANUARY, FEBRUARY],
      );
      try {
        expect(o.leadOf()).toBe(o.personNamed('Anne Lie'));
        // The chair takes the lead in the afternoon of March's meeting (Oslo time), before its minutes are imported.
        const kari = o.personNamed('Kari Nordmann')!;
        await o.changeLeadByHand(kari, '2026-03-12T14:00:00.000Z');
        const march = await parse(MARCH);
        const { plan, steps } = await imports.rehearse(march, { groupId }, ADMIN);
        // Per Hansen, whom March names, is a member already: nothing to record for the working group.
        expect(plan.commands.filter((c) => c.context === 'workingGroup')).toEqual([]);
        const shown = countRecorded([...steps.planned, ...steps.followUps]);
        expect(shown).not.toHaveProperty('leadChanges');
        const from = store.headPosition!();
        expect((await commit(MARCH)).recorded).toEqual(shown);
        expect(await storedSince(from)).toEqual(shown);
        expect(o.leadOf()).toBe(kari);
      } finally {
        await close();
      }
    }, 180_000);
  });
});
