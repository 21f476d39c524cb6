import { history, meeting, commitment } from '../../testing/history';
import { dashboard } from '../dashboard/dashboard.queries';
import { dueMeeting } from './commitment-terms';

describe('a meeting known only from a notice', () => {
  function history3() {
    const { catalog, apply } = history();
    apply('group-hovedutvalg', 'GroupEstablished', {
      groupId: 'hovedutvalg',
      name: 'Hovedutvalget',
      timeZone: 'Europe/Oslo',
    });
    apply('meeting-m1', 'MeetingScheduled', meeting('m1', '2023-03-16T09:00:00+01:00'));
    apply('meeting-m2', 'MeetingScheduled', meeting('m2', '2023-08-31T09:00:00+02:00'));
    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'secretariat' }, 'm1'));
    apply('meeting-m1', 'MeetingHeld', { meetingId: 'm1' });
    return { catalog, apply };
  }

  it('is the next meeting, and what is due at it, while no later meeting is held', () => {
    const { catalog } = history3();
    expect(dashboard(catalog, 'hovedutvalg', new Date('2023-04-01')).nextMeeting?.id).toBe('m2');
    expect(dueMeeting(catalog, catalog.commitments.get('c1')!)?.id).toBe('m2');
    expect(dashboard(catalog, 'hovedutvalg', new Date('2023-04-01')).notClosedMeetings).toEqual([]);
  });

  it('is flagged as not closed once a later meeting is held, and is then neither next nor due', () => {
    const { catalog, apply } = history3();
    apply('meeting-m3', 'MeetingScheduled', meeting('m3', '2025-03-20T10:00:00+01:00'));
    apply('meeting-m3', 'MeetingHeld', { meetingId: 'm3' });
    const view = dashboard(catalog, 'hovedutvalg', new Date('2026-11-30'));
    expect(view.nextMeeting).toBeNull();
    expect(view.notClosedMeetings.map((m) => m.id)).toEqual(['m2']);
    expect(dueMeeting(catalog, catalog.commitments.get('c1')!)?.id).toBe('m3');
  });

  it('stops being flagged when the held meeting after it is cancelled', () => {
    const { catalog, apply } = history3();
    apply('meeting-m3', 'MeetingScheduled', meeting('m3', '2025-03-20T10:00:00+01:00'));
    apply('meeting-m3', 'MeetingHeld', { meetingId: 'm3' });
    apply('meeting-m3', 'MeetingCancelled', { meetingId: 'm3', reason: null });
    expect(dashboard(catalog, 'hovedutvalg', new Date('2026-11-30')).notClosedMeetings).toEqual([]);
  });
});
