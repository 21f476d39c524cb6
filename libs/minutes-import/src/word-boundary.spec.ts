import { wordRe } from './word-boundary';

describe('wordRe', () => {
  it('matches whole words that begin or end with æ, ø or å', () => {
    expect(wordRe(/\bønskes\b/i).test('innspill ønskes skriftlig')).toBe(true);
    expect(wordRe(/\bpå\b/).test('tas opp på neste møte')).toBe(true);
    expect(/\bønskes\b/i.test('innspill ønskes skriftlig')).toBe(false);
  });

  it('does not match inside a longer word', () => {
    expect(wordRe(/\butsatt\b/).test('utsatte grupper')).toBe(false);
    expect(wordRe(/\bmøte\b/).test('faggruppemøte')).toBe(false);
    expect(wordRe(/\b(?:vil|skal)\b/).test('skal')).toBe(true);
  });
});
