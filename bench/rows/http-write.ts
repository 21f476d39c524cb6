import { dataset, scratchCopy } from '../lib/datasets';
import type { Plan } from '../lib/plan';
import { ApiServer } from '../lib/proc';
import { sizeLabel, type Line } from '../lib/report';
import { measureRoutes, routeLines } from './http';

/** HTTP write: POST /api/commitments (a new commitment each time) vs POST to the bare route with the same body. */
export async function httpWriteRows(plan: Plan): Promise<Line[]> {
  const source = dataset(plan.sizes[0]);
  const server = new ApiServer(scratchCopy(source, 'http-write'));
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
      {
        name: 'bare',
        path: '/bench/bare',
        method: 'POST',
        body,
      },
    );
    return routeLines('HTTP write', sizeLabel(source.events), results.get('write')!, results.get('bare')!);
  } finally {
    await server.stop();
  }
}
