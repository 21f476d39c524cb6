import { compare } from '../compare';
import { mergeRounds, type ResultLine, type Results } from './rounds';

const fig = (median: number) => ({
  runs: [median - 1, median, median + 1],
  median,
  min: median - 1,
  max: median + 1,
});
const line = (figure: number, baseline: number, row = 'rebuild'): ResultLine => ({
  row,
  size: '10k events',
  metric: 'events/s',
  figure: fig(figure),
  baseline: fig(baseline),
  baselineName: 'raw scan',
  better: 'higher',
});
const run = (startedAt: string, seconds: number, lines: ResultLine[]): Results => ({
  startedAt,
  seconds,
  lines,
});

describe('mergeRounds', () => {
  it('makes one figure of the runs’ medians, so the spread is the drift between runs', () => {
    const merged = mergeRounds([
      run('2026-12-01T12:10:00Z', 60, [line(100, 300)]),
      run('2026-12-01T12:00:00Z', 50, [line(80, 240)]),
      run('2026-12-01T12:20:00Z', 70, [line(90, 270)]),
    ]);
    expect(merged.startedAt).toBe('2026-12-01T12:00:00Z');
    expect(merged.seconds).toBe(180);
    expect(merged.lines).toHaveLength(1);
    expect(merged.lines[0].figure).toEqual({ runs: [100, 80, 90], median: 90, min: 80, max: 100 });
    expect(merged.lines[0].baseline).toEqual({ runs: [300, 240, 270], median: 270, min: 240, max: 300 });
  });

  it('keeps a line that only some runs have, with the runs it has', () => {
    const merged = mergeRounds([
      run('a', 1, [line(100, 300), line(5, 10, 'serve')]),
      run('b', 1, [line(110, 300)]),
    ]);
    expect(merged.lines.map((l) => [l.row, l.figure.runs])).toEqual([
      ['rebuild', [100, 110]],
      ['serve', [5]],
    ]);
  });

  it('refuses nothing to merge', () => {
    expect(() => mergeRounds([])).toThrow('no runs to merge');
  });

  it('lets a steady drift that hits both checkouts alike pass, where one run each would call it worse', () => {
    // The machine slows by 10 % a round; both checkouts are equally fast.
    const rounds = [100, 90, 81, 73];
    const other = rounds.map((speed, i) => run(`o${i}`, 1, [line(speed, speed * 3)]));
    const mine = rounds.map((speed, i) => run(`t${i}`, 1, [line(speed, speed * 3)]));
    expect(compare(other[0], mine[3])[0].worse).toBe(true);
    expect(compare(mergeRounds(other), mergeRounds(mine))[0].worse).toBe(false);
  });
});
