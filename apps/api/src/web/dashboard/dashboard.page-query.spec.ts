import { Catalog } from '@tilneste/projections';
import {
  CARRIED_OFTEN,
  closedTasks,
  dashboardPage,
  followUpFilterSchema,
  readFollowUpFilter,
  followUpQuery,
  matchesFilter,
  meetingsAround,
  ownerKey,
  wantsClosed,
  type DashboardData,
  type FollowUpFilter,
  type FollowUpTask,
} from './dashboard.page-query';

const task = (over: Partial<FollowUpTask>): FollowUpTask =>
  ({
    id: 'c',
    text: 't',
    owner: { personId: 'p1' },
    ownerName: 'P',
    overdue: false,
    carriedOver: 0,
    workingGroup: null,
    ...over,
  }) as FollowUpTask;

function data(tasks: FollowUpTask[]): DashboardData {
  return {
    groupId: 'g',
    nextMeeting: null,
    open: tasks.length,
    overdue: tasks.filter((t) => t.overdue).length,
    carriedOver: tasks.filter((t) => t.carriedOver > 0).length,
    byOwner: [
      {
        owner: { personId: 'p1' },
        name: 'P',
        open: tasks.length,
        overdue: 0,
        carriedOver: 0,
        commitments: tasks,
      },
    ],
    workingGroups: [],
    deferredItems: [],
    unowned: [],
    peopleWithoutEmail: [],
    history: [],
    reminders: { sent: 0, failed: 0, pending: 0, needsAttention: 0 },
    cannotRemind: [],
  } as unknown as DashboardData;
}

describe('the dashboard page', () => {
  it('pulls out the commitments carried over 3 times or more, and counts them', () => {
    const page = dashboardPage(
      data([
        task({ id: 'a', carriedOver: CARRIED_OFTEN }),
        task({ id: 'b', carriedOver: 2 }),
        task({ id: 'c', carriedOver: 5 }),
      ]),
      { next: null, unclosed: [] },
      'G',
      {},
    );
    expect(page.carriedOften.map((t) => t.id)).toEqual(['a', 'c']);
    expect(page.counts.carriedOften).toBe(2);
  });

  it('filters by owner, working group and state, together', () => {
    const wg = { id: 'w1', name: 'W' };
    const a = task({ id: 'a', owner: { workingGroupId: 'w1' }, workingGroup: wg, overdue: true });
    const b = task({ id: 'b', owner: { workingGroupId: 'w1' }, workingGroup: wg, carriedOver: 1 });
    const c = task({ id: 'c', owner: { secretariat: true }, overdue: true });
    expect([a, b, c].filter((t) => matchesFilter(t, { arbeidsgruppe: 'w1' })).map((t) => t.id)).toEqual([
      'a',
      'b',
    ]);
    expect([a, b, c].filter((t) => matchesFilter(t, { status: 'overdue' })).map((t) => t.id)).toEqual([
      'a',
      'c',
    ]);
    expect(
      [a, b, c]
        .filter((t) => matchesFilter(t, { arbeidsgruppe: 'w1', status: 'carried-over' }))
        .map((t) => t.id),
    ).toEqual(['b']);
    expect([a, b, c].filter((t) => matchesFilter(t, { ansvarlig: 'secretariat' })).map((t) => t.id)).toEqual([
      'c',
    ]);
    expect(
      dashboardPage(data([a, b, c]), { next: null, unclosed: [] }, 'G', { status: 'overdue' }),
    ).toMatchObject({ total: 3, rows: [a, c] });
  });

  it('lists the completed commitments under "done", and open, completed and withdrawn ones under "all"', () => {
    const open = task({ id: 'o', status: 'open' });
    const done = task({ id: 'd', status: 'completed', owner: { personId: 'p2' }, ownerName: 'Q' });
    const gone = task({ id: 'w', status: 'withdrawn', owner: { secretariat: true } });
    const page = (filter: FollowUpFilter) =>
      dashboardPage(data([open]), { next: null, unclosed: [] }, 'G', filter, [done, gone]);
    expect(page({ status: 'done' })).toMatchObject({ rows: [done], total: 1 });
    expect(page({ status: 'all' })).toMatchObject({ rows: [open, done, gone], total: 3 });
    expect(page({ status: 'all', ansvarlig: 'person:p2' })).toMatchObject({ rows: [done], total: 3 });
    // Open by default, as before: the closed ones are not in the list, nor among the owners to pick.
    expect(page({})).toMatchObject({ rows: [open], total: 1 });
    expect(page({}).ownerOptions.map((o) => o.value)).toEqual(['person:p1']);
    // Once they are listed, an owner with closed commitments only can be picked too.
    expect(page({ status: 'all' }).ownerOptions.map((o) => o.value)).toEqual([
      'person:p1',
      'person:p2',
      'secretariat',
    ]);
    expect([wantsClosed({ status: 'done' }), wantsClosed({ status: 'all' }), wantsClosed({})]).toEqual([
      true,
      true,
      false,
    ]);
    expect(followUpFilterSchema.parse({ status: 'done' }).status).toBe('done');
  });

  describe('reading the filter from the address', () => {
    it('refuses a value the list does not know, with its field path, instead of reading it as another filter', () => {
      for (const query of [
        { status: 'ferdig' },
        { status: ['open', 'done'] },
        { status: 'OPEN' },
        { ansvarlig: 'Ola' },
        { ansvarlig: 'person:'.padEnd(201, 'x') },
        { arbeidsgruppe: ['wg', 'x'] },
      ]) {
        const parsed = followUpFilterSchema.safeParse(query);
        expect(parsed.success).toBe(false);
        expect(parsed.error!.issues.map((i) => i.path)).toEqual([Object.keys(query)]);
      }
      expect(followUpFilterSchema.safeParse({ status: 'ferdig' }).error!.issues[0].message).toBe(
        'must be one of open, overdue, carried-over, done, all',
      );
    });

    it('reads an absent or empty field as no filter, as the form and old links send them', () => {
      expect(followUpFilterSchema.parse({})).toEqual({});
      expect(followUpFilterSchema.parse({ ansvarlig: '', arbeidsgruppe: '', status: '' })).toEqual({});
      expect(
        followUpFilterSchema.parse({ ansvarlig: 'working-group:w1', arbeidsgruppe: 'w1', status: 'overdue' }),
      ).toEqual({ ansvarlig: 'working-group:w1', arbeidsgruppe: 'w1', status: 'overdue' });
      for (const owner of ['secretariat', 'none', 'person:p1'])
        expect(followUpFilterSchema.parse({ ansvarlig: owner, lang: 'en' })).toEqual({ ansvarlig: owner });
    });

    it('keeps the fields that are right for the page, and names the ones that are not', () => {
      expect(readFollowUpFilter({ ansvarlig: 'person:p1', status: 'ferdig' })).toEqual({
        filter: { ansvarlig: 'person:p1' },
        invalid: ['status'],
      });
      expect(readFollowUpFilter({ ansvarlig: 'Ola', arbeidsgruppe: 'w1', status: 'done' })).toEqual({
        filter: { arbeidsgruppe: 'w1', status: 'done' },
        invalid: ['ansvarlig'],
      });
      expect(readFollowUpFilter({ status: '' })).toEqual({ filter: {}, invalid: [] });
      expect(readFollowUpFilter(undefined)).toEqual({ filter: {}, invalid: [] });
      // No status on the page is the open list, as before.
      const open = task({ id: 'o', status: 'open' });
      const done = task({ id: 'd', status: 'completed' });
      const { filter, invalid } = readFollowUpFilter({});
      expect(
        dashboardPage(data([open]), { next: null, unclosed: [] }, 'G', filter, [done], invalid),
      ).toMatchObject({ rows: [open], invalidFilter: [] });
    });
  });

  it("gives the filter to a link (the CSV's) with the status always named, open by default", () => {
    expect(followUpQuery({})).toBe('?status=open');
    expect(followUpQuery({ status: 'done' })).toBe('?status=done');
    expect(followUpQuery({ ansvarlig: 'person:p 1&x', arbeidsgruppe: 'w1', status: 'all' })).toBe(
      '?ansvarlig=person%3Ap+1%26x&arbeidsgruppe=w1&status=all',
    );
    const back = Object.fromEntries(new URLSearchParams(followUpQuery({ ansvarlig: 'secretariat' })));
    expect(followUpFilterSchema.parse(back)).toEqual({ ansvarlig: 'secretariat', status: 'open' });
  });

  it('reads the closed commitments of the group only, never as overdue', () => {
    const catalog = new Catalog();
    const commitment = (id: string, groupId: string, status: 'open' | 'completed' | 'withdrawn') =>
      catalog.commitments.set(id, {
        id,
        groupId,
        meetingId: 'm',
        agendaItemId: null,
        text: id,
        owner: { kind: 'secretariat' },
        due: { kind: 'date', date: '2020-01-01' },
        status,
        carriedOver: 0,
        progress: [],
        madeAt: '2019-12-01T10:00:00Z',
        closedAt: status === 'open' ? null : '2019-12-02T10:00:00Z',
      } as never);
    commitment('a', 'g', 'open');
    commitment('b', 'g', 'completed');
    commitment('c', 'g', 'withdrawn');
    commitment('d', 'h', 'completed');
    catalog.groups.set('g', {
      id: 'g',
      name: 'G',
      members: new Map(),
      reminderOffsets: null,
      meetingIds: [],
      commitmentIds: new Set(['a', 'b', 'c']),
      workingGroupIds: new Set(),
      matterIds: new Set(),
    });
    expect(closedTasks(catalog, 'g').map((t) => [t.id, t.status, t.overdue])).toEqual([
      ['b', 'completed', false],
      ['c', 'withdrawn', false],
    ]);
  });

  it('names owners with one key each', () => {
    expect([
      ownerKey({ personId: 'p' }),
      ownerKey({ workingGroupId: 'w' }),
      ownerKey({ secretariat: true }),
      ownerKey(null),
    ]).toEqual(['person:p', 'working-group:w', 'secretariat', 'none']);
  });

  it('never takes a past meeting for the next one; past meetings never closed stand apart', () => {
    const catalog = new Catalog();
    const meeting = (id: string, startsAt: string, status: 'scheduled' | 'held' | 'cancelled') =>
      catalog.meetings.set(id, {
        id,
        groupId: 'g',
        title: null,
        startsAt,
        endsAt: null,
        location: null,
        online: null,
        status,
        items: [],
        attendance: [],
        minutesApproved: false,
        noticeIssued: false,
      });
    meeting('held', '2025-01-01T10:00:00Z', 'held');
    meeting('forgotten', '2025-02-01T10:00:00Z', 'scheduled');
    meeting('cancelled', '2025-04-01T10:00:00Z', 'cancelled');
    meeting('next', '2025-05-01T10:00:00Z', 'scheduled');
    meeting('later', '2025-06-01T10:00:00Z', 'scheduled');
    catalog.groups.set('g', {
      id: 'g',
      name: 'G',
      members: new Map(),
      reminderOffsets: null,
      meetingIds: ['held', 'forgotten', 'cancelled', 'next', 'later'],
      commitmentIds: new Set(),
      workingGroupIds: new Set(),
      matterIds: new Set(),
    });
    const around = meetingsAround(catalog, 'g', new Date('2025-03-01T00:00:00Z'));
    expect(around.next?.id).toBe('next');
    expect(around.unclosed.map((m) => m.id)).toEqual(['forgotten']);
    expect(meetingsAround(catalog, 'g', new Date('2026-01-01T00:00:00Z')).next).toBeNull();
  });
});
