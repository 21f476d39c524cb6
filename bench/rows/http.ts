import { load, type LoadResult } from '../lib/load';
import type { Plan } from '../lib/plan';
import type { ApiServer } from '../lib/proc';
import type { Line } from '../lib/report';
import { figure } from '../lib/stats';

export interface Route {
  name: string;
  /** Under /api, unless `page`. */
  path: string;
  /** A web page: `path` is from the server's root. */
  page?: boolean;
  method?: 'GET' | 'POST';
  body?: unknown;
}

/** Runs each route `plan.loadRuns` times, interleaved with the bare route, after a warm-up of each (`plan.warmupSeconds`). */
export async function measureRoutes(
  server: ApiServer,
  plan: Plan,
  routes: Route[],
  bare: Route,
): Promise<Map<string, LoadResult[]>> {
  const all = [...routes, bare];
  const results = new Map<string, LoadResult[]>(all.map((r) => [r.name, []]));
  const run = (r: Route, seconds: number) =>
    load({
      url: `${r.page ? server.origin : server.url}${r.path}`,
      method: r.method,
      body: r.body,
      connections: plan.connections,
      seconds,
    });
  for (const r of all) await run(r, plan.warmupSeconds);
  for (let i = 0; i < plan.loadRuns; i++)
    for (const r of all) results.get(r.name)!.push(await run(r, plan.loadSeconds));
  return results;
}

/** Three lines per route: requests/s, p50 and p99, each against the bare route's figure from the same runs. */
export function routeLines(row: string, size: string, ours: LoadResult[], bare: LoadResult[]): Line[] {
  const pick = (rs: LoadResult[], key: keyof LoadResult) => figure(rs.map((r) => r[key]));
  const base = { row, size, baselineName: 'bare route' };
  const rps: Line = {
    ...base,
    metric: 'req/s',
    figure: pick(ours, 'rps'),
    baseline: pick(bare, 'rps'),
    better: 'higher',
  };
  return [
    { ...rps, target: { text: '≥ 0.5 of bare', met: rps.figure.median >= 0.5 * rps.baseline.median } },
    { ...base, metric: 'p50 ms', figure: pick(ours, 'p50'), baseline: pick(bare, 'p50'), better: 'lower' },
    { ...base, metric: 'p99 ms', figure: pick(ours, 'p99'), baseline: pick(bare, 'p99'), better: 'lower' },
  ];
}
