import { extname, join } from 'node:path';
import { applyToCatalog, Catalog } from './catalog';
import { defineReadModel } from './read-model-definition';
import { isLazyMapImage, LazyMap, lazyMapImage, openLazyMapsInBackground } from './snapshot/lazy-map';
import { codeVersion } from './snapshot/read-model-snapshot';

/**
 * The event schemas the one pass parses with, beside this library (`libs/<context>/src/<context>.events`, in
 * the sources and in the build alike): a change to one of them changes what the catalog holds, as a change
 * here does.
 */
export const CONTEXT_EVENTS = [
  'commitments',
  'groups',
  'matters',
  'meetings',
  'people',
  'working-groups',
].map((context) => join(__dirname, '..', '..', context, 'src', `${context}.events${extname(__filename)}`));

/**
 * The maps a snapshot keeps key by key with their values in pages, and a start restores as `LazyMap`s whose keys
 * go in on first use and whose values are deserialised when first read: together they were nearly all of the time
 * a start from a snapshot took (at 1,000,000 events, 1.6–1.8 s of 2.1–2.3 s on the instance of 2026-12-03; the
 * commitments alone 132,087 entries and 82 MB). What is left whole is small: the people, the task lists' buckets
 * and the merges. Values must not share objects across pages with anything that is changed in place: a page is
 * serialised apart from the others, so such an object would come back as copies (none does today).
 */
export const LAZY_FIELDS: ReadonlySet<string> = new Set<keyof Catalog>([
  'groups',
  'meetings',
  'commitments',
  'workingGroups',
  'matters',
  'madeOrder',
  'timelines',
  'commitmentsOfMatter',
  'byActor',
  'writtenBy',
]);

/** The catalog as a read model: every slice in this library, fed by one pass. */
export const catalogReadModel = defineReadModel(__filename, 'catalog', () => {
  const catalog = new Catalog();
  /** The maps the last restore made lazy, for `settle` to open. */
  let restored: LazyMap<unknown, unknown>[] = [];
  return {
    state: catalog,
    apply: (event) => applyToCatalog(catalog, event),
    part: {
      name: 'catalog',
      // Everything in this library (the one pass and every slice it feeds) and the events it reads.
      version: codeVersion(__dirname, ...CONTEXT_EVENTS),
      // Every field but the cache of derived values, which is rebuilt on demand; a lazy map (and any map made
      // lazy by a restore) entry by entry, never as a Map, whose raw entries V8 would read past its methods.
      take: () =>
        Object.fromEntries(
          Object.entries(catalog)
            .filter(([key]) => !key.startsWith('derived'))
            .map(([key, value]) =>
              LAZY_FIELDS.has(key) || value instanceof LazyMap
                ? [key, lazyMapImage(value as Map<unknown, unknown>)]
                : [key, value],
            ),
        ),
      restore: (state) => {
        restored = [];
        const fields = { ...(state as Record<string, unknown>) };
        for (const [key, value] of Object.entries(fields))
          if (isLazyMapImage(value))
            restored.push((fields[key] = LazyMap.fromImage(value)) as LazyMap<unknown, unknown>);
        Object.assign(catalog, fields);
      },
      settle: () => openLazyMapsInBackground(restored.splice(0)),
    },
  };
});
