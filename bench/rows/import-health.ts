import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { dropQueuePrefix } from '../../libs/reminders/testing/drop-queue-prefix';
import { minutesDocx } from '../../libs/minutes-import/testing/documents';
import { adversarialText, heavyDocx } from '../../tests/e2e/support/hostile-documents';
import { scratchDir } from '../lib/datasets';
import { HealthPoller, summarise, type HealthWindow } from '../lib/health-poll';
import { ROOT } from '../lib/paths';
import type { Plan } from '../lib/plan';
import { ApiServer, TOKEN } from '../lib/proc';
import type { Line } from '../lib/report';
import { figure } from '../lib/stats';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Every run sends four documents; the imports budget (30 an hour per account) is raised for this server only. */
const RATE_LIMIT_SCALE = '100';

const say = (text: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)}   ${text}\n`);
const mb = (bytes: number) =>
  bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MB` : `${Math.round(bytes / 1024)} KB`;

interface Upload {
  body: string | Uint8Array<ArrayBuffer>;
  type: string;
}

interface Sent {
  status: number;
  ms: number;
  code?: string;
}

async function send(server: ApiServer, upload: Upload): Promise<Sent> {
  const started = performance.now();
  const res = await fetch(`${server.url}/imports/minutes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': upload.type },
    body: upload.body,
  });
  const reply = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
  const sent = { status: res.status, ms: performance.now() - started, code: reply.error?.code };
  if (res.status === 429)
    throw new Error(`POST /api/imports/minutes was rate-limited (429): raise RATE_LIMIT_SCALE`);
  return sent;
}

/** Health checks while the upload runs, from its first byte sent to its reply read. */
async function during(server: ApiServer, upload: Upload): Promise<{ sent: Sent; health: HealthWindow }> {
  const poller = new HealthPoller(`${server.url}/health`);
  const sent = await send(server, upload);
  return { sent, health: await poller.stop() };
}

/** Health checks with nothing else going on, for as long as the upload took (at most the plan's cap). */
async function idle(server: ApiServer, ms: number): Promise<HealthWindow> {
  const poller = new HealthPoller(`${server.url}/health`);
  await sleep(ms);
  return poller.stop();
}

interface Kind {
  size: string;
  hostile: Upload;
  ordinary: Upload;
}

interface Runs {
  upload: Sent[];
  ordinary: number[];
  during: HealthWindow[];
  idle: HealthWindow[];
}

function lines(kind: Kind, runs: Runs): Line[] {
  const during = runs.during.map(summarise);
  const idle = runs.idle.map(summarise);
  const pick = (ws: ReturnType<typeof summarise>[], key: keyof ReturnType<typeof summarise>) =>
    figure(ws.map((w) => w[key]));
  const failed = runs.during.reduce((n, w) => n + w.failed, 0);
  const base = { row: 'import-health', size: kind.size, baselineName: 'no upload' };
  const max = pick(during, 'max');
  const statuses = [
    ...new Set(runs.upload.map((s) => (s.code ? `${s.status} ${s.code}` : String(s.status)))),
  ];
  return [
    {
      ...base,
      metric: 'health p50 ms',
      figure: pick(during, 'p50'),
      baseline: pick(idle, 'p50'),
      better: 'lower',
    },
    {
      ...base,
      metric: 'health p99 ms',
      figure: pick(during, 'p99'),
      baseline: pick(idle, 'p99'),
      better: 'lower',
    },
    {
      ...base,
      metric: 'health max ms',
      figure: max,
      baseline: pick(idle, 'max'),
      better: 'lower',
      // "Throughout": the worst reply of every run, and no check may fail.
      target: { text: `max < 100 ms${failed ? ` (${failed} failed)` : ''}`, met: max.max < 100 && !failed },
    },
    {
      // A rate, because the quiet window is capped; the counts are in the detail and the log.
      ...base,
      metric: 'health replies/s',
      figure: pick(during, 'repliesPerSecond'),
      baseline: pick(idle, 'repliesPerSecond'),
      better: 'higher',
      detail: runs.upload.map((sent, i) => ({
        status: sent.status,
        code: sent.code ?? null,
        uploadMs: sent.ms,
        replies: runs.during[i].latencies.length,
        backToBack: runs.during[i].backToBack,
        onTimer: runs.during[i].timed,
        failed: runs.during[i].failed,
        quietMs: runs.idle[i].ms,
        quietReplies: runs.idle[i].latencies.length,
      })),
    },
    {
      row: 'import-health',
      size: kind.size,
      metric: `upload ms (${statuses.join(', ')})`,
      figure: figure(runs.upload.map((s) => s.ms)),
      baseline: figure(runs.ordinary),
      baselineName: 'ordinary minutes',
      better: 'lower',
    },
  ];
}

/**
 * import-health: /api/health's latency while the API reads a hostile upload through POST /api/imports/minutes
 * (an adversarial text, a .docx that unpacks to near the limit), against the same checks for as long with no
 * upload. The real API in its own process on an empty store, as the serve rows start it.
 */
export async function importHealthRows(plan: Plan): Promise<Line[]> {
  const fixture = readFileSync(
    join(ROOT, 'libs', 'minutes-import', 'fixtures', 'synthetic', '101_bullets_helse.txt'),
    'utf8',
  );
  const kinds: Kind[] = [
    {
      size: `${mb(plan.importTextBytes)} adversarial text`,
      hostile: { body: adversarialText(plan.importTextBytes), type: 'text/plain; charset=utf-8' },
      ordinary: { body: fixture, type: 'text/plain; charset=utf-8' },
    },
    {
      size: `.docx, ${mb(plan.importDocxUnpacked)} unpacked`,
      hostile: { body: new Uint8Array(await heavyDocx(plan.importDocxUnpacked)), type: DOCX },
      ordinary: { body: new Uint8Array(await minutesDocx(fixture.split('\n'))), type: DOCX },
    },
  ];
  const prefix = `tilneste-bench-${randomUUID().slice(0, 8)}`;
  const server = new ApiServer(join(scratchDir('import-health'), 'store.db'), {
    RATE_LIMIT_SCALE,
    // Rate-limit counters live in Redis under this prefix: this run's alone, deleted afterwards.
    REMINDER_QUEUE_PREFIX: prefix,
  });
  const all = kinds.map((): Runs => ({ upload: [], ordinary: [], during: [], idle: [] }));
  await server.start();
  try {
    // The first checks and the first parse (loading the parser's child) outside the measure.
    await idle(server, 200);
    for (const kind of kinds) await send(server, kind.ordinary);
    for (let i = 0; i < plan.importRuns; i++) {
      for (const [k, kind] of kinds.entries()) {
        const runs = all[k];
        const { sent, health } = await during(server, kind.hostile);
        const quiet = await idle(server, Math.min(sent.ms, plan.importQuietMs));
        runs.upload.push(sent);
        runs.during.push(health);
        runs.idle.push(quiet);
        runs.ordinary.push((await send(server, kind.ordinary)).ms);
        const [d, q] = [summarise(health), summarise(quiet)];
        say(
          `${kind.size} run ${i + 1}: ${sent.status}${sent.code ? ` ${sent.code}` : ''} in ${sent.ms.toFixed(0)} ms; ` +
            `health p50 ${d.p50.toFixed(1)} p99 ${d.p99.toFixed(1)} max ${d.max.toFixed(1)} ms, ` +
            `${d.replies} replies (${health.backToBack} back to back, ${health.timed} on the timer, ${health.failed} failed); ` +
            `no upload (${(quiet.ms / 1000).toFixed(1)} s): p99 ${q.p99.toFixed(1)} max ${q.max.toFixed(1)} ms, ${q.replies} replies`,
        );
      }
    }
  } finally {
    await server.stop();
    await dropQueuePrefix(REDIS_URL, prefix).catch(() => undefined);
  }
  return kinds.flatMap((kind, k) => lines(kind, all[k]));
}
