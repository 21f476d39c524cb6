import { cpuTicksFromStat } from './cpu-time';

// Fields 14 and 15 (utime 1234, stime 56) of a real line, under command names that could throw a naive split.
const statOf = (comm: string) =>
  `4242 (${comm}) S 4000 4242 4000 0 -1 4194560 12000 0 0 0 1234 56 0 0 30 10 11 0 987654 1200000000 30000 ` +
  '18446744073709551615 1 1 0 0 0 0 0 16781312 17448 0 0 0 17 1 0 0 0 0 0';

describe('cpuTicksFromStat', () => {
  it('adds user and system time', () => {
    expect(cpuTicksFromStat(statOf('node'))).toBe(1290);
  });

  it('counts the fields from the last parenthesis, whatever the command name holds', () => {
    expect(cpuTicksFromStat(statOf('node (x) 1 2 3'))).toBe(1290);
    expect(cpuTicksFromStat(statOf(') 7 7 7 7 7 7 7 7 7 7 7 7 7 ('))).toBe(1290);
  });

  it('gives null for text that is not a stat line', () => {
    expect(cpuTicksFromStat('')).toBeNull();
    expect(cpuTicksFromStat('4242 (node) S 1 2')).toBeNull();
  });
});
