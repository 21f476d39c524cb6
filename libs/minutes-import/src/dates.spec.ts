import {
  findDates,
  findDeadline,
  inferYear,
  isoWeekSunday,
  parseDueValue,
  parseTimeRange,
  weekDeadline,
} from './dates';

describe('dates', () => {
  describe('findDates', () => {
    it.each([
      ['Tid: 20.03.2025, kl. 10:00-12:00', '2025-03-20'],
      ['Dato: 22.03.23', '2023-03-22'],
      ['Tid: Torsdag 16.03.2023 kl. 09.00 – 11.00', '2023-03-16'],
      ['Møtedato: 23. oktober 2025', '2025-10-23'],
      ['GODKJENNING AV REFERAT FRA MØTE 16. JANUAR 2025', '2025-01-16'],
      ['Date: 14 May 2025', '2025-05-14'],
      ['on May 14, 2025', '2025-05-14'],
      ['Møte 04/11/2025', '2025-11-04'],
      ['2025-06-03', '2025-06-03'],
    ])('reads %s', (text, iso) => {
      expect(findDates(text)[0]?.iso).toBe(iso);
    });

    it('does not read times or invalid dates as dates', () => {
      expect(findDates('kl. 09.00 – 11.00')).toEqual([]);
      expect(findDates('31.02.2025')).toEqual([]);
    });

    it('infers the year of "16. januar" from the reference date', () => {
      const [d] = findDates('referat fra 16. januar', { ref: '2025-03-20', prefer: 'past' });
      expect(d).toMatchObject({ iso: '2025-01-16', hasYear: false });
      expect(findDates('fra 4. desember', { ref: '2025-02-05', prefer: 'past' })[0].iso).toBe('2024-12-04');
    });

    it('leaves a yearless date out when there is no reference date', () => {
      expect(findDates('den 8. juni')).toEqual([]);
    });
  });

  describe('ISO week deadlines', () => {
    it('gives the Sunday ending the week', () => {
      expect(isoWeekSunday(2023, 12)).toBe('2023-03-26');
      expect(isoWeekSunday(2025, 9)).toBe('2025-03-02');
      expect(isoWeekSunday(2026, 1)).toBe('2026-01-04');
    });

    it('uses the next year when the week has long passed at the meeting', () => {
      expect(weekDeadline(2, '2025-12-10')).toBe('2026-01-11');
      expect(weekDeadline(12, '2023-03-16')).toBe('2023-03-26');
    });

    it('picks the nearest year in the preferred direction', () => {
      expect(inferYear(1, 16, '2025-03-20', 'past')).toBe(2025);
      expect(inferYear(1, 16, '2025-12-20', 'future')).toBe(2026);
    });
  });

  describe('parseTimeRange', () => {
    it.each([
      ['kl. 09.00 – 11.00', '09:00', '11:00'],
      ['20.03.2025, kl. 10:00-12:00', '10:00', '12:00'],
      ['31. august 2023 kl 09.00-10.30', '09:00', '10:30'],
      ['kl. 10-12', '10:00', '12:00'],
      ['14:00–16:00', '14:00', '16:00'],
      ['10.00 til 12.00', '10:00', '12:00'],
    ])('reads %s', (text, start, end) => {
      expect(parseTimeRange(text)).toEqual({ start, end });
    });

    it('takes a bare "13–15" only when told the text gives the time', () => {
      expect(parseTimeRange('Møte 04/11/2025, 13–15, Teams').start).toBeNull();
      expect(parseTimeRange('Møte 04/11/2025, 13–15, Teams', true)).toEqual({ start: '13:00', end: '15:00' });
    });

    it('does not read year ranges or counts as times', () => {
      expect(parseTimeRange('Strategiske føringer 2025-2028, 3-4 utfordringer')).toEqual({
        start: null,
        end: null,
      });
    });

    it('reads a single start time', () => {
      expect(parseTimeRange('Neste møte blir 9. desember kl. 13')).toEqual({ start: '13:00', end: null });
    });
  });

  describe('findDeadline', () => {
    const meeting = '2023-03-16';
    it.each([
      ['og melder tilbake til neste møte.', 'next-meeting'],
      ['vil følge opp ved neste anledning', 'next-meeting'],
      ['to ask the county before the next meeting', 'next-meeting'],
      ['sende notatet på høring i løpet av uke 12.', '2023-03-26'],
      ['lager et utkast innen 7. april', '2023-04-07'],
      ['draft an outline by 13 June 2023', '2023-06-13'],
    ])('reads "%s"', (text, due) => {
      expect(findDeadline(text, meeting)).toBe(due);
    });

    it('ignores a date that is no deadline', () => {
      expect(findDeadline('invitasjon til samling 12. mai', meeting)).toBeUndefined();
    });

    it('reads a "Frist:" cell', () => {
      expect(parseDueValue('neste møte', meeting)).toBe('next-meeting');
      expect(parseDueValue('02.05.2023', meeting)).toBe('2023-05-02');
      expect(parseDueValue('snarest', meeting)).toBeNull();
    });
  });
});
