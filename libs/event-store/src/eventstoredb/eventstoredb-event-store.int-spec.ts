import { describeEventStoreContract } from '../../testing/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

describeEventStoreContract('eventstoredb', {
  skipReason: connectionString
    ? undefined
    : 'EVENTSTORE_CONNECTION_STRING is not set: start EventStoreDB with `docker compose up -d eventstoredb` and set EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false',
  createStore: async () => new EventStoreDbEventStore(connectionString ?? ''),
  createCheckpoints: (store) => (store as EventStoreDbEventStore).checkpointStore(),
});
