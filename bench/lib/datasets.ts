import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Summary } from '../../apps/cli/src/generate';
import { keysBesideStore } from '@tilneste/config';
import { SQLITE_LAYOUT } from '@tilneste/event-store';
import { CLI_MAIN, DATA } from './paths';

export interface Dataset {
  events: number;
  path: string;
  summary: Summary;
  /** Seconds it took to generate, or 0 when an earlier run's copy was reused. */
  generatedIn: number;
}

const SEED = 'bench-1';

/** Reused only while the generator (every compiled file of apps/cli/src/generate) is byte for byte the one that made it. */
function generatorVersion(): string {
  const folder = join(dirname(CLI_MAIN), 'generate');
  const hash = createHash('sha256');
  for (const file of readdirSync(folder)
    .filter((name) => name.endsWith('.js'))
    .sort())
    hash.update(file).update(readFileSync(join(folder, file)));
  return hash.digest('hex').slice(0, 12);
}

/** A store and the person keys its sealed fields open with (generated stores seal names as the API does). */
const removeDb = (path: string) =>
  [path, keysBesideStore(path)].forEach((file) =>
    ['', '-wal', '-shm'].forEach((suffix) => rmSync(file + suffix, { force: true })),
  );

/**
 * A store of exactly `events` events from the generator (straight into the store), cached under bench/.data. The
 * name holds the store's layout too: a file of an older layout would be rewritten by the first run that opens it.
 */
export function dataset(events: number): Dataset {
  mkdirSync(DATA, { recursive: true });
  const name = `events-${events}-${SEED}-${generatorVersion()}-layout${SQLITE_LAYOUT}`;
  const path = join(DATA, `${name}.db`);
  const manifest = join(DATA, `${name}.json`);
  if (existsSync(path) && existsSync(manifest))
    return { events, path, summary: JSON.parse(readFileSync(manifest, 'utf8')), generatedIn: 0 };
  const partial = join(DATA, `${name}.partial.db`);
  removeDb(partial);
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      CLI_MAIN,
      'generate',
      '--events',
      String(events),
      '--seed',
      SEED,
      '--via',
      'direct',
      '--manifest',
      manifest,
    ],
    {
      env: { ...process.env, SQLITE_PATH: partial },
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`generate --events ${events} failed: ${run.stderr}`);
  for (const suffix of ['-wal', '']) {
    if (existsSync(keysBesideStore(partial) + suffix))
      renameSync(keysBesideStore(partial) + suffix, keysBesideStore(path) + suffix);
    if (existsSync(partial + suffix)) renameSync(partial + suffix, path + suffix);
  }
  return {
    events,
    path,
    summary: JSON.parse(readFileSync(manifest, 'utf8')),
    generatedIn: (performance.now() - started) / 1000,
  };
}

/** A scratch copy for runs that write, so the cached store stays as generated. */
export function scratchCopy(source: Dataset, name: string): string {
  const path = join(DATA, `${name}.db`);
  removeDb(path);
  copyFileSync(source.path, path);
  if (existsSync(keysBesideStore(source.path)))
    copyFileSync(keysBesideStore(source.path), keysBesideStore(path));
  return path;
}

export const scratchStore = (name: string): string => {
  const path = join(DATA, `${name}.db`);
  removeDb(path);
  return path;
};

/** An empty folder for runs that write several files. */
export const scratchDir = (name: string): string => {
  const path = join(DATA, name);
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  return path;
};
