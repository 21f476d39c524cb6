import { applyToCatalog, Catalog } from './catalog';
import { defineReadModel } from './read-model-definition';
import { codeVersion } from './snapshot/read-model-snapshot';

/** The catalog as a read model: every slice in this library, fed by one pass. */
export const catalogReadModel = defineReadModel(__filename, 'catalog', () => {
  const catalog = new Catalog();
  return {
    state: catalog,
    apply: (event) => applyToCatalog(catalog, event),
    part: {
      name: 'catalog',
      // Everything in this library: the one pass and every slice it feeds.
      version: codeVersion(__dirname),
      // Every field but the cache of derived values, which is rebuilt on demand.
      take: () => Object.fromEntries(Object.entries(catalog).filter(([key]) => !key.startsWith('derived'))),
      restore: (state) => Object.assign(catalog, state),
    },
  };
});
