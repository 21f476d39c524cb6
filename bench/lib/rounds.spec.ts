import { compare, roundByRound, roundByRoundTable } from '../compare';
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

describe('roundByRound', () => {
  const timed = (ms: number): ResultLine => ({ ...line(ms, 1), metric: 'p50 ms', better: 'lower' });

  it('pairs the checkouts by round, so a drift between rounds cancels and a steady loss shows in every round', () => {
    // The machine slows by 10 % a round; this checkout is 3 % slower than the other within each round.
    const rounds = [100, 90, 81, 73];
    const other = mergeRounds(rounds.map((speed, i) => run(`o${i}`, 1, [line(speed, speed * 3)])));
    const mine = mergeRounds(rounds.map((speed, i) => run(`t${i}`, 1, [line(speed * 0.97, speed * 3)])));
    // Across rounds the loss hides in the drift...
    expect(compare(other, mine)[0].worse).toBe(false);
    // ...round by round it does not.
    const [pairs] = roundByRound(other, mine);
    expect(pairs.worseIn).toBe(4);
    expect(pairs.medianChange).toBeCloseTo(0.97);
    // The baseline (the raw scan) was as fast on both sides: the ratio shows the same loss.
    expect(pairs.ratioWorseIn).toBe(4);
    expect(roundByRoundTable([pairs])[2]).toBe(
      '| rebuild | 10k events | events/s | −3 %, −3 %, −3 %, −3 % | −3 % | 4 of 4 | −3 %, −3 %, −3 %, −3 % | −3 % | 4 of 4 |',
    );
  });

  it('counts a time that went up as worse, and leaves out lines whose rounds do not pair', () => {
    const other = mergeRounds([run('o1', 1, [timed(2), line(100, 1)]), run('o2', 1, [timed(2)])]);
    const mine = mergeRounds([run('t1', 1, [timed(2.2), line(90, 1)]), run('t2', 1, [timed(1.8)])]);
    const pairs = roundByRound(other, mine);
    expect(pairs.map((p) => p.key)).toEqual(['rebuild | 10k events | p50 ms | raw scan']);
    expect(pairs[0].worseIn).toBe(1);
    expect(pairs[0].changes.map((c) => Number(c.toFixed(2)))).toEqual([1.1, 0.9]);
  });

  it('tells a run on a slower machine from slower code by the ratio to its own baseline', () => {
    // In every round this checkout's run fell on a moment 10 % slower as a whole: figure and raw scan alike.
    const other = mergeRounds([run('o1', 1, [line(100, 300)]), run('o2', 1, [line(100, 300)])]);
    const mine = mergeRounds([run('t1', 1, [line(90, 270)]), run('t2', 1, [line(90, 270)])]);
    const [pairs] = roundByRound(other, mine);
    expect(pairs.worseIn).toBe(2);
    expect(pairs.ratioWorseIn).toBe(0);
    expect(pairs.medianRatioChange).toBeCloseTo(1);
  });
});
