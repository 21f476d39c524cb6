import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { heavyDocx } from '../../../../tests/e2e/support/hostile-documents';
import { MinutesImportError } from '../errors';
import { DEFAULT_SANDBOX_LIMITS, parseInSandbox, SANDBOX_NICE, type SandboxLimits } from './parse-sandbox';

// The parser's child process as the operating system sees it while it reads a document: at a lower priority than
// the process that asked, but not the lowest; stopped when it has used its CPU time, or at the wall-time backstop.
jest.setTimeout(180_000);

/** The pids of this process's children whose command line names the parser's child script. */
const parserChildren = (): number[] =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return ppid === process.pid && cmdline.includes('parse-child') ? [Number(pid)] : [];
      } catch {
        return []; // gone meanwhile
      }
    });

// Linux only, as CI is: the children are found through /proc.
describe('the parser child', () => {
  it(`runs at niceness ${SANDBOX_NICE}, below the caller's and above the lowest`, async () => {
    const lines = Array.from(
      { length: 3000 },
      (_, i) =>
        `Sak ${i + 1}/25 Tiltak ${i + 1}\nVedtak: Faggruppen tar orienteringen om tiltak ${i + 1} til etterretning.`,
    );
    const text = `Referat fra møte i Faggruppe for helse\nDato: 3.2.2026, kl. 13.00 – 15.00\n\n${lines.join('\n\n')}\n`;
    const parsing = parseInSandbox({ kind: 'text', data: text, fileName: null });
    const seen: number[] = [];
    const deadline = Date.now() + 20_000;
    while (seen.length === 0 && Date.now() < deadline) {
      for (const pid of parserChildren()) {
        try {
          seen.push(getPriority(pid));
        } catch {
          // ended between the listing and the look
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const outcome = await parsing;
    expect(outcome.draft.agendaItems.length).toBeGreaterThan(100);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((nice) => nice === SANDBOX_NICE)).toBe(true);
    expect(SANDBOX_NICE).toBeGreaterThan(getPriority(process.pid));
    expect(SANDBOX_NICE).toBeLessThan(19);
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The state letter of a process in /proc/<pid>/stat (`T` when stopped), or null once it is gone. */
const processState = (pid: number): string | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return null;
  }
};

/** The process's state once a SIGSTOP sent to it has had a moment to take effect. */
const stateOnceStopped = async (pid: number): Promise<string | null> => {
  for (let tries = 0; tries < 100 && processState(pid) !== 'T'; tries++) await sleep(10);
  return processState(pid);
};

const MINUTES =
  'Referat fra møte i Faggruppe for helse\nDato: 3.2.2026\n\nSak 1/26 Tiltaksplan\nVedtak: Planen godkjennes.\n';

/** A parse whose child's pid is known as soon as it is started. */
function parseWatched(
  job: Parameters<typeof parseInSandbox>[0],
  limits: SandboxLimits,
  onSpawn?: (pid: number) => void,
) {
  let spawned!: (pid: number) => void;
  const pid = new Promise<number>((r) => (spawned = r));
  const parsing = parseInSandbox(job, limits, {
    onSpawn: (p) => {
      onSpawn?.(p);
      spawned(p);
    },
  });
  parsing.catch(() => undefined); // awaited by the test; this keeps an early refusal from counting as unhandled
  return { pid, parsing };
}

const refusal = async (parsing: Promise<unknown>) => {
  const e = await parsing.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(MinutesImportError);
  return e as MinutesImportError;
};

/**
 * The handles and timers keeping this process alive that were not there `before`. A child's process handle is
 * listed for a moment after its 'close', so this waits a little for the list to come down.
 */
const resourcesAddedSince = async (before: string[]): Promise<string[]> => {
  const added = () => {
    const left = [...before];
    return process.getActiveResourcesInfo().filter((kind) => {
      const i = left.indexOf(kind);
      if (i < 0) return true;
      left.splice(i, 1);
      return false;
    });
  };
  for (let tries = 0; tries < 100 && added().length > 0; tries++) await sleep(20);
  return added();
};

describe("the parser child's time limits", () => {
  it('kills a child that burns CPU past its CPU limit and refuses the document', async () => {
    // The e2e tests' .docx that unpacks to near 50 MB: reading it takes tens of seconds of CPU.
    const docx = new Uint8Array(await heavyDocx());
    const before = process.getActiveResourcesInfo();
    const limits = { ...DEFAULT_SANDBOX_LIMITS, cpuTimeMs: 3_000, wallTimeMs: 150_000 };
    const { pid, parsing } = parseWatched({ kind: 'docx', data: docx, fileName: null }, limits);

    const e = await refusal(parsing);
    expect(e.code).toBe('MINUTES.PARSE_TIMEOUT');
    expect(e.details).toEqual({ limit: 'cpu', limitMs: 3_000 });
    expect(e.message).toMatch(/prosessortid.*CPU time/);
    expect(parserChildren()).not.toContain(await pid);
    expect(processState(await pid)).toBeNull();
    expect(await resourcesAddedSince(before)).toEqual([]);
  });

  it('lets a child stopped for longer than its CPU limit finish once it is continued', async () => {
    // Reading this from TypeScript (tsx in the child) takes about a second of CPU; the limit leaves a wide margin.
    const limits = { ...DEFAULT_SANDBOX_LIMITS, cpuTimeMs: 5_000, wallTimeMs: 60_000 };
    const { pid, parsing } = parseWatched({ kind: 'text', data: MINUTES, fileName: null }, limits, (p) =>
      process.kill(p, 'SIGSTOP'),
    );
    const child = await pid;
    // Stopped the whole time: as a child waiting for a busy core, it uses no CPU while the clock runs on.
    await sleep(limits.cpuTimeMs + 1_500);
    expect(processState(child)).toBe('T');
    process.kill(child, 'SIGCONT');

    const outcome = await parsing;
    expect(outcome.draft.meeting.date).toBe('2026-02-03');
    expect(outcome.draft.agendaItems).toHaveLength(1);
    expect(parserChildren()).not.toContain(child);
  });

  it('kills a child that stays stopped at the wall-time backstop', async () => {
    const before = process.getActiveResourcesInfo();
    const limits = { ...DEFAULT_SANDBOX_LIMITS, cpuTimeMs: 1_000, wallTimeMs: 3_000 };
    const { pid, parsing } = parseWatched({ kind: 'text', data: MINUTES, fileName: null }, limits, (p) =>
      process.kill(p, 'SIGSTOP'),
    );
    expect(await stateOnceStopped(await pid)).toBe('T');

    const e = await refusal(parsing);
    expect(e.code).toBe('MINUTES.PARSE_TIMEOUT');
    expect(e.details).toEqual({ limit: 'wall', limitMs: 3_000 });
    expect(parserChildren()).not.toContain(await pid);
    expect(processState(await pid)).toBeNull();
    expect(await resourcesAddedSince(before)).toEqual([]);
  });
});
