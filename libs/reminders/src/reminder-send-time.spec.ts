import { zoneOffsetMs } from '@tilneste/domain-kit';
import { reminderSendTime } from './reminder-send-time';

describe('reminderSendTime', () => {
  it('sends day offsets at 09:00 Oslo time on the calendar day, whatever the daylight saving', () => {
    // Summer time starts 30 March 2025: a week before 3 April is still winter time (UTC+1).
    expect(reminderSendTime('2025-04-03T09:00:00+02:00', 'P7D')!.toISOString()).toBe(
      '2025-03-27T08:00:00.000Z',
    );
    expect(reminderSendTime('2025-04-03T09:00:00+02:00', 'P1D')!.toISOString()).toBe(
      '2025-04-02T07:00:00.000Z',
    );
    // Winter time starts 26 October 2025.
    expect(reminderSendTime('2025-10-30T13:00:00+01:00', 'P7D')!.toISOString()).toBe(
      '2025-10-23T07:00:00.000Z',
    );
    expect(reminderSendTime('2025-06-12T09:00:00+02:00', 'P2W')!.toISOString()).toBe(
      '2025-05-29T07:00:00.000Z',
    );
  });

  it('counts days from the meeting day in Oslo, not in UTC', () => {
    // 00:30 Oslo on 5 March is still 4 March in UTC.
    expect(reminderSendTime('2025-03-04T23:30:00Z', 'P1D')!.toISOString()).toBe('2025-03-04T08:00:00.000Z');
  });

  it('subtracts sub-day offsets exactly', () => {
    expect(reminderSendTime('2025-03-20T09:00:00+01:00', 'PT30S')!.toISOString()).toBe(
      '2025-03-20T07:59:30.000Z',
    );
    expect(reminderSendTime('2025-03-30T12:00:00+02:00', 'P1DT12H')!.toISOString()).toBe(
      '2025-03-28T22:00:00.000Z',
    );
  });

  it('gives null for an offset it cannot read', () => {
    expect(reminderSendTime('2025-03-20T09:00:00+01:00', 'P1M')).toBeNull();
    expect(reminderSendTime('not a date', 'P1D')).toBeNull();
  });

  it('finds the Oslo offset with Intl', () => {
    expect(zoneOffsetMs(Date.parse('2025-01-15T12:00:00Z'), 'Europe/Oslo')).toBe(3_600_000);
    expect(zoneOffsetMs(Date.parse('2025-07-15T12:00:00Z'), 'Europe/Oslo')).toBe(7_200_000);
  });
});
