import { scratchDir } from '../lib/datasets';
import type { Plan } from '../lib/plan';
import { worker } from '../lib/paths';
import { runNode } from '../lib/proc';
import type { Line } from '../lib/report';
import { figure } from '../lib/stats';

type Runs = { rate: number[]; failed: number[] };
interface PeerResult {
  settings: { emmett: string; tuned: string };
  appends: Record<'ours' | 'inline' | 'emmett' | 'tuned', Record<string, Runs>>;
  reads: { ours: number[]; emmett: number[] };
  errors: string[];
}

/**
 * peer: the same events appended to the same kind of streams through our SQLite store and through Emmett's
 * (`@event-driven-io/emmett-sqlite`), with its defaults and again with our pragmas, then one stream read back.
 * Also the writer row: our store with its writer thread against the same store writing on the caller's thread.
 */
export async function peerRows(plan: Plan): Promise<Line[]> {
  const result = await runNode<PeerResult>(worker('peer'), [
    scratchDir('peer'),
    String(plan.peerWindowMs),
    String(plan.peerRuns),
    plan.peerWriters.join(','),
    String(plan.peerReadEvents),
  ]);
  process.stderr.write(
    `  Emmett's connections: ${result.settings.emmett}; with our pragmas: ${result.settings.tuned}\n`,
  );
  if (result.errors.length) process.stderr.write(`  failed appends said: ${result.errors.join(' | ')}\n`);
  const lines: Line[] = [];
  for (const n of plan.peerWriters) {
    const size = `${n} writer${n === 1 ? '' : 's'}`;
    const ours = figure(result.appends.ours[n].rate);
    for (const [key, name] of [
      ['emmett', 'Emmett, its defaults'],
      ['tuned', 'Emmett, our pragmas'],
    ] as const) {
      const runs = result.appends[key][n];
      const failed = runs.failed.reduce((a, b) => a + b, 0);
      const baseline = figure(runs.rate);
      lines.push({
        row: 'peer append',
        metric: 'appends/s',
        size,
        figure: ours,
        baseline,
        baselineName: failed ? `${name} (${failed} failed)` : name,
        better: 'higher',
        target: { text: '≥ peer', met: ours.median >= baseline.median },
      });
    }
  }
  lines.push({
    row: 'peer read',
    metric: 'reads/s',
    size: `${plan.peerReadEvents}-event stream`,
    figure: figure(result.reads.ours),
    baseline: figure(result.reads.emmett),
    baselineName: 'Emmett',
    better: 'higher',
  });
  for (const n of plan.peerWriters) {
    lines.push({
      row: 'writer',
      metric: 'appends/s',
      size: `${n} writer${n === 1 ? '' : 's'}`,
      figure: figure(result.appends.ours[n].rate),
      baseline: figure(result.appends.inline[n].rate),
      baselineName: 'inline writer',
      better: 'higher',
    });
  }
  return lines;
}
