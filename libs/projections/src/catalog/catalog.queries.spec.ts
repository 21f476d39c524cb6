import type { RecordedEvent } from '@tilneste/event-store';
import { applyToCatalog, Catalog } from './catalog.projection';
import { dashboard, dueMeeting, matterHistory, myTasks } from './catalog.queries';

/** Applies events one after another, as the store would hand them over. */
function history() {
  const catalog = new Catalog();
  let position = 0n;
  const apply = (
    streamName: string,
    type: string,
    data: Record<string, unknown>,
    at = '2026-01-05T10:00:00.000Z',
  ) => {
    position += 1n;
    const event: RecordedEvent = {
      streamName,
      id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
      type,
      revision: 0n,
      position,
      data: data as RecordedEvent['data'],
      metadata: { at, actor: { kind: 'person', id: 'sekretær' } },
      createdAt: new Date(at),
    };
    applyToCatalog(catalog, event);
  };
  return { catalog, apply };
}

const meeting = (id: string, startsAt: string) => ({
  meetingId: id,
  groupId: 'hovedutvalg',
  title: null,
  startsAt,
  endsAt: null,
  location: null,
  online: null,
});

const commitment = (id: string, owner: Record<string, unknown>, meetingId = 'm1') => ({
  commitmentId: id,
  groupId: 'hovedutvalg',
  meetingId,
  agendaItemId: null,
  matterId: null,
  text: `Oppfølging ${id}`,
  owner,
  due: { kind: 'next-meeting' },
});

function council() {
  const { catalog, apply } = history();
  apply('group-hovedutvalg', 'GroupEstablished', {
    groupId: 'hovedutvalg',
    name: 'Hovedutvalget',
    timeZone: 'Europe/Oslo',
  });
  for (const [id, name] of [
    ['kari', 'Kari'],
    ['ola', 'Ola'],
    ['siri', 'Siri'],
  ])
    apply(`person-${id}`, 'PersonRegistered', {
      personId: id,
      name,
      email: `${id}@example.org`,
      organisation: null,
    });
  apply('group-hovedutvalg', 'MemberJoined', {
    groupId: 'hovedutvalg',
    personId: 'siri',
    role: 'secretariat',
  });
  // Scheduled out of order: the catalog keeps them in start order.
  apply('meeting-m3', 'MeetingScheduled', meeting('m3', '2026-06-04T10:00:00+02:00'));
  apply('meeting-m1', 'MeetingScheduled', meeting('m1', '2026-02-05T10:00:00+01:00'));
  apply('meeting-m2', 'MeetingScheduled', meeting('m2', '2026-04-09T10:00:00+02:00'));
  apply('meeting-m4', 'MeetingScheduled', meeting('m4', '2026-09-10T10:00:00+02:00'));
  return { catalog, apply };
}

describe('catalog queries', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('resolves "next meeting" to the first later meeting that is not cancelled, and follows a reschedule', () => {
    const { catalog, apply } = council();
    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'person', personId: 'kari' }));
    const c1 = catalog.commitments.get('c1')!;
    expect(dueMeeting(catalog, c1)?.id).toBe('m2');

    apply('meeting-m2', 'MeetingCancelled', { meetingId: 'm2', reason: null });
    expect(dueMeeting(catalog, c1)?.id).toBe('m3');

    apply('meeting-m4', 'MeetingRescheduled', {
      meetingId: 'm4',
      startsAt: '2026-03-12T10:00:00+01:00',
      endsAt: null,
      previousStartsAt: '2026-09-10T10:00:00+02:00',
    });
    expect(dueMeeting(catalog, c1)?.id).toBe('m4');
    expect(myTasks(catalog, 'kari', now)[0]).toMatchObject({ id: 'c1', dueMeetingId: 'm4' });
  });

  it('has no next meeting after the last one', () => {
    const { catalog, apply } = council();
    apply('commitment-c9', 'CommitmentMade', commitment('c9', { kind: 'none' }, 'm4'));
    expect(dueMeeting(catalog, catalog.commitments.get('c9')!)).toBeUndefined();
  });

  it("moves a working group's tasks to its new lead, and secretariat tasks to whoever is secretariat now", () => {
    const { catalog, apply } = council();
    apply('workinggroup-wg', 'WorkingGroupFormed', {
      workingGroupId: 'wg',
      groupId: 'hovedutvalg',
      name: 'Budsjettgruppen',
      leadPersonId: 'kari',
      memberIds: ['kari', 'ola'],
      mandate: null,
      meetingId: 'm1',
    });
    apply(
      'commitment-c1',
      'CommitmentMade',
      commitment('c1', { kind: 'working-group', workingGroupId: 'wg' }),
    );
    apply('commitment-c2', 'CommitmentMade', commitment('c2', { kind: 'secretariat' }));
    expect(myTasks(catalog, 'kari', now).map((t) => [t.id, t.as])).toEqual([['c1', 'working-group-lead']]);
    expect(myTasks(catalog, 'siri', now).map((t) => [t.id, t.as])).toEqual([['c2', 'secretariat']]);

    apply('workinggroup-wg', 'WorkingGroupLeadChanged', {
      workingGroupId: 'wg',
      leadPersonId: 'ola',
      previousLeadPersonId: 'kari',
    });
    apply('group-hovedutvalg', 'MemberRoleChanged', {
      groupId: 'hovedutvalg',
      personId: 'siri',
      role: 'member',
      previousRole: 'secretariat',
    });
    expect(myTasks(catalog, 'kari', now)).toEqual([]);
    expect(myTasks(catalog, 'ola', now).map((t) => [t.id, t.as])).toEqual([['c1', 'working-group-lead']]);
    expect(myTasks(catalog, 'siri', now)).toEqual([]);
  });

  it("counts open and closed at each held meeting in the dashboard's history, as of the latest event", () => {
    const { catalog, apply } = council();
    apply(
      'commitment-c1',
      'CommitmentMade',
      commitment('c1', { kind: 'person', personId: 'kari' }),
      '2026-01-20T09:00:00.000Z',
    );
    apply(
      'commitment-c2',
      'CommitmentMade',
      commitment('c2', { kind: 'person', personId: 'ola' }),
      '2026-01-20T09:05:00.000Z',
    );
    apply('meeting-m1', 'MeetingHeld', { meetingId: 'm1' });
    expect(dashboard(catalog, 'hovedutvalg', now).history).toEqual([
      { meetingId: 'm1', startsAt: '2026-02-05T10:00:00+01:00', open: 2, closed: 0 },
    ]);

    apply(
      'commitment-c1',
      'CommitmentCompleted',
      { commitmentId: 'c1', note: null },
      '2026-03-20T09:00:00.000Z',
    );
    apply('meeting-m2', 'MeetingHeld', { meetingId: 'm2' });
    expect(dashboard(catalog, 'hovedutvalg', now).history).toEqual([
      { meetingId: 'm1', startsAt: '2026-02-05T10:00:00+01:00', open: 2, closed: 0 },
      { meetingId: 'm2', startsAt: '2026-04-09T10:00:00+02:00', open: 1, closed: 1 },
    ]);
  });

  it('works out overdue at the time asked, between the same two writes', () => {
    const { catalog, apply } = council();
    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'person', personId: 'kari' }));
    const before = dashboard(catalog, 'hovedutvalg', new Date('2026-04-09T07:59:00Z'));
    const after = dashboard(catalog, 'hovedutvalg', new Date('2026-04-09T08:01:00Z'));
    expect([before.overdue, before.byOwner[0].overdue, before.byOwner[0].commitments[0].overdue]).toEqual([
      0,
      0,
      false,
    ]);
    expect([after.overdue, after.byOwner[0].overdue, after.byOwner[0].commitments[0].overdue]).toEqual([
      1,
      1,
      true,
    ]);
  });

  it("shows who made a matter's commitment in its history, as the audit trail does", () => {
    const { catalog, apply } = council();
    apply('matter-s1', 'MatterOpened', { matterId: 's1', groupId: 'hovedutvalg', title: 'Handlingsprogram' });
    apply('commitment-c1', 'CommitmentMade', {
      ...commitment('c1', { kind: 'person', personId: 'kari' }),
      matterId: 's1',
    });
    const timeline = matterHistory(catalog, 's1')!.timeline;
    expect(timeline.map((entry) => [entry.type, entry.actor])).toEqual([
      ['MatterOpened', { kind: 'person', id: 'sekretær' }],
      ['CommitmentMade', { kind: 'person', id: 'sekretær' }],
    ]);
  });
});
