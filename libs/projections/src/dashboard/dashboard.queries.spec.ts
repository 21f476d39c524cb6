import { commitment, council } from '../../testing/history';
import { dashboard } from './dashboard.queries';

describe("The chair's dashboard", () => {
  const now = new Date('2026-03-01T12:00:00Z');

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

  it('plots a commitment recorded after the fact at the meeting it was made at', () => {
    const { catalog, apply } = council();
    // Recorded in May, made at the meeting of 5 February.
    apply(
      'commitment-c1',
      'CommitmentMade',
      commitment('c1', { kind: 'none' }, 'm1'),
      '2026-05-02T09:00:00.000Z',
    );
    apply('meeting-m1', 'MeetingHeld', { meetingId: 'm1' }, '2026-05-02T09:01:00.000Z');
    apply('meeting-m2', 'MeetingHeld', { meetingId: 'm2' }, '2026-05-02T09:02:00.000Z');
    expect(dashboard(catalog, 'hovedutvalg', now).history.map((p) => [p.meetingId, p.open])).toEqual([
      ['m1', 1],
      ['m2', 1],
    ]);
  });

  it('lists the people involved who cannot be reached by e-mail', () => {
    const { catalog, apply } = council();
    apply('person-nils', 'PersonRegistered', {
      personId: 'nils',
      name: 'Nils',
      email: null,
      organisation: null,
    });
    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'person', personId: 'nils' }));
    expect(dashboard(catalog, 'hovedutvalg', now).peopleWithoutEmail).toEqual([{ id: 'nils', name: 'Nils' }]);
  });
});
