import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '@tilneste/config';
import { createEventStore } from '@tilneste/event-sourcing';
import { generateCommand, storeIsEmpty } from './generate';
import { parseOptions } from './options';

/** Where `npm run demo` keeps its store unless `SQLITE_PATH` says otherwise: apart from `npm start`'s. */
export const DEMO_SQLITE_PATH = './data/demo/tilneste.db';

const DEMO_USAGE = `Bruk (usage): npm run demo [-- --years N]
  Starter Tilneste på et lager med et oppdiktet råd, laget første gang (${DEMO_SQLITE_PATH}, eller
  SQLITE_PATH): N års historie fram til i dag (2 om ikke annet er sagt, høyst 8). Påminnelser sendes ikke,
  med mindre TILNESTE_EMBEDDED_WORKER=true.
  (Starts Tilneste on a store with N years of a made-up council up to today, generated on the first run.)`;

const demoArgs = z.object({
  years: z
    .string()
    .regex(/^[1-8]$/, 'must be a whole number from 1 to 8')
    .transform(Number)
    .default(2),
});

/** The options of `demo`, or why there are none. */
export function parseDemoArgs(args: string[]): z.output<typeof demoArgs> | 'help' | { error: string } {
  return parseOptions(args, ['years'], demoArgs);
}

async function isEmpty(): Promise<boolean> {
  const { store } = createEventStore(loadConfig());
  try {
    return await storeIsEmpty(store);
  } finally {
    await store.close();
  }
}

/**
 * `demo`: the API on a store of made-up councils, for a first look without typing anything in. The first run
 * generates the history up to today (the generator's own story, through the same commands as the API); later
 * runs start on what is there, with whatever was added since. Then it runs the API as `npm start` does, with the
 * embedded reminder worker off unless asked for, since the made-up people's addresses lead nowhere.
 */
export async function demoCommand(args: string[]): Promise<number> {
  const env = process.env;
  const options = parseDemoArgs(args);
  if (options === 'help') {
    process.stdout.write(`${DEMO_USAGE}\n`);
    return 0;
  }
  if ('error' in options) {
    process.stderr.write(`${options.error}\n${DEMO_USAGE}\n`);
    return 2;
  }
  const sqlitePath = resolve(env.SQLITE_PATH ?? DEMO_SQLITE_PATH);
  mkdirSync(dirname(sqlitePath), { recursive: true });
  // The store, the generator and the API all read their configuration from the environment.
  env.SQLITE_PATH = sqlitePath;
  if (await isEmpty()) {
    process.stderr.write(`Lager demodata i ${sqlitePath} (et oppdiktet råd med grupper og personer) …\n`);
    // The generator's story runs a meeting's episode whole once it begins, ten days before the meeting: ending
    // it eleven days ago leaves nothing held or recorded after today, and the meetings after it still ahead.
    const until = new Date(Date.now() - 11 * 86_400_000).toISOString().slice(0, 10);
    const manifest = join(dirname(sqlitePath), 'demo-manifest.json');
    // One council, its story told in full (the event count is only a ceiling it never reaches), so the next
    // meetings lie ahead and what is overdue is overdue now.
    const code = await generateCommand([
      ...['--councils', '1', '--years', String(options.years), '--until', until],
      ...['--events', '1000000', '--via', 'direct', '--manifest', manifest],
    ]);
    if (code !== 0) return code;
  } else {
    process.stderr.write(`Bruker demodataene i ${sqlitePath} (slett mappen for å begynne på nytt)\n`);
  }
  return runApi({ ...env, TILNESTE_EMBEDDED_WORKER: env.TILNESTE_EMBEDDED_WORKER ?? 'false' });
}

/** The built API in a child process with this environment, until it ends; a stop signal is passed on to it. */
function runApi(env: NodeJS.ProcessEnv): Promise<number> {
  const main = join(__dirname, '../../api/src/main.js');
  const child = spawn(process.execPath, [main], { env, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((done) => {
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      done(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  });
}
