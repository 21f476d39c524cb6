export interface IcsMeeting {
  meetingId: string;
  /** Grows with every move, so calendars replace the old entry. */
  sequence: number;
  title: string;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  description: string;
  /** The moment the file is made, for DTSTAMP. */
  now: Date;
  domain: string;
}

const DEFAULT_LENGTH_MS = 2 * 60 * 60 * 1000;

const utc = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines. */
export const escapeIcsText = (text: string) =>
  text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 character. */
export function foldIcsLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** A one-event iCalendar file for the meeting (METHOD:PUBLISH), CRLF line ends. */
export function buildMeetingIcs(meeting: IcsMeeting): string {
  const start = Date.parse(meeting.startsAt);
  const end = meeting.endsAt ? Date.parse(meeting.endsAt) : start + DEFAULT_LENGTH_MS;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tilneste//Påminnelser//NO',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:meeting-${meeting.meetingId}@${meeting.domain}`,
    `SEQUENCE:${meeting.sequence}`,
    `DTSTAMP:${utc(meeting.now.getTime())}`,
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(end)}`,
    `SUMMARY:${escapeIcsText(meeting.title)}`,
    ...(meeting.location ? [`LOCATION:${escapeIcsText(meeting.location)}`] : []),
    `DESCRIPTION:${escapeIcsText(meeting.description)}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}
