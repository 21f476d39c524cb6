import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tilneste/domain-kit';
import { DomainError } from '@tilneste/domain-kit';
import { PreconditionFailedError } from '@tilneste/event-sourcing';
import {
  SqliteEventStore,
  WrongExpectedVersionError,
  type AppendOptions,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
} from '@tilneste/event-store';
import { ReadModelHost } from '@tilneste/projections';
import { Application } from './application';
import { CommandContext } from './command-context';

jest.setTimeout(30_000);

const ADMIN: Actor = { kind: 'client', id: 'admin' };

/** A store whose next appends to one stream first lose a race: a competing writer gets there before them. */
function racing(store: SqliteEventStore, losses: number, competitor: () => Promise<unknown>): EventStore {
  let left = losses;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'appendToStream') return Reflect.get(target, property, receiver);
      return async (stream: string, events: EventToAppend[], options: AppendOptions) => {
        if (left > 0 && stream.startsWith('commitment-')) {
          left -= 1;
          await competitor();
        }
        return target.appendToStream(stream, events, options);
      };
    },
  });
}

describe('The application layer', () => {
  let dir: string;
  let store: SqliteEventStore;
  let readModels: ReadModelHost;
  let app: Application;
  const ids = {
    person: 'p-1',
    group: 'g-1',
    other: 'g-2',
    meeting: 'm-1',
    elsewhere: 'm-2',
    wgElsewhere: 'w-2',
  };
  const ctx = (via: 'cli' | 'import' | 'api' = 'api', key?: string) =>
    CommandContext.start(app, ADMIN, via, key ? { key } : {});

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tilneste-application-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 10 });
    readModels = new ReadModelHost(store);
    await readModels.start();
    app = new Application(store, readModels, () => readModels.catalog);
    await ctx().run('person', {
      type: 'RegisterPerson',
      data: { personId: ids.person, name: 'Ola Nordmann' },
    });
    for (const [groupId, name] of [
      [ids.group, 'Kulturutvalget'],
      [ids.other, 'Plangruppen'],
    ])
      await ctx().run('group', { type: 'EstablishGroup', data: { groupId, name } });
    for (const [meetingId, groupId] of [
      [ids.meeting, ids.group],
      [ids.elsewhere, ids.other],
    ])
      await ctx().run('meeting', {
        type: 'ScheduleMeeting',
        data: { meetingId, groupId, startsAt: '2026-03-12T09:00:00+01:00' },
      });
    await ctx().run('workingGroup', {
      type: 'FormWorkingGroup',
      data: { workingGroupId: ids.wgElsewhere, groupId: ids.other, name: 'Arbeidsgruppe for sykkelveier' },
    });
  });
  afterAll(async () => {
    await readModels.beforeApplicationShutdown();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const make = (commitmentId: string, extra: Record<string, unknown> = {}) => ({
    type: 'MakeCommitment' as const,
    data: {
      commitmentId,
      groupId: ids.group,
      meetingId: ids.meeting,
      text: 'Lage et utkast til høringssvar',
      owner: { kind: 'person' as const, personId: ids.person },
      due: { kind: 'next-meeting' as const },
      ...extra,
    },
  });

  describe('commands are typed by their context', () => {
    it('does not compile a misspelt command type or a field of another command', () => {
      const typed = () => {
        // @ts-expect-error -- no such command in the commitments context
        void ctx().run('commitment', { type: 'CompleteCommitmnet', data: { commitmentId: 'c', note: null } });
        // @ts-expect-error -- `text` belongs to ReportCommitmentProgress, not CompleteCommitment
        void ctx().run('commitment', { type: 'CompleteCommitment', data: { commitmentId: 'c', text: 'x' } });
        // @ts-expect-error -- a meetings command sent to the people context
        void ctx().run('person', { type: 'HoldMeeting', data: { meetingId: 'm' } });
      };
      // Only the compiler is asked; running them is not the point.
      expect(typeof typed).toBe('function');
    });
  });

  describe('several commands to one stream', () => {
    const events = async (stream: string) => {
      const out: RecordedEvent[] = [];
      try {
        for await (const e of store.readStream(stream)) out.push(e);
      } catch {
        // no stream: nothing recorded
      }
      return out;
    };

    it('records a new matter and its decision in one batch', async () => {
      const result = await ctx().runAll('matter', [
        { type: 'OpenMatter', data: { matterId: 'x-1', groupId: ids.group, title: 'Budsjett' } },
        {
          type: 'RecordDecision',
          data: {
            matterId: 'x-1',
            decisionId: 'd-1',
            meetingId: ids.meeting,
            text: 'Vedtatt',
            kind: 'adopted',
          },
        },
      ]);
      expect(result.revision).toBe(1n);
      const recorded = await events('matter-x-1');
      expect(recorded.map((e) => [e.type, (e.metadata as { command?: string }).command])).toEqual([
        ['MatterOpened', 'OpenMatter'],
        ['DecisionRecorded', 'RecordDecision'],
      ]);
    });

    it('records nothing when a later command is refused', async () => {
      await expect(
        ctx().runAll('matter', [
          { type: 'OpenMatter', data: { matterId: 'x-2', groupId: ids.group, title: 'Budsjett' } },
          // Passes the rules, then the decider refuses it on the state the first one left.
          { type: 'OpenMatter', data: { matterId: 'x-2', groupId: ids.group, title: 'Igjen' } },
        ]),
      ).rejects.toMatchObject({ code: 'MATTER.ALREADY_OPENED' });
      expect(await events('matter-x-2')).toEqual([]);
    });
  });

  describe('rules that read other contexts hold on every channel', () => {
    it.each(['cli', 'import'] as const)(
      'refuses, through the %s, a working group of another group as owner',
      async (via) => {
        await expect(
          ctx(via).run(
            'commitment',
            make(`c-owner-${via}`, { owner: { kind: 'working-group', workingGroupId: ids.wgElsewhere } }),
          ),
        ).rejects.toMatchObject({
          code: 'COMMITMENT.OWNER_OF_OTHER_GROUP',
          details: { field: 'owner.workingGroupId' },
        });
      },
    );

    it.each(['cli', 'import'] as const)(
      'refuses, through the %s, a due meeting of another group',
      async (via) => {
        await expect(
          ctx(via).run(
            'commitment',
            make(`c-due-${via}`, { due: { kind: 'meeting', meetingId: ids.elsewhere } }),
          ),
        ).rejects.toMatchObject({
          code: 'COMMITMENT.DUE_AT_OTHER_GROUP',
          details: { field: 'due.meetingId' },
        });
      },
    );

    it('refuses the same through an addressed command, as the import plan sends them', async () => {
      await expect(
        ctx('import').send({
          context: 'commitment',
          ...make('c-sent', { due: { kind: 'meeting', meetingId: ids.elsewhere } }),
        }),
      ).rejects.toMatchObject({ code: 'COMMITMENT.DUE_AT_OTHER_GROUP' });
      const written: string[] = [];
      const read = async () => {
        for await (const e of store.readStream('commitment-c-sent')) written.push(e.type);
      };
      await expect(read()).rejects.toMatchObject({ name: 'StreamNotFoundError' });
    });

    it("refuses a reassignment to another group's working group after the fact", async () => {
      await ctx().run('commitment', make('c-reassign'));
      const error = await ctx('cli')
        .run('commitment', {
          type: 'ReassignCommitment',
          data: {
            commitmentId: 'c-reassign',
            owner: { kind: 'working-group', workingGroupId: ids.wgElsewhere },
          },
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('COMMITMENT.OWNER_OF_OTHER_GROUP');
    });
  });

  describe('the command handler', () => {
    it('writes the same event ids for the same idempotency key, and nothing twice', async () => {
      const first = await ctx('api', 'key-1').run('commitment', make('c-key'));
      const events: RecordedEvent[] = [];
      for await (const e of store.readStream('commitment-c-key')) events.push(e);
      const again = new CommandContext(app, ctx().metadata, undefined, 'key-1');
      // The decider refuses a second MakeCommitment: a replay comes from the stored answer, not from here.
      await expect(again.run('commitment', make('c-key'))).rejects.toMatchObject({
        code: 'COMMITMENT.ALREADY_MADE',
      });
      const { eventId } = await import('./command-handler');
      expect(events[0].id).toBe(eventId('key-1', 'commitment-c-key', undefined, 0));
      expect(first.revision).toBe(0n);
    });

    it('retries after losing a race to another writer, and decides again on the new state', async () => {
      await ctx().run('commitment', make('c-race'));
      const competitor = () =>
        ctx().run('commitment', {
          type: 'ReportCommitmentProgress',
          data: { commitmentId: 'c-race', text: 'Halvveis' },
        });
      const raced = new Application(racing(store, 1, competitor), readModels, () => readModels.catalog);
      const result = await CommandContext.start(raced, ADMIN, 'api').run('commitment', {
        type: 'CompleteCommitment',
        data: { commitmentId: 'c-race', note: null },
      });
      expect(result.revision).toBe(2n);
      const types: string[] = [];
      for await (const e of store.readStream('commitment-c-race')) types.push(e.type);
      expect(types).toEqual(['CommitmentMade', 'CommitmentProgressReported', 'CommitmentCompleted']);
    });

    it("gives up after three lost races with the store's own error", async () => {
      await ctx().run('commitment', make('c-lost'));
      let n = 0;
      const competitor = () =>
        ctx().run('commitment', {
          type: 'ReportCommitmentProgress',
          data: { commitmentId: 'c-lost', text: `Steg ${++n}` },
        });
      const raced = new Application(racing(store, 3, competitor), readModels, () => readModels.catalog);
      await expect(
        CommandContext.start(raced, ADMIN, 'api').run('commitment', {
          type: 'CompleteCommitment',
          data: { commitmentId: 'c-lost', note: null },
        }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    });

    it('answers a stale If-Match with a precondition failure instead of retrying', async () => {
      await ctx().run('commitment', make('c-match'));
      await ctx().run('commitment', {
        type: 'ReportCommitmentProgress',
        data: { commitmentId: 'c-match', text: 'Påbegynt' },
      });
      const stale = new CommandContext(app, ctx().metadata, 0n);
      await expect(
        stale.run('commitment', {
          type: 'CompleteCommitment',
          data: { commitmentId: 'c-match', note: null },
        }),
      ).rejects.toBeInstanceOf(PreconditionFailedError);
      const fresh = new CommandContext(app, ctx().metadata, 1n);
      await expect(
        fresh.run('commitment', {
          type: 'CompleteCommitment',
          data: { commitmentId: 'c-match', note: null },
        }),
      ).resolves.toMatchObject({ revision: 2n });
    });
  });
});
