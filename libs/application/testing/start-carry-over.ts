import type { SqliteEventStore } from '@tilneste/event-store';
import type { ReadModelHost } from '@tilneste/projections';
import type { Application } from '../src/application';
import { CarryOverPolicy } from '../src/carry-over.policy';

/**
 * The carry-over policy over a SQLite store, wired as the application module wires it (its checkpoint in the
 * store), started, and caught up with every held meeting stored so far.
 */
export async function startCarryOver(
  app: Application,
  store: SqliteEventStore,
  readModels: ReadModelHost,
): Promise<CarryOverPolicy> {
  const policy = new CarryOverPolicy({
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
