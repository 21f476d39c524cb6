// The part of the store a thread that only reads rows needs (the read-ahead at start), as an entry of its own:
// `@tilneste/event-store` loads zod and about 120 modules, which a new thread would spend some 100 ms on
// before its first batch while the thread that waits for it idles.
export { rowToRecorded, SqliteRowReader, type EventRow } from './rows';
export { ownerOnlyFile } from './owner-only';
