import { scratchDir, scratchStore } from '../lib/datasets';
import type { Plan } from '../lib/plan';
import { worker } from '../lib/paths';
import { runNode } from '../lib/proc';
import type { Line } from '../lib/report';
import { figure } from '../lib/stats';

/**
 * concurrent appends: commands/s with N writers at once, each on its own streams, through the command path,
 * vs N raw writers (a thread and a connection each) doing single-row insert transactions on the same kind of file.
 */
export async function concurrentRows(plan: Plan): Promise<Line[]> {
  const rawDir = scratchDir('concurrent-raw');
  const result = await runNode<{ ours: Record<string, number[]>; baseline: Record<string, number[]> }>(
    worker('concurrent'),
    [
      scratchStore('concurrent-ours'),
      rawDir,
      String(plan.appendWindowMs),
      String(plan.runs),
      plan.writers.join(','),
    ],
  );
  return plan.writers.map((n) => {
    const line: Line = {
      row: 'concurrent',
      metric: 'commands/s',
      size: `${n} writer${n === 1 ? '' : 's'}`,
      figure: figure(result.ours[n]),
      baseline: figure(result.baseline[n]),
      baselineName: 'raw insert txns/s',
      better: 'higher',
    };
    return n === 64
      ? { ...line, target: { text: '≥ 3× raw', met: line.figure.median >= 3 * line.baseline.median } }
      : line;
  });
}
