import type { Actor } from '@tilneste/domain-kit';
import type { Catalog } from '@tilneste/projections';

/** The reader's name, when the reader is a person the catalog knows. */
export const viewerName =
  (catalog: Catalog) =>
  (actor: Actor): string | null =>
    actor.kind === 'person' ? (catalog.people.get(actor.id)?.name ?? null) : null;
