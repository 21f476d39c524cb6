import { Readable } from 'node:stream';
import type nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
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
export function smtpTransportOptions(options: SmtpMailerOptions): Parameters<typeof nodemailer.createTransport>[0] {
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
    const { createTransport } = await import('nodemailer');
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
      const info = await transport.sendMail({ envelope: { from: envelopeAddress(mail.from), to: [mail.to.address] }, raw: stream });
      return { kind: 'sent', response: String((info as { response?: string }).response ?? '') };
    } catch (error) {
      return classifySmtpError(error as Parameters<typeof classifySmtpError>[0], handedOver);
    }
  }

  async close(): Promise<void> {
    this.transport?.close();
  }
}

/**
 * The message as it goes over the wire. nodemailer picks quoted-printable for the text and HTML parts
 * (mostly ASCII); an attachment would be base64 by default, a third larger than the .ics it carries, so a
 * text attachment is quoted-printable too (every MIME reader decodes either; the .ics has CRLF lines of at
 * most 75 octets, so little beyond its non-ASCII letters and its `=` signs is escaped).
 */
export async function mimeMessage(mail: OutgoingMail): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  return new MailComposer({
    from: mail.from,
    to: { name: mail.to.name, address: mail.to.address },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: mail.headers,
    attachments: mail.attachments.map((a) =>
      /^text\//i.test(a.contentType) ? { ...a, contentTransferEncoding: 'quoted-printable' } : a,
    ),
  })
    .compile()
    .build();
}

/** `Tilneste <a@b>` → `a@b`. */
export const envelopeAddress = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

/** The domain for Message-IDs and calendar UIDs, from the sender address. */
export const mailDomain = (from: string) => envelopeAddress(from).split('@')[1] ?? 'tilneste.local';
