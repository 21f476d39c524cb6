import { z } from 'zod';
import { figure } from './stats';

const FigureSchema = z.object({
  runs: z.array(z.number()),
  median: z.number(),
  min: z.number(),
  max: z.number(),
});
const LineSchema = z.object({
  row: z.string(),
  metric: z.string(),
  size: z.string(),
  figure: FigureSchema,
  baseline: FigureSchema,
  baselineName: z.string(),
  better: z.enum(['higher', 'lower']),
});
/** What `run.js` writes (every tree since the first result files), as far as comparing needs it. */
export const ResultsSchema = z.object({
  startedAt: z.string(),
  seconds: z.number().optional(),
  loadavgAtStart: z.array(z.number()).optional(),
  lines: z.array(LineSchema),
});
export type ResultLine = z.infer<typeof LineSchema>;
export type Results = z.infer<typeof ResultsSchema>;

export const keyOf = (l: ResultLine) => `${l.row} | ${l.size} | ${l.metric} | ${l.baselineName}`;

/**
 * Several runs of the same rows in one checkout, taken at different times, as one result: each line's figure and
 * baseline become the figure of the runs' medians, so its spread is how far the medians moved from one run to the
 * next (the machine's drift included), not the spread inside one run. A line missing from some runs keeps the runs
 * it has. Starts at the first run's start; seconds are summed.
 */
export function mergeRounds(runs: Results[]): Results {
  if (runs.length === 0) throw new Error('no runs to merge');
  const byKey = new Map<string, ResultLine[]>();
  for (const run of runs)
    for (const line of run.lines) {
      const key = keyOf(line);
      byKey.set(key, [...(byKey.get(key) ?? []), line]);
    }
  const lines = [...byKey.values()].map((same) => ({
    ...same[0],
    figure: figure(same.map((l) => l.figure.median)),
    baseline: figure(same.map((l) => l.baseline.median)),
  }));
  return {
    startedAt: runs.map((r) => r.startedAt).sort()[0],
    seconds: runs.reduce((sum, r) => sum + (r.seconds ?? 0), 0),
    lines,
  };
}
