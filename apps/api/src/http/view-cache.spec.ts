import type { Request, Response } from 'express';
import type { ReadModelHost } from '@tilneste/projections';
import { ViewCache } from './view-cache';

/** The read models as the cache sees them: the position they have applied. */
const readModels = (position = 41n) => ({ catalog: { position } }) as unknown as ReadModelHost;

/** Just enough of Express for the cache: the URL asked for, the tag the view guard set, the content type. */
function exchange(url: string, etag?: string) {
  const headers = new Map<string, string>();
  if (etag) headers.set('ETag', etag);
  const res = {
    getHeader: (name: string) => headers.get(name),
    type: (type: string) => headers.set('Content-Type', type),
  };
  return { req: { originalUrl: url } as Request, res: res as unknown as Response, headers };
}

describe('ViewCache', () => {
  const dashboard = '/api/groups/g1/dashboard';

  it('works a view out once per URL and tag, and answers again with the same JSON text', async () => {
    const cache = new ViewCache(readModels());
    let computed = 0;
    const compute = async () => ({ open: 3, computed: ++computed });

    const first = exchange(dashboard, 'W/"p41-2026-12-01T10:00"');
    const again = exchange(dashboard, 'W/"p41-2026-12-01T10:00"');
    expect(await cache.answer(first.req, first.res, compute)).toBe('{"open":3,"computed":1}');
    expect(await cache.answer(again.req, again.res, compute)).toBe('{"open":3,"computed":1}');
    expect(computed).toBe(1);
    expect(again.headers.get('Content-Type')).toBe('application/json');
  });

  it('works the view out again after a write or in the next minute (a new tag), and per URL', async () => {
    const cache = new ViewCache(readModels());
    let computed = 0;
    const compute = async () => ({ computed: ++computed });
    const ask = (url: string, tag: string) => {
      const { req, res } = exchange(url, tag);
      return cache.answer(req, res, compute);
    };

    expect(await ask(dashboard, 'W/"p41-2026-12-01T10:00"')).toBe('{"computed":1}');
    expect(await ask(dashboard, 'W/"p42-2026-12-01T10:00"')).toBe('{"computed":2}');
    expect(await ask(dashboard, 'W/"p42-2026-12-01T10:01"')).toBe('{"computed":3}');
    expect(await ask('/api/groups/g2/dashboard', 'W/"p42-2026-12-01T10:01"')).toBe('{"computed":4}');
    expect(await ask(`${dashboard}?limit=1`, 'W/"p42-2026-12-01T10:01"')).toBe('{"computed":5}');
    expect(await ask(dashboard, 'W/"p42-2026-12-01T10:01"')).toBe('{"computed":3}');
  });

  it('drops every kept answer once the read models have applied another event', async () => {
    const models = readModels(41n);
    const cache = new ViewCache(models);
    let computed = 0;
    const ask = (tag: string) => {
      const { req, res } = exchange(dashboard, tag);
      return cache.answer(req, res, async () => ({ computed: ++computed }));
    };
    expect(await ask('W/"p41-2026-12-01T10:00"')).toBe('{"computed":1}');
    (models.catalog as { position: bigint }).position = 42n;
    expect(await ask('W/"p42-2026-12-01T10:00"')).toBe('{"computed":2}');
    // The answer at 41 went with the move, so even its own tag works it out again.
    expect(await ask('W/"p41-2026-12-01T10:00"')).toBe('{"computed":3}');
  });

  it('keeps nothing for an untagged answer or a refusal', async () => {
    const cache = new ViewCache(readModels());
    let computed = 0;
    const untagged = exchange('/api/health');
    expect(await cache.answer(untagged.req, untagged.res, async () => ({ computed: ++computed }))).toEqual({
      computed: 1,
    });
    expect(untagged.headers.has('Content-Type')).toBe(false);

    const tag = 'W/"p7"';
    const refused = exchange('/api/groups/missing/dashboard', tag);
    await expect(
      cache.answer(refused.req, refused.res, async () => {
        computed += 1;
        throw new Error('not found');
      }),
    ).rejects.toThrow('not found');
    const later = exchange('/api/groups/missing/dashboard', tag);
    expect(await cache.answer(later.req, later.res, async () => ({ computed: ++computed }))).toBe(
      '{"computed":3}',
    );
  });
});
