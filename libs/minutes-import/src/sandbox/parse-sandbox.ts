import { fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { extname, join } from 'node:path';
import { MinutesImportError } from '../errors';
import type { ParseJob, ParseOutcome, ParseReply } from './parse-job';

/** Limits on one parse: wall time and the child's JavaScript heap. */
export interface SandboxLimits {
  timeoutMs: number;
  maxMemoryMb: number;
}

/** Real minutes parse in well under a second and a few tens of MB; these leave a wide margin. */
export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { timeoutMs: 30_000, maxMemoryMb: 512 };
/** The parser child's niceness (0 is normal, 19 the lowest priority). */
export const SANDBOX_NICE = 10;

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

const timedOut = (ms: number) =>
  new MinutesImportError(
    'MINUTES.PARSE_TIMEOUT',
    `Dokumentet tok for lang tid å lese (over ${Math.round(ms / 1000)} s) og ble avbrutt (reading the document took too long and was stopped).`,
  );
const tooComplex = () =>
  new MinutesImportError(
    'MINUTES.PARSE_TOO_COMPLEX',
    'Dokumentet krevde for mye minne å lese og ble avbrutt (reading the document needed too much memory and was stopped).',
  );

/**
 * Unpacks and parses a document in a child process, so that neither a slow document nor a large .docx holds up the
 * caller's event loop. The child gets a heap limit and is killed at the time limit.
 *
 * @throws MinutesImportError for a refused document, `MINUTES.PARSE_TIMEOUT` or `MINUTES.PARSE_TOO_COMPLEX`.
 */
export function parseInSandbox(
  job: ParseJob,
  limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
): Promise<ParseOutcome> {
  return slot(
    () =>
      new Promise<ParseOutcome>((resolve, reject) => {
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
        // Parsing is background work: a lower priority keeps the parent answering requests while it runs. Not the
        // lowest (19): on a machine whose cores are busy that got about 1.5 % of a core beside normal work, and an
        // ordinary document took 7–25 s to read and sometimes ran into the time limit; at 10 it gets about a tenth.
        try {
          if (child.pid) setPriority(child.pid, SANDBOX_NICE);
        } catch {
          // Not permitted on this system: the child runs at normal priority.
        }
        let settled = false;
        let stderr = '';
        child.stderr?.on('data', (d: Buffer) => {
          if (stderr.length < 4000) stderr += d.toString();
        });
        const finish = (fn: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (child.exitCode === null) child.kill('SIGKILL');
          fn();
        };
        const timer = setTimeout(() => finish(() => reject(timedOut(limits.timeoutMs))), limits.timeoutMs);
        child.once('message', (reply: ParseReply) =>
          finish(() => {
            if (reply.ok) {
              const { ok: _, ...outcome } = reply;
              resolve(outcome);
            } else if (reply.code === 'INTERNAL') reject(new Error(reply.message));
            else reject(new MinutesImportError(reply.code, reply.message));
          }),
        );
        child.once('error', (e) => finish(() => reject(e)));
        child.once('exit', (code, signal) =>
          finish(() =>
            reject(
              /heap out of memory|Allocation failed/i.test(stderr) || signal === 'SIGABRT' || code === 134
                ? tooComplex()
                : new Error(`the parser process ended (${signal ?? code}): ${stderr.slice(0, 500)}`),
            ),
          ),
        );
        child.send(job);
      }),
  );
}
