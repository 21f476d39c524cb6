import MailComposer from 'nodemailer/lib/mail-composer';
import { fiveItemReminder } from '../testing/mail-size';
import type { OutgoingMail } from './mailer.port';
import { mimeMessage, textTransferEncoding } from './smtp-mailer.adapter';

/** The message as nodemailer builds it when it picks the text parts' encodings itself. */
async function leftToNodemailer(mail: OutgoingMail): Promise<Buffer> {
  return new MailComposer({
    from: mail.from,
    to: { name: mail.to.name, address: mail.to.address },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: mail.headers,
    attachments: mail.attachments.map((a) => ({ ...a, contentTransferEncoding: 'quoted-printable' })),
  })
    .compile()
    .build();
}

/** Boundaries are random and the Date header is the time of the build: the rest must match byte for byte. */
const steady = (raw: Buffer) =>
  raw
    .toString('latin1')
    .replace(/_NmP-[0-9a-f]+-Part_/g, '_NmP-boundary-Part_')
    .replace(/^Date: .*$/m, 'Date: -');

const mailWith = (text: string, html: string): OutgoingMail => ({
  from: 'Tilneste <tilneste@example.no>',
  to: { name: 'Kari Nordmann', address: 'kari@example.no' },
  subject: 'Påminnelse',
  text,
  html,
  messageId: '<rem.1@example.no>',
  attachments: [],
});

const TEXTS: Record<string, string> = {
  'plain ASCII': 'Hello,\nsee you on Thursday.\n',
  'plain ASCII with a long line': `Hello, ${'a long line '.repeat(12)}\n`,
  bokmål: 'Hei Kari,\n\nDu har to oppgaver til møtet torsdag: Sende ut forslag, Bestille møterom.\n',
  'more Cyrillic than Latin': 'Юлия Иванова: подготовить отчёт. OK\n',
  'as many 8-bit as Latin characters': 'æøå abc',
  'one Latin letter more': 'æøå abcd',
  'emoji (two UTF-16 units each)': '😀😀😀 abcdef',
  'control characters': 'a\u0001\u0002\u000b\u000c\u001f bcd\tef\r\n',
};

describe('the reminder mailer', () => {
  it.each(Object.entries(TEXTS))(
    'chooses the encoding nodemailer would for a part in %s',
    async (_, text) => {
      const mail = mailWith(text, `<p>${text}</p>`);
      expect(steady(await mimeMessage(mail))).toBe(steady(await leftToNodemailer(mail)));
    },
  );

  it('builds a reminder byte for byte as nodemailer did when it chose the encodings itself', async () => {
    const mail = await fiveItemReminder();
    expect(textTransferEncoding(mail.html)).toBe('quoted-printable');
    expect(textTransferEncoding(mail.text)).toBe('quoted-printable');
    expect(steady(await mimeMessage(mail))).toBe(steady(await leftToNodemailer(mail)));
  });

  it('leaves plain ASCII to nodemailer', () => {
    expect(textTransferEncoding('plain\r\ntext')).toBeUndefined();
    expect(textTransferEncoding('')).toBeUndefined();
  });
});
