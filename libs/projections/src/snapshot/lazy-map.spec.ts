import { deserialize, serialize } from 'node:v8';
import { LazyMap, lazyMapImage, openLazyMapsInBackground } from './lazy-map';

/** A small seeded generator (mulberry32): the same seed, the same sequence of operations. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)],
  };
}

interface View {
  id: string;
  n: number;
  list: number[];
  tags: Set<string>;
  members: Map<string, string>;
  at: bigint;
  note: string | null;
}
type Value = View | number | string | null | undefined | number[];

function valueFrom(rnd: ReturnType<typeof random>, id: string): Value {
  switch (rnd.int(6)) {
    case 0:
      return rnd.int(1000);
    case 1:
      return `tekst ${id} ${rnd.int(100)}`;
    case 2:
      return rnd.next() < 0.5 ? null : undefined;
    case 3:
      return [rnd.int(10), rnd.int(10)];
    default:
      return {
        id,
        n: rnd.int(100),
        list: [rnd.int(5)],
        tags: new Set([`t${rnd.int(3)}`]),
        members: new Map([[`p${rnd.int(4)}`, 'member']]),
        at: BigInt(rnd.int(1e6)),
        note: rnd.next() < 0.5 ? null : 'æøå',
      };
  }
}

/** Everything a map holds, in order. */
const contents = (map: Map<string, Value>) => [...map.entries()];

describe('LazyMap', () => {
  it('answers every Map method as a plain Map with the same history, order included (seeded random operations)', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const rnd = random(seed);
      const model = new Map<string, Value>();
      for (let i = 0; i < 60; i++) model.set(`k${rnd.int(80)}`, valueFrom(rnd, `v${i}`));
      let lazy = LazyMap.fromImage<string, Value>(lazyMapImage(model));
      expect(LazyMap.pending(lazy)).toBe(model.size);
      const keyOf = () => `k${rnd.int(100)}`;
      const log: string[] = [];
      for (let step = 0; step < 400; step++) {
        const op = rnd.int(16);
        const key = keyOf();
        const pendingBefore = LazyMap.pending(lazy);
        log.push(`${step}:${op}:${key}`);
        const where = `seed ${seed}, step ${step}, operation ${op}`;
        switch (op) {
          case 0:
          case 1:
          case 2:
            expect([where, lazy.get(key)]).toEqual([where, model.get(key)]);
            // The same object every time once opened.
            expect(lazy.get(key)).toBe(lazy.get(key));
            break;
          case 3:
            expect([where, lazy.has(key)]).toEqual([where, model.has(key)]);
            expect(LazyMap.pending(lazy)).toBe(pendingBefore);
            break;
          case 4: {
            const value = valueFrom(rnd, `s${step}`);
            expect(lazy.set(key, structuredClone(value))).toBe(lazy);
            model.set(key, value);
            break;
          }
          case 5:
            expect([where, lazy.delete(key)]).toEqual([where, model.delete(key)]);
            break;
          case 6: {
            // A value changed in place stays changed: an opened value is kept, not deserialised again.
            const mine = model.get(key);
            const theirs = lazy.get(key);
            if (typeof mine === 'object' && mine !== null && !Array.isArray(mine)) {
              mine.list.push(step);
              mine.tags.add(`s${step}`);
              (theirs as View).list.push(step);
              (theirs as View).tags.add(`s${step}`);
            }
            break;
          }
          case 7:
            expect([where, [...lazy.keys()]]).toEqual([where, [...model.keys()]]);
            expect(LazyMap.pending(lazy)).toBe(pendingBefore);
            break;
          case 8:
            expect([where, [...lazy.values()]]).toEqual([where, [...model.values()]]);
            expect(LazyMap.pending(lazy)).toBe(0);
            break;
          case 9: {
            const seen: [string, Value, boolean][] = [];
            const also: [string, Value, boolean][] = [];
            lazy.forEach((v, k, m) => seen.push([k, v, m === lazy]));
            model.forEach((v, k, m) => also.push([k, v, m === model]));
            expect([where, seen]).toEqual([where, also]);
            break;
          }
          case 10: {
            // Changed while iterated: a Map's iterator is live (a key added is visited, a key deleted is not).
            const visit = (map: Map<string, Value>) => {
              const visited: string[] = [];
              for (const [k] of map) {
                if (visited.length === 1) {
                  map.set(`new${step}`, step);
                  map.delete([...map.keys()].at(-2)!);
                }
                visited.push(k);
              }
              return visited;
            };
            expect([where, visit(lazy)]).toEqual([where, visit(model)]);
            break;
          }
          case 11:
            // What reads a map whole: spreading, Array.from, a Map made from it, its entries.
            expect([where, [...lazy]]).toEqual([where, [...model]]);
            expect(Array.from(lazy.entries())).toEqual(Array.from(model.entries()));
            expect([...new Map(lazy)]).toEqual([...model]);
            break;
          case 12:
          case 13: {
            // Saved again (as a snapshot worker does), then loaded: only a page partly opened or changed is opened.
            const image = lazyMapImage(lazy);
            expect(LazyMap.pending(lazy)).toBeLessThanOrEqual(pendingBefore);
            lazy = LazyMap.fromImage(image);
            expect(LazyMap.pending(lazy)).toBe(model.size);
            break;
          }
          case 14:
            // A background slice: some entries open, none changes.
            LazyMap.openUntil(lazy, 0);
            expect(LazyMap.pending(lazy)).toBeLessThanOrEqual(pendingBefore);
            break;
          case 15:
            if (rnd.int(8) === 0) {
              lazy.clear();
              model.clear();
              expect(LazyMap.pending(lazy)).toBe(0);
            }
            break;
        }
        expect([where, lazy.size]).toEqual([where, model.size]);
        expect(LazyMap.pending(lazy)).toBeLessThanOrEqual(lazy.size);
        if (step % 25 === 0) expect([where, [...lazy.keys()]]).toEqual([where, [...model.keys()]]);
      }
      expect([`seed ${seed}`, contents(lazy)]).toEqual([`seed ${seed}`, contents(model)]);
      expect(LazyMap.pending(lazy)).toBe(0);
    }
  });

  /** A map of `n` small entries k0 … k(n-1), as a LazyMap, none opened: a few pages of them. */
  const numbered = (n: number) => {
    const plain = new Map<string, { i: number; list: number[] }>();
    for (let i = 0; i < n; i++) plain.set(`k${i}`, { i, list: [i] });
    return { plain, lazy: LazyMap.fromImage<string, { i: number; list: number[] }>(lazyMapImage(plain)) };
  };

  it('opens nothing for keys, has and size, and only the page of the entry a get asks for', () => {
    const { plain, lazy } = numbered(1000);
    expect(lazyMapImage(plain).starts.length).toBeGreaterThan(2);
    expect([...lazy.keys()]).toEqual([...plain.keys()]);
    expect([lazy.has('k5'), lazy.has('x'), lazy.size]).toEqual([true, false, 1000]);
    expect(LazyMap.pending(lazy)).toBe(1000);
    expect(lazy.get('k500')).toEqual({ i: 500, list: [500] });
    expect(LazyMap.pending(lazy)).toBeGreaterThan(0);
    expect(LazyMap.pending(lazy)).toBeLessThan(1000);
  });

  it('becomes a plain Map once nothing is left to open, and an empty one at once', () => {
    const lazy = LazyMap.fromImage<string, number>(
      lazyMapImage(
        new Map([
          ['a', 1],
          ['b', 2],
        ]),
      ),
    );
    expect(lazy).toBeInstanceOf(LazyMap);
    // Setting or deleting an entry never opened leaves nothing of it to open.
    lazy.set('a', 10);
    expect(lazy).toBeInstanceOf(LazyMap);
    lazy.delete('b');
    expect(LazyMap.pending(lazy)).toBe(0);
    expect(Object.getPrototypeOf(lazy)).toBe(Map.prototype);
    expect([...lazy.set('c', 3)]).toEqual([
      ['a', 10],
      ['c', 3],
    ]);
    expect(Object.getPrototypeOf(LazyMap.fromImage(lazyMapImage(new Map())))).toBe(Map.prototype);
  });

  it('cannot be serialised or cloned while an entry is unopened, and can once all are open', () => {
    const { plain, lazy } = numbered(100);
    // Not even its keys are in yet.
    expect(() => serialize(lazy)).toThrow(/could not be cloned/);
    expect(() => structuredClone(lazy)).toThrow();
    lazy.get('k0');
    expect(() => serialize(lazy)).toThrow(/could not be cloned/);
    expect(() => structuredClone(lazy)).toThrow();
    LazyMap.openUntil(lazy, Infinity);
    expect([...(deserialize(serialize(lazy)) as Map<string, unknown>)]).toEqual([...plain]);
  });

  it('is saved, never used, as the very image it came from', () => {
    const image = lazyMapImage(numbered(100).plain);
    const again = lazyMapImage(LazyMap.fromImage(image));
    expect(again).toEqual(image);
    expect(again.bytes).toBe(image.bytes);
  });

  it('is saved again with its unopened pages copied as their bytes, and what was opened or changed as it is now', () => {
    const { plain, lazy } = numbered(1000);
    const before = lazyMapImage(plain);
    const page = (image: typeof before, p: number) =>
      image.bytes.subarray(p === 0 ? 0 : image.ends[p - 1], image.ends[p]);
    // The last entry's page is opened and changed, the first page's first entry is set to something else.
    lazy.get('k999')!.list.push(-1);
    lazy.set('k0', { i: 0, list: [0, -2] });
    const after = lazyMapImage(lazy);
    expect(LazyMap.pending(lazy)).toBeGreaterThan(0);
    // The second page was untouched: the same bytes, where its keys now start.
    const second = after.starts.indexOf(before.starts[1]);
    expect(second).toBeGreaterThan(0);
    expect(page(after, second)).toEqual(page(before, 1));
    plain.get('k999')!.list.push(-1);
    plain.set('k0', { i: 0, list: [0, -2] });
    expect([...LazyMap.fromImage(after)]).toEqual([...plain]);
  });

  it('is opened in the background a slice at a time, between other work, and drops its bytes when done', async () => {
    const big = new Map<string, number[]>();
    for (let i = 0; i < 20_000; i++) big.set(`k${i}`, [i, i + 1]);
    const maps = [
      LazyMap.fromImage<string, number[]>(lazyMapImage(big)),
      LazyMap.fromImage<string, number[]>(lazyMapImage(big)),
    ];
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const opening = openLazyMapsInBackground(maps as LazyMap<unknown, unknown>[], 1);
    expect(LazyMap.pending(maps[0])).toBe(20_000);
    const done = await opening.done;
    clearInterval(ticking);
    expect(done.opened).toBe(40_000);
    expect(maps.map((m) => LazyMap.pending(m))).toEqual([0, 0]);
    // Timers ran while it worked: it yielded between slices.
    expect(turns).toBeGreaterThan(0);
    expect([...maps[1]]).toEqual([...big]);
  });

  it('stops when asked, leaving the rest to be opened on demand', async () => {
    const big = new Map<string, number>();
    for (let i = 0; i < 50_000; i++) big.set(`k${i}`, i);
    const lazy = LazyMap.fromImage<string, number>(lazyMapImage(big));
    const opening = openLazyMapsInBackground([lazy as LazyMap<unknown, unknown>], 0.01);
    opening.stop();
    const { opened } = await opening.done;
    expect(LazyMap.pending(lazy)).toBe(50_000 - opened);
    expect(LazyMap.pending(lazy)).toBeGreaterThan(0);
    expect(lazy.get('k49999')).toBe(49_999);
    expect([...lazy.values()].length).toBe(50_000);
    expect(LazyMap.pending(lazy)).toBe(0);
  });
});
