import { summaryLines } from './minutes-import.command';

describe("the minutes import's summary in the terminal", () => {
  it('says how many were carried over so far and that the rest follow, when the carry-over policy was behind', () => {
    expect(summaryLines({ held: 1, carriedOver: 2, carryOversPending: 1 })).toEqual([
      '1 møte merket som avholdt',
      '2 forpliktelser overført til neste møte så langt; 1 til følger om litt',
    ]);
    expect(summaryLines({ held: 1, carryOversPending: 3 })).toEqual([
      '1 møte merket som avholdt',
      '0 forpliktelser overført til neste møte så langt; 3 til følger om litt',
    ]);
    // The policy keeping up: the line as before.
    expect(summaryLines({ held: 1, carriedOver: 2 })).toEqual([
      '1 møte merket som avholdt',
      '2 forpliktelser overført til neste møte',
    ]);
  });
});
