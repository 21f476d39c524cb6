import { extname, join } from 'node:path';
import { applyToCatalog, Catalog } from './catalog';
import { defineReadModel } from './read-model-definition';
import { codeVersion } from './snapshot/read-model-snapshot';

/**
 * The event schemas the one pass parses with, beside this library (`libs/<context>/src/<context>.events`, in
 * the sources and in the build alike): a change to one of them changes what the catalog holds, as a change
 * here does.
 */
export const CONTEXT_EVENTS = ['commitments', 'groups', 'matters', 'meetings', 'people', 'working-groups'].map(
  (context) => join(__dirname, '..', '..', context, 'src', `${context}.events${extname(__filename)}`),
);

/** The catalog as a read model: every slice in this library, fed by one pass. */
export const catalogReadModel = defineReadModel(__filename, 'catalog', () => {
  const catalog = new Catalog();
  return {
    state: catalog,
    apply: (event) => applyToCatalog(catalog, event),
    part: {
      name: 'catalog',
      // Everything in this library (the one pass and every slice it feeds) and the events it reads.
      version: codeVersion(__dirname, ...CONTEXT_EVENTS),
      // Every field but the cache of derived values, which is rebuilt on demand.
      take: () => Object.fromEntries(Object.entries(catalog).filter(([key]) => !key.startsWith('derived'))),
      restore: (state) => Object.assign(catalog, state),
    },
  };
});
