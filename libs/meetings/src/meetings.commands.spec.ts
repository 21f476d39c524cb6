import { addAgendaItemData, scheduleMeetingData } from './meetings.commands';

describe('meetings commands', () => {
  it('accepts a meeting with only the required fields', () => {
    expect(
      scheduleMeetingData.safeParse({
        meetingId: 'm-1',
        groupId: 'g-1',
        startsAt: '2025-03-20T10:00:00+01:00',
      }).success,
    ).toBe(true);
  });

  it('rejects a start without an offset', () => {
    expect(
      scheduleMeetingData.safeParse({ meetingId: 'm-1', groupId: 'g-1', startsAt: '2025-03-20T10:00:00' })
        .success,
    ).toBe(false);
  });

  it('rejects an agenda number that is not a positive whole number', () => {
    expect(
      addAgendaItemData.safeParse({ meetingId: 'm-1', itemId: 'i-1', title: 'Sak', number: 1.5 }).success,
    ).toBe(false);
  });

  it('rejects unknown fields', () => {
    expect(
      addAgendaItemData.safeParse({ meetingId: 'm-1', itemId: 'i-1', title: 'Sak', colour: 'red' }).success,
    ).toBe(false);
  });
});
