import { SMTPServer } from 'smtp-server';

/**
 * The SMTP server the reminders row sends to, in its own process so its CPU is not the sender's: accepts
 * every message, keeps only each Message-ID (to prove none is missing or repeated) and a byte count.
 * Driven over IPC by the harness: `reset` before a run, `report` after it.
 */
export interface SinkReport {
  messages: number;
  distinct: number;
  duplicates: string[];
  withoutMessageId: number;
  bytes: number;
  /** Epoch milliseconds of the first and last accepted message. */
  first: number;
  last: number;
  /** CPU milliseconds this process spent since the reset. */
  cpuMs: number;
}

type Request = { id: number; cmd: 'reset' | 'report' | 'stop' };

let ids = new Set<string>();
let report: SinkReport;
let cpu = process.cpuUsage();
const reset = () => {
  ids = new Set();
  cpu = process.cpuUsage();
  report = {
    messages: 0,
    distinct: 0,
    duplicates: [],
    withoutMessageId: 0,
    bytes: 0,
    first: 0,
    last: 0,
    cpuMs: 0,
  };
};
reset();

// The header may be folded onto the next line (nodemailer folds long ones).
const MESSAGE_ID = /^message-id:\s*(<[^>\s]*>)/im;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  disableReverseLookup: true,
  logger: false,
  onData(stream, _session, callback) {
    let head = '';
    let inHead = true;
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (!inHead) return;
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end >= 0) {
        head = head.slice(0, end);
        inHead = false;
      }
    });
    stream.on('end', () => {
      const id = MESSAGE_ID.exec(head)?.[1];
      const now = Date.now();
      report.messages += 1;
      report.bytes += bytes;
      report.first ||= now;
      report.last = now;
      if (!id) report.withoutMessageId += 1;
      else if (ids.has(id)) {
        if (report.duplicates.length < 20) report.duplicates.push(id);
      } else ids.add(id);
      report.distinct = ids.size;
      callback(null, 'OK: queued');
    });
  },
});
server.on('error', (error) => process.stderr.write(`smtp sink: ${error.message}\n`));

process.on('message', (request: Request) => {
  if (request.cmd === 'reset') reset();
  if (request.cmd === 'stop') {
    server.close(() => process.exit(0));
    // Connections a sender left open would keep close() waiting.
    setTimeout(() => process.exit(0), 1_000).unref();
  }
  const used = process.cpuUsage(cpu);
  report.cpuMs = (used.user + used.system) / 1000;
  process.send!({ id: request.id, report });
});
// The harness went away: so does the sink.
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  const { port } = server.server.address() as { port: number };
  process.send!({ id: 0, port });
});
