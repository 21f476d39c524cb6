import { fiveItemReminder, mimeSizes } from '../testing/mail-size';
import { mailBodies } from '../testing/smtp-test-server';

/*
 * The size of a reminder on the wire is what the worker's throughput follows (bench/README.md, "reminders").
 * This fixed five-item reminder measured 58,422 bytes before the layout was cut to one MJML section (HTML
 * part 51,464, quoted-printable; .ics part 910, base64) and about 29,740 after (HTML 22,931; .ics 763,
 * quoted-printable); its text part is 5,016 either way, two thirds of it the ten signed links. The budgets
 * leave about a tenth for wording and ids; a layout back at a section an item, or an .ics back in base64,
 * fails here.
 */
const BUDGET = { total: 33_000, html: 25_500, calendar: 850 };

describe("the reminder e-mail's size", () => {
  it(`stays under ${BUDGET.total} bytes on the wire for five items, the HTML part under ${BUDGET.html}`, async () => {
    const { total, parts } = await mimeSizes(await fiveItemReminder());
    const html = parts.find((p) => p.contentType === 'text/html')!;
    expect(html.transferEncoding).toBe('quoted-printable');
    expect(html.bytes).toBeLessThanOrEqual(BUDGET.html);
    expect(total).toBeLessThanOrEqual(BUDGET.total);
  });

  it('sends the calendar file quoted-printable, under its budget, and it decodes to the same file', async () => {
    const mail = await fiveItemReminder();
    const { raw, parts } = await mimeSizes(mail);
    const calendar = parts.find((p) => p.contentType === 'text/calendar')!;
    expect(calendar.transferEncoding).toBe('quoted-printable');
    expect(calendar.bytes).toBeLessThanOrEqual(BUDGET.calendar);
    expect(mailBodies(raw)).toContain(mail.attachments[0].content);
  });
});
