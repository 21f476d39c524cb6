/** How much to measure: the full run for the README, the quick one to keep the harness working in CI. */
export interface Plan {
  mode: 'full' | 'quick';
  /** Store sizes for the growth rows (rebuild, dashboard, start); the largest carries the targets. */
  sizes: number[];
  /** Runs of each in-process figure (append, rebuild). */
  runs: number;
  /** Runs of each HTTP load figure: each is `loadSeconds` long. */
  loadRuns: number;
  appendWindowMs: number;
  loadSeconds: number;
  /**
   * Warm-up of each route before its runs. At 1M events the first seconds after a start run slower while
   * the collector cleans up after the rebuild; that belongs to the start row, not to serving.
   */
  warmupSeconds: number;
  connections: number;
  /** Server starts per size for the start and memory rows. */
  starts: number;
  /** Due reminders each run of the reminders row delivers, and how many runs (each alternating with its baseline). */
  reminders: number;
  reminderRuns: number;
  /** Writers at once in the concurrent appends row (each on its own streams). */
  writers: number[];
  /** The peer row: writers at once, each run's length, runs, and the length of the stream read back. */
  peerWriters: number[];
  peerWindowMs: number;
  peerRuns: number;
  peerReadEvents: number;
  /** The import-health row: the adversarial text's length, what the hostile .docx unpacks to, and runs of each. */
  importTextBytes: number;
  importDocxUnpacked: number;
  importRuns: number;
  /** The quiet window after each upload lasts as long as the upload, up to this (a refused parse takes 30 s). */
  importQuietMs: number;
}

export const FULL: Plan = {
  mode: 'full',
  sizes: [10_000, 100_000, 1_000_000],
  runs: 5,
  loadRuns: 3,
  appendWindowMs: 2000,
  loadSeconds: 4,
  warmupSeconds: 3,
  connections: 4,
  starts: 3,
  reminders: 10_000,
  reminderRuns: 3,
  writers: [1, 16, 64],
  peerWriters: [1, 16],
  peerWindowMs: 2000,
  peerRuns: 3,
  peerReadEvents: 20,
  importTextBytes: 5 * 1024 * 1024 - 1024,
  importDocxUnpacked: 48 * 1024 * 1024,
  importRuns: 3,
  importQuietMs: 5000,
};
// CI's check that every row still runs, in under 2 minutes: one run of most figures, half-second HTTP loads.
// Two sizes: the larger still reads its history in batches and has a snapshot start; a third size cost about
// 20 s of the 2 minutes (serve and rebuild once more) and checked nothing the other two do not.
export const QUICK: Plan = {
  mode: 'quick',
  sizes: [2_000, 10_000],
  runs: 2,
  loadRuns: 1,
  appendWindowMs: 300,
  loadSeconds: 0.5,
  warmupSeconds: 0.25,
  connections: 4,
  starts: 1,
  reminders: 250,
  reminderRuns: 1,
  writers: [1, 16],
  peerWriters: [1, 4],
  peerWindowMs: 300,
  peerRuns: 1,
  peerReadEvents: 20,
  importTextBytes: 256 * 1024,
  importDocxUnpacked: 1024 * 1024,
  importRuns: 1,
  importQuietMs: 2000,
};
