/**
 * Runs rows in another checkout and in this one by turns, so that a machine which speeds up or slows down while
 * they run moves both alike:
 *
 *   git worktree add ../before <commit> && (cd ../before && npm ci && npm run -s build)
 *   node dist/bench/alternate.js ../before [--only http-write,rebuild] [--rounds 4] [--quick]
 *
 * Round by round, each row runs once in each checkout (its own `dist/bench/run.js --only ROW`, its own stores and
 * server), the other checkout first in odd rounds and this one first in even rounds (A B, B A, A B, …), so a steady
 * drift favours neither. Every run's medians are kept; per checkout the rounds become one result whose spread is
 * how far the medians moved between rounds (`mergeRounds`), and the two are compared as `compare.js` compares two
 * files. Both merged results are written to `bench/results/alternate-{other,this}-latest.json` (not kept in git).
 * Exit status 1 when a line is worse than its spread, as `compare.js`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { compare, comparisonTable, roundByRound, roundByRoundTable } from './compare';
import { RESULTS } from './lib/paths';
import { mergeRounds, ResultsSchema, type Results } from './lib/rounds';

const ROW_IDS = [
  'append',
  'concurrent',
  'peer',
  'http-write',
  'rebuild',
  'serve',
  'reminders',
  'import-health',
] as const;

const ArgsSchema = z.object({
  other: z
    .string({ error: 'name the other checkout: node dist/bench/alternate.js ../before' })
    .refine(
      (dir) => existsSync(join(dir, 'dist/bench/run.js')),
      'has no dist/bench/run.js: build it first (npm run -s build)',
    ),
  only: z.array(z.enum(ROW_IDS)).min(1),
  rounds: z.coerce.number().int().min(2, 'at least 2, or there is no spread').max(20),
  quick: z.boolean(),
});

function parseArgs(argv: string[]): z.infer<typeof ArgsSchema> {
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const flagged = new Set(
    ['--only', '--rounds'].flatMap((f) => (argv.includes(f) ? [argv.indexOf(f) + 1] : [])),
  );
  const positional = argv.filter((a, i) => !a.startsWith('--') && !flagged.has(i));
  const parsed = ArgsSchema.safeParse({
    other: positional[0],
    only: (value('--only') ?? 'http-write,serve,reminders,rebuild').split(','),
    rounds: value('--rounds') ?? 3,
    quick: argv.includes('--quick'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    process.stderr.write(`alternate: ${issue.path.join('.') || 'arguments'}: ${issue.message}\n`);
    process.exit(2);
  }
  return parsed.data;
}

const say = (text: string) =>
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} alternate: ${text}\n`);

/**
 * One row in one checkout; its result is the newest file `run.js` wrote under the checkout's `bench/results`
 * (older trees write `full-latest.json` for `--only` too).
 */
function runRow(checkout: string, row: string, quick: boolean): Results {
  const started = Date.now();
  const args = [join(checkout, 'dist/bench/run.js'), '--only', row, ...(quick ? ['--quick'] : [])];
  const run = spawnSync(process.execPath, args, { cwd: checkout, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`${row} in ${checkout} failed (exit ${run.status ?? run.signal})`);
  const folder = join(checkout, 'bench/results');
  const written = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ path: join(folder, name), at: statSync(join(folder, name)).mtimeMs }))
    .filter((file) => file.at >= started)
    .sort((a, b) => b.at - a.at)[0];
  if (!written) throw new Error(`${row} in ${checkout} wrote no result under ${folder}`);
  return ResultsSchema.parse(JSON.parse(readFileSync(written.path, 'utf8')));
}

function save(
  checkouts: Record<'other' | 'this', string>,
  results: Record<'other' | 'this', Results[]>,
  rounds: number,
) {
  mkdirSync(RESULTS, { recursive: true });
  for (const which of ['other', 'this'] as const)
    writeFileSync(
      join(RESULTS, `alternate-${which}-latest.json`),
      `${JSON.stringify({ ...mergeRounds(results[which]), checkout: checkouts[which], rounds }, null, 2)}\n`,
    );
}

function main(): void {
  const { other, only, rounds, quick } = parseArgs(process.argv.slice(2));
  const checkouts = { other: resolve(other), this: resolve(__dirname, '../..') };
  const results: Record<'other' | 'this', Results[]> = { other: [], this: [] };
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 ? (['other', 'this'] as const) : (['this', 'other'] as const);
    for (const row of only)
      for (const which of order) {
        say(`round ${round} of ${rounds}: ${row} in ${which === 'this' ? 'this checkout' : checkouts.other}`);
        results[which].push(runRow(checkouts[which], row, quick));
      }
    // Written after every round, so an interrupted run leaves what it measured.
    save(checkouts, results, round);
  }
  const before = mergeRounds(results.other);
  const after = mergeRounds(results.this);
  const rows = compare(before, after);
  const heading = `${rounds} rounds, ${only.join(', ')}${quick ? ' (quick)' : ''}; before: ${checkouts.other}; after: this checkout`;
  const table = comparisonTable(before, after, rows);
  const paired = roundByRoundTable(roundByRound(before, after));
  process.stdout.write(`${[heading, '', ...table, '', 'Round by round:', '', ...paired].join('\n')}\n`);
  process.exitCode = rows.some((c) => c.worse) ? 1 : 0;
}

if (require.main === module) main();
