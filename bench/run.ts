import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { dataset, type Dataset } from './lib/datasets';
import { PEER_MISSING, peerInstalled, RESULTS } from './lib/paths';
import { FROM_SNAPSHOT } from './lib/proc';
import { FULL, QUICK, type Plan } from './lib/plan';
import { table, type Line } from './lib/report';
import { appendRows } from './rows/append';
import { concurrentRows } from './rows/concurrent';
import { peerRows } from './rows/peer';
import { httpWriteRows } from './rows/http-write';
import { importHealthRows } from './rows/import-health';
import { rebuildRows } from './rows/rebuild';
import { reminderRows } from './rows/reminders';
import { serveRows } from './rows/serve';

interface Row {
  id: string;
  run(plan: Plan, data: Dataset[]): Promise<Line[]>;
}

/** The rows in the order they run. The reminders row joins here as one more entry (see bench/README.md). */
const ROWS: Row[] = [
  { id: 'append', run: (plan) => appendRows(plan) },
  { id: 'concurrent', run: (plan) => concurrentRows(plan) },
  { id: 'peer', run: (plan) => peerRows(plan) },
  { id: 'http-write', run: (plan) => httpWriteRows(plan) },
  { id: 'rebuild', run: rebuildRows },
  { id: 'serve', run: serveRows },
  { id: 'reminders', run: (plan) => reminderRows(plan) },
  { id: 'import-health', run: (plan) => importHealthRows(plan) },
];

const say = (text: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);

function machine() {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadavg: loadavg(),
    apiStart: FROM_SNAPSHOT ? 'startup snapshot' : 'without the startup snapshot (TILNESTE_API_SNAPSHOT=off)',
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const plan = args.includes('--quick') ? QUICK : FULL;
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : undefined;
  const started = new Date();
  const loadavgAtStart = loadavg();
  say(
    `benchmarks (${plan.mode}): sizes ${plan.sizes.join(', ')}, ${plan.runs} runs, ${plan.connections} connections`,
  );
  if ((!only || only.includes('peer')) && !peerInstalled()) {
    // Before the stores are generated: a full run would otherwise stop here after minutes.
    process.stderr.write(`bench: ${PEER_MISSING}\n`);
    process.exit(1);
  }
  // Rows that read every size (rebuild, serve) need every store; HTTP write the smallest; the others none.
  const everySize = !only || only.some((id) => id === 'rebuild' || id === 'serve');
  const sizes = everySize ? plan.sizes : only?.includes('http-write') ? plan.sizes.slice(0, 1) : [];
  const data = sizes.map((events) => {
    const d = dataset(events);
    say(
      `store of ${events} events: ${d.generatedIn ? `generated in ${d.generatedIn.toFixed(1)} s` : 'reused'} (${d.summary.commitments} commitments)`,
    );
    return d;
  });
  const lines: Line[] = [];
  for (const row of ROWS.filter((r) => !only || only.includes(r.id))) {
    say(`row ${row.id}`);
    lines.push(...(await row.run(plan, data)));
  }
  const seconds = (Date.now() - started.getTime()) / 1000;
  const text = table(lines);
  process.stdout.write(
    `\n${text}\n\n${plan.mode} run, ${seconds.toFixed(0)} s, ${machine().nproc} cores, Node ${process.version}, API ${machine().apiStart}\n`,
  );
  mkdirSync(RESULTS, { recursive: true });
  const report = {
    mode: plan.mode,
    startedAt: started.toISOString(),
    seconds,
    machine: machine(),
    loadavgAtStart,
    plan,
    datasets: data.map((d) => ({ ...d.summary, generatedIn: d.generatedIn })),
    lines,
    table: text,
  };
  // A run of some rows only never overwrites the figures of a whole run.
  const file = `${plan.mode}${only ? '-partial' : ''}-latest.json`;
  writeFileSync(join(RESULTS, file), `${JSON.stringify({ ...report, only }, null, 2)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
