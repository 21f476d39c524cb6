import { Readable } from 'node:stream';
import type nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type MailComposer from 'nodemailer/lib/mail-composer';
import { classifySmtpError, type Mailer, type OutgoingMail, type SendOutcome } from './mailer.port';

export interface SmtpMailerOptions {
  /** `smtp://host:port` or `smtps://user:pass@host:port`. */
  url: string;
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
  maxConnections?: number;
}

/** The pooled transport the adapter sends through; the benchmark's raw nodemailer baseline uses the same. */
export function smtpTransportOptions(
  options: SmtpMailerOptions,
): Parameters<typeof nodemailer.createTransport>[0] {
  return {
    url: options.url,
    pool: true,
    maxConnections: options.maxConnections ?? 2,
    // The pool would resend a message whose connection closed mid-send: never blindly.
    maxRequeues: 0,
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    greetingTimeout: options.greetingTimeoutMs ?? 10_000,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
    logger: false,
  } as Parameters<typeof nodemailer.createTransport>[0];
}

/**
 * Sends through a pooled nodemailer SMTP transport. The message is built here and handed over as a raw
 * stream, so the adapter knows whether the server got all of it before a connection dropped.
 */
export class SmtpMailer implements Mailer {
  private transport: Transporter | undefined;

  constructor(private readonly options: SmtpMailerOptions) {}

  // nodemailer is loaded, and the pool made, at the first send: an API that sends nothing never loads it.
  private async transporter(): Promise<Transporter> {
    if (this.transport) return this.transport;
    const { createTransport } = await loadNodemailer();
    this.transport ??= createTransport(smtpTransportOptions(this.options));
    return this.transport;
  }

  async send(mail: OutgoingMail): Promise<SendOutcome> {
    const raw = await mimeMessage(mail);
    const transport = await this.transporter();
    let handedOver = false;
    const stream = Readable.from([raw]);
    stream.once('end', () => (handedOver = true));
    try {
      // nodemailer writes no header of its own around a raw message, so this Message-ID changes no byte sent;
      // without it, nodemailer makes one up for its report on every send, from five reads of random bytes.
      const info = await transport.sendMail({
        envelope: { from: envelopeAddress(mail.from), to: [mail.to.address] },
        messageId: mail.messageId,
        raw: stream,
      });
      return { kind: 'sent', response: String((info as { response?: string }).response ?? '') };
    } catch (error) {
      return classifySmtpError(error as Parameters<typeof classifySmtpError>[0], handedOver);
    }
  }

  async close(): Promise<void> {
    this.transport?.close();
  }
}

/*
 * Each module is required once and kept. Node resolves a package that has an `exports` map again on every
 * require() from a module other than the one that loaded it first (stat calls up the node_modules path):
 * once per send, that was 0.1-0.4 ms of CPU an e-mail in the reminders row.
 */
let nodemailerModule: Promise<typeof import('nodemailer')> | undefined;
let mailComposerClass: Promise<typeof MailComposer> | undefined;
const loadNodemailer = () => (nodemailerModule ??= import('nodemailer'));
const loadMailComposer = () =>
  (mailComposerClass ??= import('nodemailer/lib/mail-composer').then((m) => m.default));

/**
 * The message as it goes over the wire. nodemailer picks quoted-printable for the text and HTML parts
 * (mostly ASCII); an attachment would be base64 by default, a third larger than the .ics it carries, so a
 * text attachment is quoted-printable too (every MIME reader decodes either; the .ics has CRLF lines of at
 * most 75 octets, so little beyond its non-ASCII letters and its `=` signs is escaped).
 */
export async function mimeMessage(mail: OutgoingMail): Promise<Buffer> {
  const Composer = await loadMailComposer();
  return new Composer({
    from: mail.from,
    to: { name: mail.to.name, address: mail.to.address },
    subject: mail.subject,
    text: { content: mail.text, contentTransferEncoding: textTransferEncoding(mail.text) },
    html: { content: mail.html, contentTransferEncoding: textTransferEncoding(mail.html) },
    messageId: mail.messageId,
    headers: mail.headers,
    attachments: mail.attachments.map((a) =>
      /^text\//i.test(a.contentType) ? { ...a, contentTransferEncoding: 'quoted-printable' } : a,
    ),
  })
    .compile()
    .build();
}

const NOT_LATIN = 1;
const LATIN = 2;
/** Characters below 0x80 as nodemailer counts them: controls (not tab, LF, CR) against A-Z and a-z. */
const ASCII_KIND = Uint8Array.from({ length: 0x80 }, (_, c) =>
  c <= 0x08 || c === 0x0b || c === 0x0c || (c >= 0x0e && c <= 0x1f)
    ? NOT_LATIN
    : (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
      ? LATIN
      : 0,
);

/**
 * The Content-Transfer-Encoding nodemailer would pick for a text part, decided here in one pass. Left to
 * itself, nodemailer counts a part's characters in a slower loop each time it asks (for the part's headers,
 * then for its body): four passes over the HTML and the text of every reminder. Its rule, kept here:
 * quoted-printable when A-Z and a-z outnumber 8-bit and control characters, else base64. A part with no
 * 8-bit or control character (plain ASCII) is left to nodemailer, which sends it 7bit unless it has long
 * lines. `smtp-mailer.adapter.spec.ts` checks that the message comes out byte for byte the same.
 */
export function textTransferEncoding(content: string): 'quoted-printable' | 'base64' | undefined {
  let other = 0;
  let latin = 0;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    const kind = code < 0x80 ? ASCII_KIND[code] : NOT_LATIN;
    if (kind === NOT_LATIN) other++;
    else if (kind === LATIN) latin++;
  }
  if (other === 0) return undefined;
  return other < latin ? 'quoted-printable' : 'base64';
}

/** `Tilneste <a@b>` → `a@b`. */
export const envelopeAddress = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

/** The domain for Message-IDs and calendar UIDs, from the sender address. */
export const mailDomain = (from: string) => envelopeAddress(from).split('@')[1] ?? 'tilneste.local';
