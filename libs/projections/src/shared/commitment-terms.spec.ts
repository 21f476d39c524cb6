import { commitment, council } from '../../testing/history';
import { myTasks } from '../tasks/tasks.queries';
import { answerableFor, dueMeeting, reachableByEmail } from './commitment-terms';

describe('The terms every view uses', () => {
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

  it('has those who answer for a commitment: its person, its working group lead, or the secretariat', () => {
    const { catalog, apply } = council();
    apply('workinggroup-wg', 'WorkingGroupFormed', {
      workingGroupId: 'wg',
      groupId: 'hovedutvalg',
      name: 'Budsjettgruppen',
      leadPersonId: 'ola',
      memberIds: ['ola'],
      mandate: null,
      meetingId: 'm1',
    });
    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'person', personId: 'kari' }));
    apply(
      'commitment-c2',
      'CommitmentMade',
      commitment('c2', { kind: 'working-group', workingGroupId: 'wg' }),
    );
    apply('commitment-c3', 'CommitmentMade', commitment('c3', { kind: 'secretariat' }));
    apply('commitment-c4', 'CommitmentMade', commitment('c4', { kind: 'none' }));
    const who = (id: string) => answerableFor(catalog, catalog.commitments.get(id)!);
    expect([who('c1'), who('c2'), who('c3'), who('c4')]).toEqual([['kari'], ['ola'], ['siri'], []]);
  });

  it('reaches by e-mail only a person with an address on record', () => {
    const { catalog, apply } = council();
    apply('person-nils', 'PersonRegistered', {
      personId: 'nils',
      name: 'Nils',
      email: null,
      organisation: null,
    });
    expect(reachableByEmail(catalog.people.get('kari'))).toBe(true);
    expect(reachableByEmail(catalog.people.get('nils'))).toBe(false);
    expect(reachableByEmail(undefined)).toBe(false);
  });
});
