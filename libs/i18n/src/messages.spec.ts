import { en, messagesFor, nb } from './index';

/** Every path to a leaf, so a key missing from a nested table (typed as a plain record) shows up too. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('the message catalogues', () => {
  it('have the same keys in English as in bokmål, nested tables included', () => {
    expect(keys(en).sort()).toEqual(keys(nb).sort());
  });

  it('have a function where bokmål has one, taking the same number of arguments', () => {
    const pairs = keys(nb).map((path) => {
      const pick = (root: unknown) =>
        path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], root);
      return [path, pick(nb), pick(en)] as const;
    });
    for (const [path, a, b] of pairs) {
      expect([path, typeof b]).toEqual([path, typeof a]);
      if (typeof a === 'function') expect([path, (b as () => unknown).length]).toEqual([path, a.length]);
    }
  });

  it('leave no text empty', () => {
    for (const catalogue of [nb, en]) {
      const empty = keys(catalogue).filter((path) => {
        const leaf = path
          .split('.')
          .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], catalogue);
        return typeof leaf === 'string' && leaf.trim() === '';
      });
      expect(empty).toEqual([]);
    }
  });

  it('fall back to bokmål for an unknown language', () => {
    expect(messagesFor('en')).toBe(en);
    expect(messagesFor('de')).toBe(nb);
    expect(messagesFor(undefined)).toBe(nb);
  });
});
