/**
 * Compares two benchmark results (the JSON `npm run bench` writes) row by row:
 *
 *   node dist/bench/compare.js BEFORE.json AFTER.json
 *
 * A line is matched by row, size, metric and baseline name. It is "worse than its spread" when the later
 * median lies beyond the earlier run's worst run (below its minimum for rates, above its maximum for times).
 * The ratio to the same-run baseline is printed beside it: a machine slower as a whole moves the figure and
 * its baseline together, which the ratio cancels, so a worse figure with an unchanged ratio points at the machine.
 */
import { readFileSync } from 'node:fs';
import { format } from './lib/report';
import { keyOf, ResultsSchema, type ResultLine as Line, type Results } from './lib/rounds';

export interface Comparison {
  key: string;
  before: Line;
  after: Line;
  /** After ÷ before of the medians. */
  change: number;
  ratioBefore: number;
  ratioAfter: number;
  worse: boolean;
}

const ratio = (l: Line) => l.figure.median / l.baseline.median;

/** Pairs the lines both runs have, in the later run's order. */
export function compare(before: Results, after: Results): Comparison[] {
  const earlier = new Map(before.lines.map((l) => [keyOf(l), l]));
  return after.lines.flatMap((a) => {
    const b = earlier.get(keyOf(a));
    if (!b) return [];
    const beyondSpread =
      a.better === 'higher' ? a.figure.median < b.figure.min : a.figure.median > b.figure.max;
    return [
      {
        key: keyOf(a),
        before: b,
        after: a,
        change: a.figure.median / b.figure.median,
        ratioBefore: ratio(b),
        ratioAfter: ratio(a),
        worse: beyondSpread,
      },
    ];
  });
}

export function load(path: string): Results {
  const parsed = ResultsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: not a benchmark result (${issue.path.join('.')}: ${issue.message})`);
  }
  return parsed.data;
}

/** The comparison as a markdown table, with the lines only the earlier run has. */
export function comparisonTable(before: Results, after: Results, rows = compare(before, after)): string[] {
  const cell = (l: Line) =>
    `${format(l.figure.median, l.metric)} (${format(l.figure.min, l.metric)}–${format(l.figure.max, l.metric)})`;
  const out = [
    '| row | size | metric | before (min–max) | after (min–max) | change | ratio before → after | verdict |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (c) =>
        `| ${c.after.row} | ${c.after.size} | ${c.after.metric} | ${cell(c.before)} | ${cell(c.after)} | ` +
        `${((c.change - 1) * 100).toFixed(0)} % | ${c.ratioBefore.toFixed(2)} → ${c.ratioAfter.toFixed(2)} | ` +
        `${c.worse ? 'WORSE than its spread' : 'within or better'} |`,
    ),
  ];
  const onlyBefore = before.lines.filter((l) => !rows.some((c) => c.key === keyOf(l)));
  if (onlyBefore.length) out.push('', `only in before: ${onlyBefore.map(keyOf).join('; ')}`);
  return out;
}

function main(): void {
  const [beforePath, afterPath] = process.argv.slice(2);
  if (!beforePath || !afterPath) {
    process.stderr.write('usage: node dist/bench/compare.js BEFORE.json AFTER.json\n');
    process.exit(2);
  }
  const before = load(beforePath);
  const after = load(afterPath);
  const rows = compare(before, after);
  const out = [
    `before: ${before.startedAt}; after: ${after.startedAt}`,
    '',
    ...comparisonTable(before, after, rows),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  process.exitCode = rows.some((c) => c.worse) ? 1 : 0;
}

if (require.main === module) main();
