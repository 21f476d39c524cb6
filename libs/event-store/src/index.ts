export * from './event-store.port';
export * from './errors';
export * from './append-validation';
export * from './event-schema';
export * from './subscription-runner';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
export { EventStoreDbCheckpointStore } from './eventstoredb/eventstoredb-checkpoint-store';
