export { EventStoreDbEventStore } from './eventstoredb-event-store';
export { EventStoreDbCheckpointStore } from './eventstoredb-checkpoint-store';
