/** One figure: every run's value, and the median the table shows. */
export interface Figure {
  runs: number[];
  median: number;
  min: number;
  max: number;
}

export function figure(runs: number[]): Figure {
  const sorted = [...runs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { runs, median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Nearest-rank percentile of raw samples (milliseconds from one run). */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
