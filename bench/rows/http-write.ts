import { dataset, scratchCopy } from '../lib/datasets';
import type { Plan } from '../lib/plan';
import { ApiServer } from '../lib/proc';
import { sizeLabel, type Line } from '../lib/report';
import { measureRoutes, routeLines } from './http';

/**
 * HTTP write: POST /api/commitments (a new commitment each time) vs POST to the bare route with the same body,
 * on a server as it runs by default (`SQLITE_WRITER=inline`: the store commits on the event loop); then the
 * same on a server whose store commits on its writer thread (`SQLITE_WRITER=thread`).
 */
export async function httpWriteRows(plan: Plan): Promise<Line[]> {
  const lines: Line[] = [];
  for (const writer of ['inline', 'thread'] as const) {
    const source = dataset(plan.sizes[0]);
    const server = new ApiServer(scratchCopy(source, `http-write-${writer}`), { SQLITE_WRITER: writer });
    await server.start();
    try {
      await server.assertBenchRoutes();
      const { meetingId, personId } = source.summary.probe;
      const body = {
        meetingId,
        text: 'Sende innspill om budsjett for neste år',
        owner: { personId },
        due: { nextMeeting: true },
      };
      const results = await measureRoutes(
        server,
        plan,
        [{ name: 'write', path: '/commitments', method: 'POST', body }],
        { name: 'bare', path: '/bench/bare', method: 'POST', body },
      );
      const routeRows = routeLines(
        writer === 'inline' ? 'HTTP write' : 'HTTP write, writer thread',
        sizeLabel(source.events),
        results.get('write')!,
        results.get('bare')!,
      );
      lines.push(
        ...(writer === 'inline'
          ? routeRows.map((l) =>
              l.target
                ? { ...l, target: { text: '≥ 0.6 of bare', met: l.figure.median >= 0.6 * l.baseline.median } }
                : l,
            )
          : routeRows.map(({ target: _, ...l }) => l)),
      );
    } finally {
      await server.stop();
    }
  }
  return lines;
}
