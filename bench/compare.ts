/**
 * Compares two benchmark results (the JSON `npm run bench` writes) row by row:
 *
 *   node dist/bench/compare.js BEFORE.json AFTER.json
 *
 * A line is matched by row, size, metric and baseline name. It is "worse than its spread" when the later
 * median lies beyond the earlier run's worst run (below its minimum for rates, above its maximum for times).
 * The ratio to the same-run baseline is printed beside it: a machine slower as a whole moves the figure and
 * its baseline together, which the ratio cancels, so a worse figure with an unchanged ratio points at the machine.
 *
 * Two results of `alternate.js` hold one median per round, in round order, each round running both checkouts
 * within minutes of each other; `roundByRound` pairs them by round, which the machine's drift between rounds does
 * not move (printed by `alternate.js`, and by `compare.js --rounds` on its two files).
 */
import { readFileSync } from 'node:fs';
import { format } from './lib/report';
import { figure } from './lib/stats';
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

/** One line of two alternated results, round by round: after ÷ before in each round, and how often after was worse. */
export interface RoundPairs {
  key: string;
  after: Line;
  /** After ÷ before of each round's median, in round order. */
  changes: number[];
  /** Rounds in which after was worse than before (lower for rates, higher for times). */
  worseIn: number;
  medianChange: number;
  /**
   * The same for the ratio to each run's own baseline (the raw scan, the bare route), which a machine slower in
   * one run than in the other moves alike on both sides: after's ratio ÷ before's, round by round.
   */
  ratioChanges: number[];
  ratioWorseIn: number;
  medianRatioChange: number;
}

/** The lines both results hold with the same number of rounds (at least two), paired by round. */
export function roundByRound(before: Results, after: Results): RoundPairs[] {
  const earlier = new Map(before.lines.map((l) => [keyOf(l), l]));
  return after.lines.flatMap((a) => {
    const b = earlier.get(keyOf(a));
    const rounds = a.figure.runs.length;
    if (!b || rounds < 2 || [b.figure, b.baseline, a.baseline].some((f) => f.runs.length !== rounds))
      return [];
    const worse = (c: number) => (a.better === 'higher' ? c < 1 : c > 1);
    const changes = a.figure.runs.map((value, i) => value / b.figure.runs[i]);
    const ratioChanges = changes.map((c, i) => c / (a.baseline.runs[i] / b.baseline.runs[i]));
    return [
      {
        key: keyOf(a),
        after: a,
        changes,
        worseIn: changes.filter(worse).length,
        medianChange: figure(changes).median,
        ratioChanges,
        ratioWorseIn: ratioChanges.filter(worse).length,
        medianRatioChange: figure(ratioChanges).median,
      },
    ];
  });
}

export function roundByRoundTable(pairs: RoundPairs[]): string[] {
  const percent = (c: number) => `${c >= 1 ? '+' : '−'}${Math.abs((c - 1) * 100).toFixed(0)} %`;
  return [
    '| row | size | metric | after ÷ before, round by round | median | rounds worse | ratio to baseline, after ÷ before | median | rounds worse |',
    '|---|---|---|---|---|---|---|---|---|',
    ...pairs.map(
      (p) =>
        `| ${p.after.row} | ${p.after.size} | ${p.after.metric} | ${p.changes.map(percent).join(', ')} | ` +
        `${percent(p.medianChange)} | ${p.worseIn} of ${p.changes.length} | ` +
        `${p.ratioChanges.map(percent).join(', ')} | ${percent(p.medianRatioChange)} | ` +
        `${p.ratioWorseIn} of ${p.ratioChanges.length} |`,
    ),
  ];
}

function main(): void {
  const args = process.argv.slice(2);
  const [beforePath, afterPath] = args.filter((a) => a !== '--rounds');
  if (!beforePath || !afterPath) {
    process.stderr.write('usage: node dist/bench/compare.js BEFORE.json AFTER.json [--rounds]\n');
    process.exit(2);
  }
  const before = load(beforePath);
  const after = load(afterPath);
  const rows = compare(before, after);
  const out = [
    `before: ${before.startedAt}; after: ${after.startedAt}`,
    '',
    ...comparisonTable(before, after, rows),
    ...(args.includes('--rounds') ? ['', ...roundByRoundTable(roundByRound(before, after))] : []),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  process.exitCode = rows.some((c) => c.worse) ? 1 : 0;
}

if (require.main === module) main();
