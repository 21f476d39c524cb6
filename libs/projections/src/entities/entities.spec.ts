import type { RecordedEvent } from '@tilneste/event-store';
import { applyToCatalog } from '../catalog';
import { idsMergedInto } from './entities.projection';
import { commitment, council } from '../../testing/history';

describe('The entities every view joins', () => {
  it("keeps a group's meetings in start order through reschedules, and a commitment's state", () => {
    const { catalog, apply } = council();
    expect(catalog.groups.get('hovedutvalg')?.meetingIds).toEqual(['m1', 'm2', 'm3', 'm4']);
    apply('meeting-m4', 'MeetingRescheduled', {
      meetingId: 'm4',
      startsAt: '2026-01-10T10:00:00+01:00',
      endsAt: null,
      previousStartsAt: '2026-09-10T10:00:00+02:00',
    });
    expect(catalog.groups.get('hovedutvalg')?.meetingIds).toEqual(['m4', 'm1', 'm2', 'm3']);

    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'person', personId: 'kari' }));
    apply('commitment-c1', 'CommitmentCarriedOver', { commitmentId: 'c1', fromMeetingId: 'm2', times: 1 });
    apply(
      'commitment-c1',
      'CommitmentCompleted',
      { commitmentId: 'c1', note: null },
      '2026-05-01T08:00:00.000Z',
    );
    expect(catalog.commitments.get('c1')).toMatchObject({
      status: 'completed',
      carriedOver: 1,
      anchorMeetingId: 'm2',
      closedAt: '2026-05-01T08:00:00.000Z',
    });
    expect(catalog.groups.get('hovedutvalg')?.commitmentIds.has('c1')).toBe(true);
  });

  it('skips an event at or before its position, so a replay is harmless', () => {
    const { catalog, apply } = council();
    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'none' }));
    const replayed: RecordedEvent = {
      streamName: 'commitment-c1',
      id: '00000000-0000-4000-8000-000000000999',
      type: 'CommitmentCompleted',
      revision: 1n,
      position: catalog.position!,
      data: { commitmentId: 'c1', note: null },
      metadata: { at: '2026-01-06T10:00:00.000Z' },
      createdAt: new Date('2026-01-06T10:00:00.000Z'),
    };
    applyToCatalog(catalog, replayed);
    expect(catalog.commitments.get('c1')?.status).toBe('open');
    applyToCatalog(catalog, { ...replayed, position: catalog.position! + 1n });
    expect(catalog.commitments.get('c1')?.status).toBe('completed');
  });

  it("moves a merged person's commitments, task bucket, memberships, attendance, working groups and audit to the survivor", () => {
    const { catalog, apply } = council();
    apply('person-kari2', 'PersonRegistered', {
      personId: 'kari2',
      name: 'Kari N.',
      email: null,
      organisation: null,
    });
    apply('group-hovedutvalg', 'MemberJoined', { groupId: 'hovedutvalg', personId: 'kari2', role: 'chair' });
    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'person', personId: 'kari2' }));
    apply(
      'commitment-c1',
      'CommitmentProgressReported',
      { commitmentId: 'c1', text: 'i gang' },
      undefined,
      'kari2',
    );
    apply('meeting-m1', 'AttendanceRecorded', {
      meetingId: 'm1',
      personId: 'kari2',
      remote: true,
      substituteFor: null,
    });
    const acts = [...(catalog.byActor.get('kari2') ?? []), ...(catalog.byActor.get('kari') ?? [])].sort(
      (a, b) => a - b,
    );
    expect(acts.length).toBe(1);
    apply('person-kari2', 'PersonMerged', { personId: 'kari2', intoPersonId: 'kari', name: 'Kari N.' });
    expect(catalog.people.has('kari2')).toBe(false);
    expect(catalog.people.get('kari')?.aliases).toEqual(['Kari N.']);
    expect(catalog.commitments.get('c1')?.owner).toEqual({ kind: 'person', personId: 'kari' });
    expect([...(catalog.openByOwner.get('person:kari') ?? [])]).toEqual(['c1']);
    expect(catalog.openByOwner.has('person:kari2')).toBe(false);
    expect(catalog.groups.get('hovedutvalg')?.members.get('kari')).toBe('chair');
    expect(catalog.groups.get('hovedutvalg')?.members.has('kari2')).toBe(false);
    expect(catalog.meetings.get('m1')?.attendance.map((a) => a.personId)).toContain('kari');
    expect(catalog.mergedPeople.get('kari2')).toBe('kari');
    expect(catalog.byActor.has('kari2')).toBe(false);
    expect(catalog.byActor.get('kari')).toEqual(acts);
  });

  it('drops withdrawn attendance, also when it was recorded under a person merged away since', () => {
    const { catalog, apply } = council();
    apply('person-kari2', 'PersonRegistered', {
      personId: 'kari2',
      name: 'Kari N.',
      email: null,
      organisation: null,
    });
    const attended = (personId: string) =>
      apply('meeting-m1', 'AttendanceRecorded', {
        meetingId: 'm1',
        personId,
        remote: false,
        substituteFor: null,
      });
    const withdrawn = (personId: string) =>
      apply('meeting-m1', 'AttendanceWithdrawn', { meetingId: 'm1', personId, reason: null });
    const shown = () => catalog.meetings.get('m1')?.attendance.map((a) => a.personId);
    attended('kari2');
    attended('ola');
    withdrawn('ola');
    expect(shown()).toEqual(['kari2']);
    apply('person-kari2', 'PersonMerged', { personId: 'kari2', intoPersonId: 'kari', name: 'Kari N.' });
    expect(shown()).toEqual(['kari']);
    expect(idsMergedInto(catalog, 'kari')).toEqual(['kari2']);
    expect(idsMergedInto(catalog, 'ola')).toEqual([]);
    withdrawn('kari2');
    expect(shown()).toEqual([]);
  });

  it("keeps when a person last set a working group's lead by hand, not when an import or a policy did", () => {
    const { catalog, apply } = council();
    const lead = (leadPersonId: string, previousLeadPersonId: string) => ({
      workingGroupId: 'w1',
      leadPersonId,
      previousLeadPersonId,
    });
    apply(
      'workinggroup-w1',
      'WorkingGroupFormed',
      {
        workingGroupId: 'w1',
        groupId: 'hovedutvalg',
        name: 'Arbeidsgruppe 1',
        leadPersonId: 'kari',
        memberIds: ['kari'],
        mandate: null,
        meetingId: null,
      },
      '2026-02-01T10:00:00.000Z',
      'sekretær',
      { via: 'import' },
    );
    expect(catalog.workingGroups.get('w1')?.leadSetByHandAt).toBeNull();
    apply(
      'workinggroup-w1',
      'WorkingGroupLeadChanged',
      lead('ola', 'kari'),
      '2026-03-20T09:00:00.000Z',
      'sekretær',
      {
        via: 'web',
      },
    );
    apply(
      'workinggroup-w1',
      'WorkingGroupLeadChanged',
      lead('kari', 'ola'),
      '2026-04-01T09:00:00.000Z',
      'sekretær',
      {
        via: 'import',
      },
    );
    apply(
      'workinggroup-w1',
      'WorkingGroupLeadChanged',
      lead('ola', 'kari'),
      '2026-04-02T09:00:00.000Z',
      'admin',
      {
        via: 'system',
      },
    );
    expect(catalog.workingGroups.get('w1')).toMatchObject({
      leadPersonId: 'ola',
      leadSetByHandAt: '2026-03-20T09:00:00.000Z',
    });
  });

  describe('when a person is erased', () => {
    it('forgets their name, address, aliases and the text they wrote, and keeps what others wrote', () => {
      const { catalog, apply } = council();
      apply('person-kari', 'PersonAliasAdded', { personId: 'kari', alias: 'Kari N.' });
      apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'person', personId: 'kari' }));
      apply(
        'commitment-c1',
        'CommitmentProgressReported',
        { commitmentId: 'c1', text: 'Kari ringte' },
        undefined,
        'kari',
      );
      apply(
        'commitment-c1',
        'CommitmentProgressReported',
        { commitmentId: 'c1', text: 'Purret' },
        undefined,
        'sekretær',
      );
      apply('workinggroup-w1', 'WorkingGroupFormed', {
        workingGroupId: 'w1',
        groupId: 'hovedutvalg',
        name: 'Arbeidsgruppe 1',
        leadPersonId: 'kari',
        memberIds: ['kari'],
        mandate: null,
        meetingId: null,
      });
      apply(
        'workinggroup-w1',
        'WorkingGroupStatusReported',
        { workingGroupId: 'w1', meetingId: null, status: 'active', text: 'Kari har samlet gruppa' },
        undefined,
        'kari',
      );
      apply('person-kari', 'PersonErased', { personId: 'kari' }, undefined, 'admin');
      expect(catalog.people.get('kari')).toMatchObject({
        name: 'slettet person',
        email: null,
        aliases: [],
        erased: true,
      });
      expect(catalog.commitments.get('c1')?.progress.map((p) => p.text)).toEqual([
        'slettet person',
        'Purret',
      ]);
      expect(catalog.workingGroups.get('w1')?.statusText).toBe('slettet person');
      expect(catalog.workingGroups.get('w1')?.statusReports.map((r) => r.text)).toEqual(['slettet person']);
      expect(JSON.stringify([...catalog.people.values(), ...catalog.commitments.values()])).not.toMatch(
        /Kari/,
      );
    });
  });
});
