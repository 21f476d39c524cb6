import ICAL from 'ical.js';
import { buildCalendar } from './meeting-calendar';
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
    {
      workingGroup: null,
      items: [
        {
          commitmentId: 'c1',
          text: 'Dele <b>lista</b>',
          sourceMeeting: '20. mars 2025',
          sourceItem: { number: 4, title: 'Arbeidsgrupper' },
          carriedOver: 2,
          ownerName: null,
          links: { done: 'https://x/api/links/a.b?c="d"', progress: 'https://x/api/links/e.f' },
        },
      ],
    },
    {
      workingGroup: 'Arbeidsgruppe 2',
      items: [
        {
          commitmentId: 'c2',
          text: 'Fordele arbeidet',
          sourceMeeting: null,
          sourceItem: null,
          carriedOver: 0,
          ownerName: 'Arbeidsgruppe 2',
          links: null,
        },
      ],
    },
  ],
  digest: [],
  preferencesUrl: 'https://tilneste.example.no/varsler/abc.def',
};

describe('the reminder e-mail', () => {
  it('escapes everything people typed in the HTML part', async () => {
    const { html } = await renderReminderEmail(model);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Eve &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Dele &lt;b&gt;lista&lt;/b&gt;');
    expect(html).toContain('href="https://x/api/links/a.b?c=&quot;d&quot;"');
  });

  it('says in bokmål where each item comes from, how often it was carried over, and groups working-group items', async () => {
    const { subject, text } = await renderReminderEmail(model);
    expect(subject).toBe('Påminnelse: Møte & samling torsdag 12. juni 2025 kl. 09:00');
    expect(text).toContain('Fra møtet 20. mars 2025, sak 4: Arbeidsgrupper');
    expect(text).toContain('Utsatt 2 ganger');
    expect(text.indexOf('Gjennom Arbeidsgruppe 2:')).toBeLessThan(text.indexOf('Fordele arbeidet'));
    expect((await renderReminderEmail(model, en)).text).toContain('Carried over 2 times');
    expect(text).toContain('Velg hvilke påminnelser du får: https://tilneste.example.no/varsler/abc.def');
  });

  it('writes the agenda item as the pages do, its number and a colon before its title, in both languages', async () => {
    const item = model.own[0].items[0];
    const withItem = (sourceItem: typeof item.sourceItem): ReminderEmailModel => ({
      ...model,
      own: [{ workingGroup: null, items: [{ ...item, sourceItem }] }],
    });
    const numbered = withItem({ number: 5, title: 'Vedtak om samarbeidsavtalen' });
    const nbMail = await renderReminderEmail(numbered);
    const enMail = await renderReminderEmail(numbered, en);
    for (const part of [nbMail.text, nbMail.html])
      expect(part).toContain('Fra møtet 20. mars 2025, sak 5: Vedtak om samarbeidsavtalen');
    for (const part of [enMail.text, enMail.html])
      expect(part).toContain('From the meeting 20. mars 2025, item 5: Vedtak om samarbeidsavtalen');
    // An item without a number is named by its title alone, not "sak <title>".
    const unnumbered = await renderReminderEmail(withItem({ number: null, title: 'Eventuelt' }));
    expect(unnumbered.text).toContain('Fra møtet 20. mars 2025, Eventuelt');
    expect(unnumbered.text).not.toContain('sak Eventuelt');
  });

  it("links the working group's status, once, after its items, in the reader's language, and asks for no sign-in", async () => {
    const url = 'https://x/api/links/c3RhdHVz.c2lnbmVk';
    const withStatus: ReminderEmailModel = {
      ...model,
      own: [model.own[0], { ...model.own[1], statusUrl: url }],
    };
    const { text, html } = await renderReminderEmail(withStatus);
    const line = `Meld status for arbeidsgruppen: ${url}`;
    expect(text.split(line)).toHaveLength(2);
    expect(text.indexOf('Fordele arbeidet')).toBeLessThan(text.indexOf(line));
    expect(html).toContain(`<a href="${url}" style="color:`);
    expect(html).toMatch(/>Meld status for arbeidsgruppen<\/a>/);
    const english = await renderReminderEmail(withStatus, en);
    expect(english.text).toContain(`Report the working group's status: ${url}`);
    for (const part of [text, html, english.text, english.html])
      expect(part).not.toMatch(/krever innlogging|sign-in needed/);
    expect((await renderReminderEmail(model)).text).not.toContain('Meld status');
  });

  it('names a font every Windows has first wherever it sets one, for Outlook, which takes only the first', async () => {
    const { html } = await renderReminderEmail(model);
    const families = [...html.matchAll(/font-family:\s*([^;"]+)/g)].map((m) => m[1].trim());
    expect(families.length).toBeGreaterThan(3);
    for (const family of families) expect(family).toMatch(/^(?:'Segoe UI'|&#39;Segoe UI&#39;|"Segoe UI")/);
  });

  it('lays the HTML out with MJML: real buttons for each own item, none in the chair digest', async () => {
    const digestItem = {
      ...model.own[0].items[0],
      commitmentId: 'c3',
      text: 'Sjefens oversikt',
      links: null,
    };
    const { html } = await renderReminderEmail({ ...model, digest: [digestItem] });
    expect(html).toMatch(/^<!doctype html>/i);
    // A bulletproof MJML button is a table cell with the accent background around the link.
    const buttons = [...html.matchAll(/<a href="([^"]+)"[^>]*>\s*([^<]+?)\s*<\/a>/g)].map((b) => [
      b[1],
      b[2],
    ]);
    expect(buttons).toContainEqual(['https://x/api/links/a.b?c=&quot;d&quot;', 'Marker som utført']);
    expect(buttons).toContainEqual(['https://x/api/links/e.f', 'Meld fremdrift']);
    expect(html).toContain('bgcolor="#0062BA"');
    expect(html.match(/Marker som utført/g)).toHaveLength(1);
    expect(html).toContain('Sjefens oversikt');
    expect(html).toContain('href="https://tilneste.example.no/varsler/abc.def"');
  });

  it("fills a cached layout with each e-mail's own text, never an earlier one's", async () => {
    const first = await renderReminderEmail(model);
    const other = await renderReminderEmail({
      ...model,
      recipientName: 'Ola',
      own: [{ workingGroup: null, items: [{ ...model.own[0].items[0], text: 'Noe annet' }] }, model.own[1]],
    });
    expect(first.html).toContain('Dele &lt;b&gt;lista&lt;/b&gt;');
    expect(other.html).toContain('Noe annet');
    expect(other.html).not.toContain('lista');
    expect(other.html).toContain('Hei Ola,');
    expect(other.html).not.toMatch(/tlnslot\d+x/);
  });
});

describe('the calendar file', () => {
  const options = {
    method: 'PUBLISH' as const,
    organizer: { name: 'Faggruppe "plan"; ny', email: 'tilneste@example.no' },
    domain: 'example.no',
    now: new Date('2025-06-01T00:00:00Z'),
  };
  const meeting = {
    meetingId: 'm1',
    sequence: 2,
    title: 'Møte; sak, ny',
    startsAt: '2025-06-12T09:00:00+02:00',
    endsAt: null,
    location: null,
    description: 'æ'.repeat(200),
    status: 'confirmed' as const,
  };

  it('escapes text, folds long lines at 75 octets and carries the move count as SEQUENCE, with ORGANIZER and STATUS', () => {
    const ics = buildCalendar(options, [meeting]);
    expect(ics).toContain('SUMMARY:Møte\\; sak\\, ny\r\n');
    expect(ics).toContain('DTSTART:20250612T070000Z\r\nDTEND:20250612T090000Z');
    expect(ics).toContain('SEQUENCE:2');
    expect(ics).toContain('STATUS:CONFIRMED');
    expect(ics).toContain('METHOD:PUBLISH');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('description')).toBe('æ'.repeat(200));
    expect(event.getFirstProperty('organizer')!.getParameter('cn')).toBe('Faggruppe "plan"; ny');
    expect(event.getFirstPropertyValue('organizer')).toBe('mailto:tilneste@example.no');
  });

  it('cancels with the same UID, STATUS:CANCELLED and the attendee, and lists what is owed as VTODOs', () => {
    const ics = buildCalendar(
      { ...options, method: 'CANCEL', attendee: { name: 'Kari', email: 'kari@example.no' } },
      [{ ...meeting, status: 'cancelled', sequence: 3 }],
      [
        {
          commitmentId: 'c1',
          summary: 'Fordele arbeidet',
          description: null,
          due: '2025-06-12T09:00:00+02:00',
          meetingId: 'm1',
        },
        {
          commitmentId: 'c2',
          summary: 'Innen uke 12',
          description: 'fra møtet',
          due: '2025-03-23',
          meetingId: null,
        },
      ],
    );
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const event = calendar.getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('uid')).toBe('meeting-m1@example.no');
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('sequence')).toBe(3);
    expect(event.getFirstPropertyValue('attendee')).toBe('mailto:kari@example.no');
    const todos = calendar.getAllSubcomponents('vtodo');
    expect(todos.map((t) => String(t.getFirstPropertyValue('due')))).toEqual([
      '2025-06-12T07:00:00Z',
      '2025-03-23',
    ]);
    expect(todos[0].getFirstPropertyValue('related-to')).toBe('meeting-m1@example.no');
  });
});

describe('SMTP outcomes', () => {
  it('retries 4xx and connection failures, gives up on 5xx, and does not resend after a drop mid-message', () => {
    expect(
      classifySmtpError({ code: 'EMESSAGE', responseCode: 451, response: '451 later' }, true),
    ).toMatchObject({ kind: 'rejected', permanent: false });
    expect(
      classifySmtpError({ code: 'ECONNECTION', responseCode: 421, response: '421 bye' }, true),
    ).toMatchObject({ kind: 'rejected', permanent: false });
    expect(
      classifySmtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 no' }, true),
    ).toMatchObject({ kind: 'rejected', permanent: true });
    expect(classifySmtpError({ code: 'ESOCKET', message: 'connect ECONNREFUSED' }, false)).toMatchObject({
      kind: 'unreachable',
    });
    expect(classifySmtpError({ code: 'ETIMEDOUT', message: 'Timeout' }, true)).toMatchObject({
      kind: 'ambiguous',
    });
  });
});
