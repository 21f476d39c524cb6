import {
  buildCalendar,
  meetingCalendar,
  type CalendarMeeting,
  type CalendarOptions,
} from './meeting-calendar';

const options = (now: string, over: Partial<CalendarOptions> = {}): CalendarOptions => ({
  method: 'PUBLISH',
  organizer: { name: 'Faggruppe for plan og miljø', email: 'tilneste@example.no' },
  domain: 'example.no',
  now: new Date(now),
  ...over,
});

const meeting: CalendarMeeting = {
  meetingId: 'm1',
  sequence: 0,
  title: 'Ordinært møte – Faggruppe for plan og miljø',
  startsAt: '2026-11-24T08:00:00Z',
  endsAt: null,
  location: 'Fylkeshuset, møterom 3',
  description: 'Møtet: Ordinært møte, tirsdag 24. november 2026 kl. 09:00',
  status: 'confirmed',
};

describe("a meeting's calendar file", () => {
  it('is the one buildCalendar makes, whatever changed since the last one in the same second', () => {
    const variants: [CalendarOptions, CalendarMeeting][] = [
      [options('2026-11-17T09:00:00.100Z'), meeting],
      [options('2026-11-17T09:00:00.200Z'), { ...meeting, sequence: 1 }],
      [options('2026-11-17T09:00:00.300Z'), { ...meeting, location: null }],
      [options('2026-11-17T09:00:00.400Z', { method: 'CANCEL' }), { ...meeting, status: 'cancelled' }],
      [
        options('2026-11-17T09:00:00.500Z', { attendee: { name: 'Kari', email: 'kari@example.no' } }),
        meeting,
      ],
      [
        options('2026-11-17T09:00:00.600Z', {
          organizer: { name: 'Tilneste', email: 'tilneste@example.no' },
        }),
        meeting,
      ],
      [options('2026-11-17T09:00:00.700Z', { domain: 'example.com' }), meeting],
    ];
    const made = variants.map(([o, m]) => meetingCalendar(o, m));
    expect(made).toEqual(variants.map(([o, m]) => buildCalendar(o, [m])));
    expect(new Set(made).size).toBe(variants.length);
  });

  it('gets the DTSTAMP of its own second', () => {
    const first = meetingCalendar(options('2026-11-17T09:00:00.900Z'), meeting);
    const next = meetingCalendar(options('2026-11-17T09:00:01.000Z'), meeting);
    expect(first).toContain('DTSTAMP:20261117T090000Z');
    expect(next).toBe(buildCalendar(options('2026-11-17T09:00:01.000Z'), [meeting]));
    expect(next).toContain('DTSTAMP:20261117T090001Z');
  });
});
