import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { keysBesideStore, type Config } from '@tilneste/config';
import {
  CHECKPOINT_STORE,
  EVENT_STORE,
  SQLITE_LAYOUT,
  SqliteEventStore,
  type EventStore,
} from '@tilneste/event-store';
import { PERSON_KEY_STORE, ShreddingEventStore, SqlitePersonKeyStore } from '@tilneste/personal-data';

export const CONFIG = Symbol('CONFIG');

/**
 * Picks the adapter from the configuration (SQLite by default, EventStoreDB in production) and wraps it in
 * the personal-data seam: personal fields are encrypted under each person's key, kept in `KEYS_SQLITE_PATH`.
 */
export function createEventStore(
  config: Pick<Config, 'EVENT_STORE' | 'SQLITE_PATH' | 'EVENTSTORE_CONNECTION_STRING'> &
    Partial<Pick<Config, 'SQLITE_WRITER' | 'KEYS_SQLITE_PATH'>>,
) {
  const { store: inner, checkpoints } = createRawEventStore(config);
  const keys = new SqlitePersonKeyStore(config.KEYS_SQLITE_PATH ?? keysBesideStore(config.SQLITE_PATH));
  return { store: new ShreddingEventStore(inner, keys), checkpoints, keys };
}

/** The adapter alone, personal fields as stored: for copying a store as it is (the encryption migration). */
export function createRawEventStore(
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
  const change = store.layoutChange;
  if (change)
    new Logger('EventStore').log(
      `SQLite-fila ble skrevet om til format ${SQLITE_LAYOUT} (file rewritten to layout ${SQLITE_LAYOUT}): ` +
        `${change.events} hendelser på ${change.ms} ms; VACUUM gir tilbake plassen som ble frigjort`,
    );
  return { store, checkpoints: store.checkpointStore() };
}

@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: Config): DynamicModule {
    const { store, checkpoints, keys } = createEventStore(config);
    return {
      module: EventStoreModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: EVENT_STORE, useValue: store },
        { provide: CHECKPOINT_STORE, useValue: checkpoints },
        { provide: PERSON_KEY_STORE, useValue: keys },
      ],
      exports: [CONFIG, EVENT_STORE, CHECKPOINT_STORE, PERSON_KEY_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
