import { MinutesImportError } from '../errors';
import { DEFAULT_SANDBOX_LIMITS, parseInSandbox } from './parse-sandbox';

// Where a child's CPU time cannot be read (no /proc: not Linux, or /proc hidden from the process), the CPU limit is
// kept as a wall-clock limit, so a stuck child is still stopped at it rather than at the longer backstop. /proc is
// taken away here by the one function that reads it; the child itself is real, and stopped, so it uses no CPU.
jest.mock('./cpu-time', () => ({
  ...jest.requireActual<typeof import('./cpu-time')>('./cpu-time'),
  processCpuMs: () => null,
}));

jest.setTimeout(30_000);

const MINUTES =
  'Referat fra møte i Faggruppe for helse\nDato: 3.2.2026\n\nSak 1/26 Tiltaksplan\nVedtak: Planen godkjennes.\n';

it('stops a stuck child at the CPU limit on the clock when its CPU time cannot be read', async () => {
  // The backstop is far beyond this test's timeout: only the fallback can end the parse in time.
  const limits = { ...DEFAULT_SANDBOX_LIMITS, cpuTimeMs: 1_500, wallTimeMs: 600_000 };
  let child = 0;
  const started = Date.now();
  const e = await parseInSandbox({ kind: 'text', data: MINUTES, fileName: null }, limits, {
    onSpawn: (pid) => {
      child = pid;
      process.kill(pid, 'SIGSTOP');
    },
  }).then(
    () => null,
    (error: unknown) => error,
  );
  const took = Date.now() - started;

  expect(e).toBeInstanceOf(MinutesImportError);
  expect((e as MinutesImportError).code).toBe('MINUTES.PARSE_TIMEOUT');
  expect((e as MinutesImportError).details).toEqual({ limit: 'wall', limitMs: 1_500 });
  expect(took).toBeGreaterThanOrEqual(1_500);
  // The promise settles only once the child is gone.
  expect(() => process.kill(child, 0)).toThrow();
});
