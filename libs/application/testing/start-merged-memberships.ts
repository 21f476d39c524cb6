import type { SqliteEventStore } from '@tilneste/event-store';
import type { ReadModelHost } from '@tilneste/projections';
import type { Application } from '../src/application';
import { MergedMembershipsPolicy } from '../src/merged-memberships.policy';

/**
 * The merged-memberships policy over a SQLite store, wired as the application module wires it (its checkpoint
 * in the store), started, and caught up with every merge stored so far.
 */
export async function startMergedMemberships(
  app: Application,
  store: SqliteEventStore,
  readModels: ReadModelHost,
): Promise<MergedMembershipsPolicy> {
  const policy = new MergedMembershipsPolicy({
    app,
    store,
    checkpoints: store.checkpointStore(),
    readModels,
    catalog: () => readModels.catalog,
  });
  policy.start();
  await policy.caughtUp;
  return policy;
}
