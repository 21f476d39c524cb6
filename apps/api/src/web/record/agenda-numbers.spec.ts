import { nextItemNumbers } from './agenda-numbers';

const numbered = (...numbers: (number | null)[]) => numbers.map((number) => ({ number }));

describe('the number an agenda item added without one gets', () => {
  it('is 1 on an empty agenda, and counts on for several added together', () => {
    expect(nextItemNumbers([], 1)).toEqual([1]);
    expect(nextItemNumbers([], 3)).toEqual([1, 2, 3]);
  });

  it('follows the items in order', () => {
    expect(nextItemNumbers(numbered(1, 2, 3), 1)).toEqual([4]);
  });

  it('comes after the highest number given, past a gap', () => {
    expect(nextItemNumbers(numbered(3), 2)).toEqual([4, 5]);
    expect(nextItemNumbers(numbered(1, 7, 2), 1)).toEqual([8]);
  });

  it('counts an item without a number as taking its place in the order', () => {
    expect(nextItemNumbers(numbered(null, null), 1)).toEqual([3]);
    expect(nextItemNumbers(numbered(1, null, 2), 1)).toEqual([4]);
  });

  it('gives nothing when nothing is added', () => {
    expect(nextItemNumbers(numbered(1), 0)).toEqual([]);
  });
});
