import type { Plan } from '../lib/plan';
import { worker } from '../lib/paths';
import { runNode } from '../lib/proc';
import type { Line } from '../lib/report';
import { scratchStore } from '../lib/datasets';
import { figure } from '../lib/stats';

/** append: commands/s through the full command path vs single-row insert transactions, same file system and pragmas. */
export async function appendRows(plan: Plan): Promise<Line[]> {
  const result = await runNode<{ ours: number[]; baseline: number[] }>(worker('append'), [
    scratchStore('append-ours'),
    scratchStore('append-raw'),
    String(plan.appendWindowMs),
    String(plan.runs),
  ]);
  const line: Line = {
    row: 'append',
    metric: 'commands/s',
    size: 'empty store',
    figure: figure(result.ours),
    baseline: figure(result.baseline),
    baselineName: 'raw insert txns/s',
    better: 'higher',
  };
  return [
    { ...line, target: { text: '≥ 0.5 of raw', met: line.figure.median >= 0.5 * line.baseline.median } },
  ];
}
