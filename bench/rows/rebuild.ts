import type { Dataset } from '../lib/datasets';
import type { Plan } from '../lib/plan';
import { worker } from '../lib/paths';
import { runNode } from '../lib/proc';
import { sizeLabel, type Line } from '../lib/report';
import { figure } from '../lib/stats';

type Scan = { events: number; ms: number };

/** rebuild: events/s building every read model from the store vs a raw read-and-JSON.parse of the same rows; a fresh process per run. */
export async function rebuildRows(plan: Plan, data: Dataset[]): Promise<Line[]> {
  const lines: Line[] = [];
  for (const d of data) {
    const ours: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < plan.runs; i++) {
      const rebuilt = await runNode<Scan>(worker('rebuild'), ['ours', d.path]);
      const scanned = await runNode<Scan>(worker('rebuild'), ['raw', d.path]);
      if (rebuilt.events !== d.events || scanned.events !== d.events)
        throw new Error(`rebuild read ${rebuilt.events}, scan ${scanned.events}, of ${d.events}`);
      ours.push((rebuilt.events / rebuilt.ms) * 1000);
      raw.push((scanned.events / scanned.ms) * 1000);
    }
    const line: Line = {
      row: 'rebuild',
      metric: 'events/s',
      size: sizeLabel(d.events),
      figure: figure(ours),
      baseline: figure(raw),
      baselineName: 'raw scan',
      better: 'higher',
    };
    const met = line.figure.median >= 0.3 * line.baseline.median && line.figure.median >= 200_000;
    lines.push(
      d.events === 1_000_000 ? { ...line, target: { text: '≥ 0.3 of raw and ≥ 200 000/s', met } } : line,
    );
  }
  return lines;
}
