import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@tilneste/config';
import { CHECKPOINT_STORE, EVENT_STORE, SqliteEventStore, type EventStore } from '@tilneste/event-store';

export const CONFIG = Symbol('CONFIG');

/** Picks the adapter from the configuration: SQLite by default, EventStoreDB in production. */
export function createEventStore(
  config: Pick<Config, 'EVENT_STORE' | 'SQLITE_PATH' | 'EVENTSTORE_CONNECTION_STRING'> &
    Partial<Pick<Config, 'SQLITE_WRITER'>>,
) {
  if (config.EVENT_STORE === 'eventstoredb') {
    // Required here, not imported above: a start on SQLite never loads the gRPC client.
    const { EventStoreDbEventStore, EventStoreDbCheckpointStore } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('@tilneste/event-store/eventstoredb') as typeof import('@tilneste/event-store/eventstoredb');
    const store = new EventStoreDbEventStore(config.EVENTSTORE_CONNECTION_STRING!);
    return { store, checkpoints: new EventStoreDbCheckpointStore(store.client) };
  }
  const store = new SqliteEventStore({ path: config.SQLITE_PATH, writer: config.SQLITE_WRITER });
  return { store, checkpoints: store.checkpointStore() };
}

@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: Config): DynamicModule {
    const { store, checkpoints } = createEventStore(config);
    return {
      module: EventStoreModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: EVENT_STORE, useValue: store },
        { provide: CHECKPOINT_STORE, useValue: checkpoints },
      ],
      exports: [CONFIG, EVENT_STORE, CHECKPOINT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
