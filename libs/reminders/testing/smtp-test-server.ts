import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  to: string[];
  messageId: string | null;
  subject: string | null;
  receivedAt: number;
}

type Reply = { code: number; message: string } | null;

/** A real SMTP server in this process, on a random port, counting what it receives and answering as told. */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Every DATA transfer, accepted or not. */
  dataAttempts = 0;
  /** What to answer the n-th DATA (1-based): null accepts. */
  reply: (attempt: number) => Reply = () => null;
  /** Runs after the whole message arrived and before the server answers. */
  beforeAnswer: (mail: ReceivedMail) => Promise<void> | void = () => undefined;
  private server: SMTPServer | undefined;
  port = 0;

  async start(port = 0): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const attempt = ++this.dataAttempts;
          const mail: ReceivedMail = {
            raw,
            to: session.envelope.rcptTo.map((r) => r.address),
            messageId: /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? null,
            subject: /^Subject:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? null,
            receivedAt: Date.now(),
          };
          const answer = this.reply(attempt);
          if (answer) {
            const error = Object.assign(new Error(answer.message), { responseCode: answer.code });
            return callback(error);
          }
          void Promise.resolve(this.beforeAnswer(mail)).then(() => {
            this.received.push(mail);
            callback(null, 'OK: queued');
          });
        });
      },
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as { port: number }).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Decodes a quoted-printable body well enough to search it for text and links. */
export function decodeQuotedPrintable(raw: string): string {
  const soft = raw.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = /^=([0-9A-F]{2})/.exec(soft.slice(i, i + 3));
    if (hex) {
      bytes.push(parseInt(hex[1], 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Every MIME part's body decoded (quoted-printable or base64) and joined, for searching. */
export function mailBodies(raw: string): string {
  const parts: string[] = [];
  const part = /Content-Transfer-Encoding:\s*(\S+)\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)(?=\r?\n--)/gi;
  for (const [, encoding, body] of raw.matchAll(part)) {
    const kind = encoding.toLowerCase();
    parts.push(
      kind === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : kind === 'quoted-printable'
          ? decodeQuotedPrintable(body)
          : body,
    );
  }
  return parts.join('\n');
}

/** The Subject header unfolded, its encoded words (RFC 2047, B or Q) decoded. */
export function mailSubject(raw: string): string {
  const header = /^Subject:(.*(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1] ?? '';
  return header
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    )
    .trim();
}
