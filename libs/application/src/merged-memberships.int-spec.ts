import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tilneste/domain-kit';
import { headPosition, SqliteEventStore, type RecordedEvent } from '@tilneste/event-store';
import { groupStream, type GroupState, type MemberRole } from '@tilneste/groups';
import { ReadModelHost, workingGroupStatus, type Catalog } from '@tilneste/projections';
import { workingGroupStream, type WorkingGroupState } from '@tilneste/working-groups';
import { startMergedMemberships } from '../testing/start-merged-memberships';
import { watchSubscriptions } from '../testing/watched-subscriptions';
import { Application } from './application';
import { CommandContext } from './command-context';
import { MergedMembershipsPolicy } from './merged-memberships.policy';

jest.setTimeout(30_000);

const ADMIN: Actor = { kind: 'client', id: 'admin' };

/** One process's view of a SQLite file: the store, the read models and the application over them. */
async function open(path: string) {
  const store = new SqliteEventStore({ path, pollIntervalMs: 10 });
  const readModels = new ReadModelHost(store);
  await readModels.start();
  const app = new Application(store, readModels, () => readModels.catalog);
  let policy: MergedMembershipsPolicy | undefined;
  return {
    store,
    readModels,
    app,
    ctx: () => CommandContext.start(app, ADMIN, 'api'),
    async startPolicy() {
      policy = await startMergedMemberships(app, store, readModels);
      return policy;
    },
    async close() {
      await policy?.stop();
      await readModels.beforeApplicationShutdown();
      await store.close();
    },
  };
}
type Opened = Awaited<ReturnType<typeof open>>;

const groupMembers = async (o: Opened, groupId: string) => {
  const { state } = await o.app.handlers.group.load(groupStream(groupId));
  return (state as Extract<GroupState, { status: 'established' }>).members;
};
const workingGroup = async (o: Opened, workingGroupId: string) => {
  const { state } = await o.app.handlers.workingGroup.load(workingGroupStream(workingGroupId));
  const { leadPersonId, memberIds } = state as Extract<WorkingGroupState, { status: 'active' }>;
  return { leadPersonId, memberIds: [...memberIds].sort() };
};
const meta = (e: RecordedEvent) => (e.metadata ?? {}) as { causationId?: string; via?: string };
const events = async (o: Opened, stream: string) => {
  const out: RecordedEvent[] = [];
  for await (const e of o.store.readStream(stream)) out.push(e);
  return out;
};
/** What the pages show of groups and working groups, comparable across read-model instances. */
const shown = (catalog: Catalog) => ({
  groups: [...catalog.groups.values()].map((g) => [g.id, [...g.members].sort()]),
  workingGroups: [...catalog.workingGroups.values()].map((w) => [w.id, w.leadPersonId, [...w.memberIds]]),
});

async function register(o: Opened, people: Record<string, string>) {
  for (const [personId, name] of Object.entries(people))
    await o.ctx().run('person', { type: 'RegisterPerson', data: { personId, name } });
}

describe('Memberships follow a merge', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'tilneste-merged-memberships-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('when the duplicate alone was a member, lead and working-group member', () => {
    let o: Opened;
    let policy: MergedMembershipsPolicy;
    let mergeCause: string;
    beforeAll(async () => {
      o = await open(join(dir, 'live.db'));
      policy = await o.startPolicy();
      await register(o, { kari: 'Kari Nordmann', dup: 'K. Nordmann', ola: 'Ola Medlem' });
      await o.ctx().run('group', { type: 'EstablishGroup', data: { groupId: 'g', name: 'Plangruppen' } });
      for (const [personId, role] of [
        ['dup', 'secretariat'],
        ['ola', 'member'],
      ] as const)
        await o.ctx().run('group', { type: 'AddMember', data: { groupId: 'g', personId, role } });
      await o.ctx().run('workingGroup', {
        type: 'FormWorkingGroup',
        data: {
          workingGroupId: 'led',
          groupId: 'g',
          name: 'Sykkelveier',
          leadPersonId: 'dup',
          memberIds: ['ola'],
        },
      });
      await o.ctx().run('workingGroup', {
        type: 'FormWorkingGroup',
        data: {
          workingGroupId: 'joined',
          groupId: 'g',
          name: 'Budsjett',
          leadPersonId: 'ola',
          memberIds: ['dup'],
        },
      });
      const merged = await o.ctx().run('person', {
        type: 'MergePerson',
        data: { personId: 'dup', intoPersonId: 'kari' },
      });
      mergeCause = `person-dup@${String(merged.revision)}`;
      await policy.settled(merged.position!);
    });
    afterAll(() => o.close());

    it('moves the membership in the group stream too, with the duplicate’s role, caused by the merge', async () => {
      expect(await groupMembers(o, 'g')).toEqual({ kari: 'secretariat', ola: 'member' });
      const moved = (await events(o, groupStream('g'))).filter((e) => meta(e).causationId === mergeCause);
      // The duplicate was the only secretariat member: the one who remains joins before they leave.
      expect(moved.map((e) => [e.type, (e.data as { personId: string }).personId])).toEqual([
        ['MemberJoined', 'kari'],
        ['MemberLeft', 'dup'],
      ]);
      expect(moved[1].metadata).toMatchObject({ via: 'system', actor: { kind: 'client', id: 'admin' } });
    });

    it('moves the lead and the membership in the working-group streams', async () => {
      expect(await workingGroup(o, 'led')).toEqual({ leadPersonId: 'kari', memberIds: ['kari', 'ola'] });
      expect(await workingGroup(o, 'joined')).toEqual({ leadPersonId: 'ola', memberIds: ['kari', 'ola'] });
    });

    it('leaves the read models as the merge made them, and a replay from scratch gives the same', async () => {
      const live = shown(o.readModels.catalog);
      expect(live).toEqual({
        groups: [
          [
            'g',
            [
              ['kari', 'secretariat'],
              ['ola', 'member'],
            ],
          ],
        ],
        workingGroups: [
          ['led', 'kari', ['kari', 'ola']],
          ['joined', 'ola', ['ola', 'kari']],
        ],
      });
      const replayed = new ReadModelHost(o.store);
      await replayed.start();
      try {
        expect(shown(replayed.catalog)).toEqual(live);
      } finally {
        await replayed.beforeApplicationShutdown();
      }
    });

    it('gives the one who remains a new role without keeping the duplicate a member', async () => {
      // Kari is the group's only secretary now: Ola takes that role first.
      await expect(
        o.ctx().run('group', { type: 'AddMember', data: { groupId: 'g', personId: 'kari', role: 'chair' } }),
      ).rejects.toMatchObject({ code: 'GROUP.LAST_SECRETARIAT' });
      await o.ctx().run('group', {
        type: 'AddMember',
        data: { groupId: 'g', personId: 'ola', role: 'secretariat' },
      });
      const changed = await o.ctx().run('group', {
        type: 'AddMember',
        data: { groupId: 'g', personId: 'kari', role: 'chair' },
      });
      expect(changed.events.map((e) => e.type)).toEqual(['MemberRoleChanged']);
      expect(await groupMembers(o, 'g')).toEqual({ kari: 'chair', ola: 'secretariat' });
      expect(o.readModels.catalog.groups.get('g')!.members.get('kari')).toBe('chair');
    });

    it('removes the one who remains from the group, and the read models show no membership', async () => {
      await o.ctx().run('group', { type: 'RemoveMember', data: { groupId: 'g', personId: 'kari' } });
      expect(await groupMembers(o, 'g')).toEqual({ ola: 'secretariat' });
      const members = o.readModels.catalog.groups.get('g')!.members;
      expect([members.has('kari'), members.has('dup')]).toEqual([false, false]);
    });

    it('removes the one who remains from a working group, and hands on the lead they took over', async () => {
      await o.ctx().run('workingGroup', {
        type: 'RemoveWorkingGroupMember',
        data: { workingGroupId: 'joined', personId: 'kari' },
      });
      await o.ctx().run('workingGroup', {
        type: 'ChangeWorkingGroupLead',
        data: { workingGroupId: 'led', leadPersonId: 'ola' },
      });
      await o.ctx().run('workingGroup', {
        type: 'RemoveWorkingGroupMember',
        data: { workingGroupId: 'led', personId: 'kari' },
      });
      expect(await workingGroup(o, 'led')).toEqual({ leadPersonId: 'ola', memberIds: ['ola'] });
      expect(await workingGroup(o, 'joined')).toEqual({ leadPersonId: 'ola', memberIds: ['ola'] });
      const { workingGroups } = o.readModels.catalog;
      expect([workingGroups.get('led')!.memberIds, workingGroups.get('joined')!.memberIds]).toEqual([
        ['ola'],
        ['ola'],
      ]);
    });
  });

  describe('when the duplicate was the group’s only secretariat member', () => {
    it.each([
      ['had not joined the group', undefined],
      ['held a role of their own', 'chair'],
    ] as const)(
      'makes the one who remains secretary before the duplicate leaves, when they %s',
      async (_, ownRole) => {
        const o = await open(join(dir, `secretariat-${ownRole ?? 'none'}.db`));
        try {
          const logged: string[] = [];
          const policy = new MergedMembershipsPolicy({
            app: o.app,
            store: o.store,
            checkpoints: o.store.checkpointStore(),
            readModels: o.readModels,
            catalog: () => o.readModels.catalog,
            log: (line) => logged.push(line),
          });
          policy.start();
          await policy.caughtUp;
          await register(o, { kari: 'Kari Nordmann', dup: 'K. Nordmann', ola: 'Ola Medlem' });
          await o.ctx().run('group', { type: 'EstablishGroup', data: { groupId: 'g', name: 'Plangruppen' } });
          const members = [
            ['dup', 'secretariat'],
            ['ola', 'member'],
            ...(ownRole ? [['kari', ownRole]] : []),
          ];
          for (const [personId, role] of members as [string, MemberRole][])
            await o.ctx().run('group', { type: 'AddMember', data: { groupId: 'g', personId, role } });
          const merged = await o.ctx().run('person', {
            type: 'MergePerson',
            data: { personId: 'dup', intoPersonId: 'kari' },
          });
          await policy.settled(merged.position!);
          await policy.stop();
          expect(logged).toEqual([]);
          expect(await groupMembers(o, 'g')).toEqual({ kari: 'secretariat', ola: 'member' });
          const moves = (await events(o, groupStream('g'))).filter((e) => meta(e).via === 'system');
          expect(moves.map((e) => [e.type, (e.data as { personId: string }).personId])).toEqual([
            [ownRole ? 'MemberRoleChanged' : 'MemberJoined', 'kari'],
            ['MemberLeft', 'dup'],
          ]);
          await o.readModels.waitFor(moves.at(-1)!.position);
          expect([...o.readModels.catalog.groups.get('g')!.members].sort()).toEqual([
            ['kari', 'secretariat'],
            ['ola', 'member'],
          ]);
        } finally {
          await o.close();
        }
      },
    );
  });

  describe('when both records were members', () => {
    it('keeps the role of the one who remains, and only the duplicate leaves the stream', async () => {
      const o = await open(join(dir, 'both.db'));
      try {
        const policy = await o.startPolicy();
        await register(o, { kari: 'Kari Nordmann', dup: 'K. Nordmann' });
        await o.ctx().run('group', { type: 'EstablishGroup', data: { groupId: 'g', name: 'Plangruppen' } });
        for (const [personId, role] of [
          ['kari', 'chair'],
          ['dup', 'member'],
        ] as const)
          await o.ctx().run('group', { type: 'AddMember', data: { groupId: 'g', personId, role } });
        const merged = await o.ctx().run('person', {
          type: 'MergePerson',
          data: { personId: 'dup', intoPersonId: 'kari' },
        });
        await policy.settled(merged.position!);
        expect(await groupMembers(o, 'g')).toEqual({ kari: 'chair' });
        expect([...o.readModels.catalog.groups.get('g')!.members]).toEqual([['kari', 'chair']]);
        expect((await events(o, groupStream('g'))).at(-1)).toMatchObject({
          type: 'MemberLeft',
          data: { personId: 'dup' },
        });
      } finally {
        await o.close();
      }
    });
  });

  describe('when the duplicate led or belonged to working groups that were dissolved', () => {
    it('shows the one who remains there, and leaves their streams as they were closed', async () => {
      const o = await open(join(dir, 'dissolved.db'));
      try {
        const logged: string[] = [];
        const policy = new MergedMembershipsPolicy({
          app: o.app,
          store: o.store,
          checkpoints: o.store.checkpointStore(),
          readModels: o.readModels,
          catalog: () => o.readModels.catalog,
          log: (line) => logged.push(line),
        });
        policy.start();
        await policy.caughtUp;
        await register(o, { kari: 'Kari Nordmann', dup: 'K. Nordmann', ola: 'Ola Medlem' });
        await o.ctx().run('group', { type: 'EstablishGroup', data: { groupId: 'g', name: 'Plangruppen' } });
        await o
          .ctx()
          .run('group', { type: 'AddMember', data: { groupId: 'g', personId: 'ola', role: 'secretariat' } });
        for (const [workingGroupId, leadPersonId, memberIds] of [
          ['led', 'dup', ['ola']],
          ['joined', 'ola', ['dup']],
        ] as const) {
          await o.ctx().run('workingGroup', {
            type: 'FormWorkingGroup',
            data: {
              workingGroupId,
              groupId: 'g',
              name: workingGroupId,
              leadPersonId,
              memberIds: [...memberIds],
            },
          });
          await o.ctx().run('workingGroup', {
            type: 'DissolveWorkingGroup',
            data: { workingGroupId, reason: 'Mandatet er utført' },
          });
        }
        const closed = {
          led: await events(o, workingGroupStream('led')),
          joined: await events(o, workingGroupStream('joined')),
        };
        const merged = await o.ctx().run('person', {
          type: 'MergePerson',
          data: { personId: 'dup', intoPersonId: 'kari' },
        });
        await policy.settled(merged.position!);
        await policy.stop();

        // Nothing was tried and refused: a dissolved group takes no commands, and none was sent.
        expect(logged).toEqual([]);
        expect({
          led: await events(o, workingGroupStream('led')),
          joined: await events(o, workingGroupStream('joined')),
        }).toEqual(closed);
        // What the working-group pages show (and a replay from scratch): the one who remains, not the duplicate.
        const page = (catalog: Catalog, id: string) => {
          const status = workingGroupStatus(catalog, id, new Date('2026-06-01T00:00:00Z'))!;
          return { dissolved: status.dissolved, lead: status.lead, members: status.members };
        };
        const kari = { id: 'kari', name: 'Kari Nordmann' };
        const ola = { id: 'ola', name: 'Ola Medlem' };
        const expected = {
          led: { dissolved: true, lead: kari, members: [kari, ola] },
          joined: { dissolved: true, lead: ola, members: [ola, kari] },
        };
        const live = o.readModels.catalog;
        expect({ led: page(live, 'led'), joined: page(live, 'joined') }).toEqual(expected);
        const replayed = new ReadModelHost(o.store);
        await replayed.start();
        try {
          const { catalog } = replayed;
          expect({ led: page(catalog, 'led'), joined: page(catalog, 'joined') }).toEqual(expected);
        } finally {
          await replayed.beforeApplicationShutdown();
        }
      } finally {
        await o.close();
      }
    });
  });

  describe('its checkpoint, in a store where nobody was ever merged', () => {
    /** The policy over `o`'s store, with where its subscription starts reading. */
    const watched = (o: Opened) => {
      const { store, from } = watchSubscriptions(o.store);
      const policy = new MergedMembershipsPolicy({
        app: o.app,
        store,
        checkpoints: o.store.checkpointStore(),
        readModels: o.readModels,
        catalog: () => o.readModels.catalog,
      });
      return { policy, from };
    };

    it('is stored at the head once caught up, so the next start reads only what came after', async () => {
      const path = join(dir, 'never-merged.db');
      const before = await open(path);
      let head: bigint;
      try {
        await register(before, { kari: 'Kari Nordmann', dup: 'K. Nordmann' });
        await before
          .ctx()
          .run('group', { type: 'EstablishGroup', data: { groupId: 'g', name: 'Plangruppen' } });
        await before
          .ctx()
          .run('group', { type: 'AddMember', data: { groupId: 'g', personId: 'dup', role: 'observer' } });
        head = await headPosition(before.store);
        const first = watched(before);
        first.policy.start();
        await first.policy.caughtUp;
        await first.policy.stop();
        expect(first.from).toEqual(['start']);
        // Before, nothing was stored until the first merge: every start read the whole store again.
        expect(await before.store.checkpointStore().load('merged-memberships')).toBe(head);
        await before
          .ctx()
          .run('person', { type: 'MergePerson', data: { personId: 'dup', intoPersonId: 'kari' } });
      } finally {
        await before.close();
      }

      const o = await open(path);
      try {
        const restarted = watched(o);
        restarted.policy.start();
        await restarted.policy.caughtUp;
        await restarted.policy.stop();
        expect(restarted.from).toEqual([head]);
        // The merge in the tail is handled all the same.
        expect(await groupMembers(o, 'g')).toEqual({ kari: 'observer' });
        expect(await o.store.checkpointStore().load('merged-memberships')).toBeGreaterThan(head);
      } finally {
        await o.close();
      }
    });
  });

  describe('a merge stored before the policy ran', () => {
    it('is healed at the next start, once', async () => {
      const path = join(dir, 'restart.db');
      const before = await open(path);
      try {
        await register(before, { kari: 'Kari Nordmann', dup: 'K. Nordmann' });
        await before
          .ctx()
          .run('group', { type: 'EstablishGroup', data: { groupId: 'g', name: 'Plangruppen' } });
        await before
          .ctx()
          .run('group', { type: 'AddMember', data: { groupId: 'g', personId: 'dup', role: 'observer' } });
        await before
          .ctx()
          .run('person', { type: 'MergePerson', data: { personId: 'dup', intoPersonId: 'kari' } });
        // The defect itself: the pages show Kari as a member, the stream does not know her.
        expect([...before.readModels.catalog.groups.get('g')!.members]).toEqual([['kari', 'observer']]);
        await expect(
          before.ctx().run('group', { type: 'RemoveMember', data: { groupId: 'g', personId: 'kari' } }),
        ).rejects.toMatchObject({ code: 'GROUP.NOT_A_MEMBER' });
      } finally {
        await before.close();
      }

      for (const start of [1, 2, 3]) {
        const o = await open(path);
        try {
          // The third start replays every merge from the beginning: a repeat decides nothing.
          if (start === 3) await o.store.checkpointStore().store('merged-memberships', 0n);
          await o.startPolicy();
          expect({ start, members: await groupMembers(o, 'g') }).toEqual({
            start,
            members: { kari: 'observer' },
          });
          const moves = (await events(o, groupStream('g'))).filter((e) => meta(e).via === 'system');
          expect(moves.map((e) => e.type)).toEqual(['MemberJoined', 'MemberLeft']);
          expect([...o.readModels.catalog.groups.get('g')!.members]).toEqual([['kari', 'observer']]);
        } finally {
          await o.close();
        }
      }
    });
  });
});
