import { fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { extname, join } from 'node:path';
import { MinutesImportError } from '../errors';
import { clockTicksPerSecond, processCpuMs } from './cpu-time';
import type { ParseJob, ParseOutcome, ParseReply } from './parse-job';

/** Limits on one parse: the child's CPU time, its wall time, and its JavaScript heap. */
export interface SandboxLimits {
  /**
   * CPU time (user and system, all the child's threads) the parse may use: what stops a document built to keep a
   * core busy. Where the child's CPU time cannot be read (no /proc, not Linux), it is the wall-time limit instead.
   */
  cpuTimeMs: number;
  /** Wall time from the child's start: a backstop for a child that is stopped, or starved of a core, for good. */
  wallTimeMs: number;
  maxMemoryMb: number;
}

/**
 * Real minutes parse in well under a second of CPU and a few tens of MB; these leave a wide margin. The wall time is
 * four times the CPU time. A document needing C s of CPU, given a share f of a core, ends after C/f s: an ordinary one
 * (under a second of CPU) would have to get less than 1 % of a core to reach 120 s, where at niceness 10 beside two
 * busy loops it got about a tenth (bench/README.md); and a child that never gets to run is still ended, and its
 * upload answered, within two minutes.
 */
export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  cpuTimeMs: 30_000,
  wallTimeMs: 120_000,
  maxMemoryMb: 512,
};
/** The parser child's niceness (0 is normal, 19 the lowest priority). */
export const SANDBOX_NICE = 10;

/** What a caller may want to know about the parse while it runs. */
export interface SandboxHooks {
  /** Called with the child's pid once it has been started, before it is sent the document. */
  onSpawn?: (pid: number) => void;
}

/** How often the parent reads the child's CPU time: a limit is overrun by at most what the child uses in this time. */
const CPU_POLL_MS = 100;

/** At most this many documents are parsed at once; more wait their turn. */
const MAX_PARALLEL = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const overCpuTime = (ms: number) =>
  new MinutesImportError(
    'MINUTES.PARSE_TIMEOUT',
    `Dokumentet krevde for mye prosessortid å lese (over ${seconds(ms)} s) og ble avbrutt (reading the document used more than ${seconds(ms)} s of CPU time and was stopped).`,
    { limit: 'cpu', limitMs: ms },
  );
const overWallTime = (ms: number) =>
  new MinutesImportError(
    'MINUTES.PARSE_TIMEOUT',
    `Dokumentet tok for lang tid å lese (over ${seconds(ms)} s) og ble avbrutt (reading the document took too long and was stopped).`,
    { limit: 'wall', limitMs: ms },
  );
const tooComplex = () =>
  new MinutesImportError(
    'MINUTES.PARSE_TOO_COMPLEX',
    'Dokumentet krevde for mye minne å lese og ble avbrutt (reading the document needed too much memory and was stopped).',
  );

/**
 * Unpacks and parses a document in a child process, so that neither a slow document nor a large .docx holds up the
 * caller's event loop. The child gets a heap limit, and is killed when it has used `cpuTimeMs` of CPU or has run for
 * `wallTimeMs`, whichever comes first. The promise settles only once the child is gone.
 *
 * @throws MinutesImportError for a refused document, `MINUTES.PARSE_TIMEOUT` (with `details.limit` `'cpu'` or
 * `'wall'`) or `MINUTES.PARSE_TOO_COMPLEX`.
 */
export function parseInSandbox(
  job: ParseJob,
  limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
  hooks: SandboxHooks = {},
): Promise<ParseOutcome> {
  return slot(async () => {
    const ticksPerSecond = await clockTicksPerSecond();
    return new Promise<ParseOutcome>((resolve, reject) => {
      const ext = extname(__filename);
      const child = fork(join(__dirname, `parse-child${ext}`), [], {
        // From TypeScript sources (tests, scripts) the child needs tsx to load; the built code runs as it is.
        execArgv: [
          ...(ext === '.ts' ? ['--import', 'tsx'] : []),
          `--max-old-space-size=${limits.maxMemoryMb}`,
        ],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      const pid = child.pid;
      // Parsing is background work: a lower priority keeps the parent answering requests while it runs. Not the
      // lowest (19): on a machine whose cores are busy that got about 1.5 % of a core beside normal work, and an
      // ordinary document took 7–25 s to read and sometimes ran into the time limit; at 10 it gets about a tenth.
      try {
        if (pid) setPriority(pid, SANDBOX_NICE);
      } catch {
        // Not permitted on this system: the child runs at normal priority.
      }

      // The outcome is decided once; it is delivered after the child's 'close' (it has ended, and its stderr and IPC
      // channel are closed), so nothing of the child is left when the promise settles.
      let closed = false;
      let decided: (() => void) | undefined;
      const settle = (fn: () => void) => {
        if (decided) return;
        decided = fn;
        clearTimeout(wallTimer);
        clearInterval(cpuPoll);
        if (closed || pid === undefined) fn();
        else child.kill('SIGKILL'); // 'close' follows and runs the outcome
      };

      // The CPU time is the limit where it can be read; otherwise the wall time limit is the CPU limit, as before.
      const measured = pid !== undefined && processCpuMs(pid, ticksPerSecond) !== null;
      const cpuPoll = measured
        ? setInterval(() => {
            // Once the child has been reaped (exit code or signal known) its pid may be another process's.
            if (child.exitCode !== null || child.signalCode !== null) return;
            const used = processCpuMs(pid, ticksPerSecond);
            if (used !== null && used > limits.cpuTimeMs) settle(() => reject(overCpuTime(limits.cpuTimeMs)));
          }, CPU_POLL_MS)
        : undefined;
      const wallMs = measured ? limits.wallTimeMs : limits.cpuTimeMs;
      const wallTimer = setTimeout(() => settle(() => reject(overWallTime(wallMs))), wallMs);

      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => {
        if (stderr.length < 4000) stderr += d.toString();
      });
      child.once('message', (reply: ParseReply) =>
        settle(() => {
          if (reply.ok) {
            const { ok: _, ...outcome } = reply;
            resolve(outcome);
          } else if (reply.code === 'INTERNAL') reject(new Error(reply.message));
          else reject(new MinutesImportError(reply.code, reply.message));
        }),
      );
      child.once('error', (e) => settle(() => reject(e)));
      // After 'exit' and the end of stderr and of the IPC channel, so any answer has been read by now.
      child.once('close', (code, signal) => {
        closed = true;
        if (decided) decided();
        else
          settle(() =>
            reject(
              /heap out of memory|Allocation failed/i.test(stderr) || signal === 'SIGABRT' || code === 134
                ? tooComplex()
                : new Error(`the parser process ended (${signal ?? code}): ${stderr.slice(0, 500)}`),
            ),
          );
      });

      if (pid !== undefined) {
        try {
          hooks.onSpawn?.(pid);
        } catch (e) {
          settle(() => reject(e as Error));
          return;
        }
      }
      child.send(job);
    });
  });
}
