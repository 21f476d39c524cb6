import type { EventStore } from './event-store.port';

/**
 * The global position of the last event in the store, 0n when it is empty: from the store's own answer where it
 * has one (a SQLite file: one indexed lookup), else the last event read backwards.
 */
export async function headPosition(store: EventStore): Promise<bigint> {
  if (store.headPosition) return store.headPosition();
  for await (const event of store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 }))
    return event.position;
  return 0n;
}
