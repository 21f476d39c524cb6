import type { EventStore, SubscribeToAllOptions, Subscription } from '@tilneste/event-store';

/**
 * The store as a policy reads it, with where each of its subscriptions to `$all` starts: what a start reads is
 * everything after that position.
 */
export function watchSubscriptions(store: EventStore): {
  store: EventStore;
  from: SubscribeToAllOptions['fromPosition'][];
} {
  const from: SubscribeToAllOptions['fromPosition'][] = [];
  const watched = Object.assign(Object.create(store) as EventStore, {
    subscribeToAll(options: SubscribeToAllOptions): Subscription {
      from.push(options.fromPosition);
      return store.subscribeToAll(options);
    },
  });
  return { store: watched, from };
}
