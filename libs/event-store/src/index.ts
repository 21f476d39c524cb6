export * from './event-store.port';
export * from './head-position';
export * from './errors';
export * from './iso-time';
export * from './append-validation';
export * from './event-schema';
export * from './subscription-runner';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { SQLITE_LAYOUT, NewerLayoutError, type LayoutChange } from './sqlite/schema';
// The rows and the owner-only file, also an entry of their own for the read-ahead thread (`@tilneste/event-store/rows`).
export * from './sqlite/rows-only';
// The EventStoreDB adapter is `@tilneste/event-store/eventstoredb`, loaded only where it is chosen: its gRPC
// client adds about 100 ms to every start.
export { startWorkerFile } from './worker-file';
