import { existsSync, rmSync } from 'node:fs';
import { scratchStore, type Dataset } from '../lib/datasets';
import type { LoadResult } from '../lib/load';
import type { Plan } from '../lib/plan';
import { ApiServer, memoryOf } from '../lib/proc';
import { sizeLabel, type Line } from '../lib/report';
import { figure } from '../lib/stats';
import { measureRoutes, routeLines } from './http';

const MiB = 1024 * 1024;

interface Served {
  ready: number[];
  rss: number[];
  routes?: Map<string, LoadResult[]>;
}

/** Starts the real server `plan.starts` times on one store; the first start also takes the read load. */
async function serve(
  path: string,
  plan: Plan,
  probe?: Dataset['summary']['probe'],
  env: Record<string, string> = {},
): Promise<Served> {
  const served: Served = { ready: [], rss: [] };
  for (let i = 0; i < plan.starts; i++) {
    const server = new ApiServer(path, env);
    await server.start();
    try {
      served.ready.push(server.readyMs);
      served.rss.push(memoryOf(server.pid).rss / MiB);
      if (i === 0 && probe) {
        await server.assertBenchRoutes();
        served.routes = await measureRoutes(
          server,
          plan,
          [
            { name: 'dashboard', path: `/groups/${probe.groupId}/dashboard` },
            { name: 'tasks', path: `/people/${probe.personId}/tasks` },
            // The same read models as HTML: the chair's dashboard page and my tasks page.
            { name: 'dashboard page', path: `/grupper/${probe.groupId}`, page: true },
            { name: 'tasks page', path: `/personer/${probe.personId}/oppgaver`, page: true },
            // An auditor's read: one matter's timeline with the commitments made under it.
            { name: 'matter history', path: `/matters/${probe.matterId}/history` },
          ],
          { name: 'bare', path: '/bench/bare' },
        );
      }
    } finally {
      await server.stop();
    }
  }
  return served;
}

/** dashboard, tasks, memory and start at every size; memory and start against the same server on an empty store. */
export async function serveRows(plan: Plan, data: Dataset[]): Promise<Line[]> {
  const empty = await serve(scratchStore('empty'), plan);
  const lines: Line[] = [];
  for (const d of data) {
    const size = sizeLabel(d.events);
    const served = await serve(d.path, plan, d.summary.probe);
    const bare = served.routes!.get('bare')!;
    for (const row of ['dashboard', 'tasks', 'dashboard page', 'tasks page', 'matter history'] as const) {
      const [rps, p50, p99] = routeLines(row, size, served.routes!.get(row)!, bare);
      // The targets are the dashboard's and the tasks'; the pages and the matter history are measured beside
      // them (issue 16 sets them none).
      const measuredOnly = row.endsWith('page') || row === 'matter history';
      const heavy = d.summary.commitments >= 100_000 && !measuredOnly;
      if (measuredOnly) {
        lines.push({ ...rps, target: undefined }, p50, p99);
        continue;
      }
      lines.push(
        rps,
        p50,
        heavy
          ? { ...p99, target: { text: '< 25 ms at ≥ 100 000 commitments', met: p99.figure.median < 25 } }
          : p99,
      );
    }
    const memory: Line = {
      row: 'memory',
      metric: 'RSS MiB',
      size,
      figure: figure(served.rss),
      baseline: figure(empty.rss),
      baselineName: 'empty store',
      better: 'lower',
    };
    lines.push(
      d.events === 1_000_000
        ? { ...memory, target: { text: '< 1024 MiB', met: memory.figure.median < 1024 } }
        : memory,
    );
    const start: Line = {
      row: 'start',
      metric: 'ready ms',
      size,
      figure: figure(served.ready),
      baseline: figure(empty.ready),
      baselineName: 'empty store',
      better: 'lower',
    };
    lines.push(
      d.events === 100_000
        ? { ...start, target: { text: '< 2000 ms', met: start.figure.median < 2000 } }
        : start,
    );
    if (d !== data[0]) lines.push(...(await snapshotStart(d, plan, served)));
  }
  return lines;
}

/**
 * start from a snapshot: a first start on the store replays it all and saves the snapshot when it stops;
 * the next starts load it (and a tail of nothing). Beside the full rebuilds above, from the same run.
 */
async function snapshotStart(d: Dataset, plan: Plan, rebuilt: Served): Promise<Line[]> {
  const snapshot = `${scratchStore(`snapshot-${d.events}`)}.snapshot`;
  rmSync(snapshot, { force: true });
  const env = { READ_MODEL_SNAPSHOT: snapshot };
  const first = new ApiServer(d.path, env);
  await first.start();
  await first.stop();
  if (!existsSync(snapshot))
    throw new Error(`the API saved no snapshot at ${snapshot}; it printed:\n${first.output.slice(-3000)}`);
  const served = await serve(d.path, plan, undefined, env);
  rmSync(snapshot, { force: true });
  const size = sizeLabel(d.events);
  const start: Line = {
    row: 'start, snapshot',
    metric: 'ready ms',
    size,
    figure: figure(served.ready),
    baseline: figure(rebuilt.ready),
    baselineName: 'full rebuild',
    better: 'lower',
  };
  const memory: Line = {
    row: 'memory, snapshot',
    metric: 'RSS MiB',
    size,
    figure: figure(served.rss),
    baseline: figure(rebuilt.rss),
    baselineName: 'full rebuild',
    better: 'lower',
  };
  return [
    d.events === 1_000_000
      ? { ...start, target: { text: '< 1000 ms', met: start.figure.median < 1000 } }
      : start,
    memory,
  ];
}
