import { buildMeetingIcs, foldIcsLine } from './meeting-ics';
import { classifySmtpError } from './mailer.port';
import { renderReminderEmail, type ReminderEmailModel } from './reminder-email.renderer';
import { en } from './reminder.messages';

const model: ReminderEmailModel = {
  recipientName: 'Eve <script>alert("x")</script>',
  meetingTitle: 'Møte & samling',
  when: 'torsdag 12. juni 2025 kl. 09:00',
  place: 'Fylkeshuset',
  online: false,
  own: [
    { workingGroup: null, items: [{ commitmentId: 'c1', text: 'Dele <b>lista</b>', sourceMeeting: '20. mars 2025', sourceItem: '4 Arbeidsgrupper', carriedOver: 2, ownerName: null, links: { done: 'https://x/api/links/a.b?c="d"', progress: 'https://x/api/links/e.f' } }] },
    { workingGroup: 'Arbeidsgruppe 2', items: [{ commitmentId: 'c2', text: 'Fordele arbeidet', sourceMeeting: null, sourceItem: null, carriedOver: 0, ownerName: 'Arbeidsgruppe 2', links: null }] },
  ],
  digest: [],
};

describe('the reminder e-mail', () => {
  it('escapes everything people typed in the HTML part', () => {
    const { html } = renderReminderEmail(model);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Eve &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Dele &lt;b&gt;lista&lt;/b&gt;');
    expect(html).toContain('href="https://x/api/links/a.b?c=&quot;d&quot;"');
  });

  it('says in bokmål where each item comes from, how often it was carried over, and groups working-group items', () => {
    const { subject, text } = renderReminderEmail(model);
    expect(subject).toBe('Påminnelse: Møte & samling torsdag 12. juni 2025 kl. 09:00');
    expect(text).toContain('Fra møtet 20. mars 2025, sak 4 Arbeidsgrupper');
    expect(text).toContain('Utsatt 2 ganger');
    expect(text.indexOf('Gjennom Arbeidsgruppe 2:')).toBeLessThan(text.indexOf('Fordele arbeidet'));
    expect(renderReminderEmail(model, en).text).toContain('Carried over 2 times');
  });
});

describe('the calendar file', () => {
  it('escapes text, folds long lines at 75 octets and carries the move count as SEQUENCE', () => {
    const ics = buildMeetingIcs({ meetingId: 'm1', sequence: 2, title: 'Møte; sak, ny', startsAt: '2025-06-12T09:00:00+02:00', endsAt: null, location: null, description: 'x'.repeat(200), now: new Date('2025-06-01T00:00:00Z'), domain: 'example.no' });
    expect(ics).toContain('SUMMARY:Møte\\; sak\\, ny\r\n');
    expect(ics).toContain('DTSTART:20250612T070000Z\r\nDTEND:20250612T090000Z');
    expect(ics).toContain('SEQUENCE:2');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(foldIcsLine('æ'.repeat(50)).split('\r\n ').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  });
});

describe('SMTP outcomes', () => {
  it('retries 4xx and connection failures, gives up on 5xx, and does not resend after a drop mid-message', () => {
    expect(classifySmtpError({ code: 'EMESSAGE', responseCode: 451, response: '451 later' }, true)).toMatchObject({ kind: 'rejected', permanent: false });
    expect(classifySmtpError({ code: 'ECONNECTION', responseCode: 421, response: '421 bye' }, true)).toMatchObject({ kind: 'rejected', permanent: false });
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 no' }, true)).toMatchObject({ kind: 'rejected', permanent: true });
    expect(classifySmtpError({ code: 'ESOCKET', message: 'connect ECONNREFUSED' }, false)).toMatchObject({ kind: 'unreachable' });
    expect(classifySmtpError({ code: 'ETIMEDOUT', message: 'Timeout' }, true)).toMatchObject({ kind: 'ambiguous' });
  });
});
