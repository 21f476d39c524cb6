import { commitment, council } from '../../testing/history';
import { workingGroupStatus } from './working-group-status.queries';

describe("A working group's status", () => {
  it('shows lead, members, the latest report, and its open and done commitments', () => {
    const { catalog, apply } = council();
    apply('workinggroup-wg', 'WorkingGroupFormed', {
      workingGroupId: 'wg',
      groupId: 'hovedutvalg',
      name: 'Budsjettgruppen',
      leadPersonId: 'kari',
      memberIds: ['kari', 'ola'],
      mandate: 'Lage forslag til budsjett',
      meetingId: 'm1',
    });
    apply('workinggroup-wg', 'WorkingGroupStatusReported', {
      workingGroupId: 'wg',
      meetingId: 'm1',
      status: 'active',
      text: 'I rute',
    });
    apply(
      'commitment-c1',
      'CommitmentMade',
      commitment('c1', { kind: 'working-group', workingGroupId: 'wg' }),
    );
    apply(
      'commitment-c2',
      'CommitmentMade',
      commitment('c2', { kind: 'working-group', workingGroupId: 'wg' }),
    );
    apply('commitment-c2', 'CommitmentCompleted', { commitmentId: 'c2', note: null });
    const status = workingGroupStatus(catalog, 'wg', new Date('2026-03-01T12:00:00Z'))!;
    expect(status).toMatchObject({
      name: 'Budsjettgruppen',
      lead: { id: 'kari', name: 'Kari' },
      members: [
        { id: 'kari', name: 'Kari' },
        { id: 'ola', name: 'Ola' },
      ],
      status: 'active',
      statusText: 'I rute',
    });
    expect(status.open.map((t) => t.id)).toEqual(['c1']);
    expect(status.done.map((t) => t.id)).toEqual(['c2']);
    expect(workingGroupStatus(catalog, 'nope', new Date())).toBeUndefined();
  });

  it('keeps every status report, newest first, with the latest as the status', () => {
    const { catalog, apply } = council();
    apply('workinggroup-wg', 'WorkingGroupFormed', {
      workingGroupId: 'wg',
      groupId: 'hovedutvalg',
      name: 'Budsjettgruppen',
      leadPersonId: 'kari',
      memberIds: ['kari'],
      mandate: null,
      meetingId: 'm1',
    });
    const report = (status: string, text: string | null) =>
      apply('workinggroup-wg', 'WorkingGroupStatusReported', {
        workingGroupId: 'wg',
        meetingId: 'm1',
        status,
        text,
      });
    report('not-started', 'Har ikke møttes ennå');
    report('active', 'I rute');
    report('done', null);
    const status = workingGroupStatus(catalog, 'wg', new Date('2026-03-01T12:00:00Z'))!;
    expect(status).toMatchObject({ status: 'done', statusText: null });
    expect(status.reports.map((r) => [r.status, r.text])).toEqual([
      ['done', null],
      ['active', 'I rute'],
      ['not-started', 'Har ikke møttes ennå'],
    ]);
    expect(status.reports.every((r) => typeof r.at === 'string' && r.at.length > 0)).toBe(true);
  });
});
