export * from './event-store.port';
export * from './head-position';
export * from './errors';
export * from './append-validation';
export * from './event-schema';
export * from './subscription-runner';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { rowToRecorded, SqliteRowReader, type EventRow } from './sqlite/rows';
// The EventStoreDB adapter is `@tilneste/event-store/eventstoredb`, loaded only where it is chosen: its gRPC
// client adds about 100 ms to every start.
export { ownerOnlyFile } from './sqlite/owner-only';
export { startWorkerFile } from './worker-file';
