import { meetingsEventSchema } from './meetings.events';

const meetingId = 'm-1';

describe('meetings events', () => {
  it('accepts a well-formed event', () => {
    const event = {
      type: 'MeetingScheduled',
      data: {
        meetingId,
        groupId: 'g-1',
        title: null,
        startsAt: '2025-03-20T10:00:00+01:00',
        endsAt: null,
        location: null,
        online: true,
      },
    };
    expect(meetingsEventSchema.parse(event)).toEqual(event);
  });

  it('accepts a withdrawal of attendance, with or without a reason', () => {
    for (const reason of [null, 'Feil person']) {
      const event = { type: 'AttendanceWithdrawn', data: { meetingId, personId: 'p-1', reason } };
      expect(meetingsEventSchema.parse(event)).toEqual(event);
    }
  });

  it.each([
    ['an unknown type', { type: 'MeetingPostponed', data: { meetingId } }],
    [
      'a start that is not an instant',
      {
        type: 'MeetingScheduled',
        data: {
          meetingId,
          groupId: 'g-1',
          title: null,
          startsAt: '20.03.2025',
          endsAt: null,
          location: null,
          online: null,
        },
      },
    ],
    [
      'a missing previous start',
      { type: 'MeetingRescheduled', data: { meetingId, startsAt: '2025-03-20T09:00:00Z', endsAt: null } },
    ],
    ['a missing reason', { type: 'MeetingCancelled', data: { meetingId } }],
    [
      'an unknown agenda item kind',
      { type: 'AgendaItemAdded', data: { meetingId, itemId: 'i-1', number: 1, title: 'Sak', kind: 'lunch' } },
    ],
    ['a missing item id', { type: 'AgendaItemDeferred', data: { meetingId } }],
    ['a missing meeting id', { type: 'NoticeIssued', data: {} }],
    [
      'remote as text',
      {
        type: 'AttendanceRecorded',
        data: { meetingId, personId: 'p-1', remote: 'yes', substituteFor: null },
      },
    ],
    ['a withdrawal with no person', { type: 'AttendanceWithdrawn', data: { meetingId, reason: null } }],
    ['a numeric meeting id', { type: 'MeetingHeld', data: { meetingId: 1 } }],
    ['a missing approving meeting', { type: 'MinutesApproved', data: { meetingId } }],
  ])('rejects %s', (_, event) => {
    expect(meetingsEventSchema.safeParse(event).success).toBe(false);
  });
});
