import { randomUUID } from 'node:crypto';
import { scratchStore } from '../lib/datasets';
import type { Plan } from '../lib/plan';
import { worker } from '../lib/paths';
import type { SeededStore } from '../lib/reminder-seed';
import { dropQueuePrefix } from '../../libs/reminders/testing/drop-queue-prefix';
import { assertRedis, runNodeWithin, SmtpSink } from '../lib/reminder-procs';
import type { Line } from '../lib/report';
import { figure } from '../lib/stats';
import type { SinkReport } from '../workers/smtp-sink.worker';
import type { RunResult } from '../workers/reminders.worker';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const say = (text: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)}   ${text}\n`);

/** Every message arrived exactly once: as many distinct Message-IDs as reminders, none twice, none without. */
function verify(what: string, report: SinkReport, n: number): void {
  if (report.messages !== n || report.distinct !== n || report.duplicates.length || report.withoutMessageId)
    throw new Error(
      `${what}: the SMTP server got ${report.messages} messages, ${report.distinct} distinct Message-IDs, ` +
        `${report.withoutMessageId} without one, repeated: ${report.duplicates.join(' ') || 'none'}; expected ${n}`,
    );
}

const detail = (run: RunResult, sink: SinkReport) =>
  `${Math.round((run.sent / run.ms) * 1000)}/s, ${(run.ms / 1000).toFixed(1)} s` +
  (run.scheduledMs === undefined ? '' : ` (all queued after ${(run.scheduledMs / 1000).toFixed(1)} s)`) +
  `, sender CPU ${(run.cpuMs / run.sent).toFixed(2)} ms/e-mail, SMTP server CPU ${(sink.cpuMs / sink.messages).toFixed(2)} ms/e-mail, ` +
  `${Math.round(sink.bytes / sink.messages)} bytes/e-mail`;

/**
 * reminders: e-mails/s from a store with n due reminders, through the scheduler, BullMQ on the real Redis,
 * the worker's claim-then-send and pooled nodemailer, into an SMTP server in another process; vs nodemailer
 * alone sending n messages of the same kind through the same pooled transport to the same server. Each run
 * seeds a fresh store and uses a fresh queue prefix, deleted afterwards; every process is time-boxed.
 */
export async function reminderRows(plan: Plan): Promise<Line[]> {
  const n = plan.reminders;
  // Only a hang should trip it: a loaded 2-core machine sent 500 in 18 s (36 ms each), so allow 200 ms each
  // and never under two minutes.
  const deadlineMs = Math.max(120_000, n * 200);
  const ours: number[] = [];
  const raw: number[] = [];
  await assertRedis(REDIS_URL);
  const sink = await SmtpSink.start();
  try {
    for (let i = 0; i < plan.reminderRuns; i++) {
      const path = scratchStore('reminders');
      await runNodeWithin<SeededStore>(worker('reminders'), ['seed', path, String(n)], deadlineMs);
      await sink.reset();
      const prefix = `tilneste-bench-${randomUUID().slice(0, 8)}`;
      try {
        const run = await runNodeWithin<RunResult>(
          worker('reminders'),
          ['ours', path, sink.url, prefix, String(n), String(deadlineMs)],
          deadlineMs + 10_000,
        );
        const received = await sink.report();
        verify('reminders', received, n);
        ours.push((run.sent / run.ms) * 1000);
        say(`reminders run ${i + 1}: ${detail(run, received)}`);
      } finally {
        // Not fatal here: an error from the run itself says more than one from a Redis that is away.
        await dropQueuePrefix(REDIS_URL, prefix).catch((error: Error) =>
          say(`could not delete the queue prefix ${prefix}: ${error.message}`),
        );
      }
      await sink.reset();
      const run = await runNodeWithin<RunResult>(
        worker('reminders'),
        ['raw', sink.url, String(n), String(deadlineMs)],
        deadlineMs + 10_000,
      );
      const received = await sink.report();
      verify('raw nodemailer', received, n);
      raw.push((run.sent / run.ms) * 1000);
      say(`raw nodemailer run ${i + 1}: ${detail(run, received)}`);
    }
  } finally {
    await sink.stop();
    scratchStore('reminders');
  }
  const line: Line = {
    row: 'reminders',
    metric: 'e-mails/s',
    size: `${n.toLocaleString('en').replace(/,/g, ' ')} reminders`,
    figure: figure(ours),
    baseline: figure(raw),
    baselineName: 'raw nodemailer',
    better: 'higher',
  };
  return [
    { ...line, target: { text: '≥ 0.5 of raw', met: line.figure.median >= 0.5 * line.baseline.median } },
  ];
}
