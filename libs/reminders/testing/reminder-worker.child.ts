// A reminder worker in its own process, for the crash tests: `node --import tsx reminder-worker.child.ts`.
import { SqliteEventStore } from '@tilneste/event-store';
import { testEngine } from './reminder-fixtures';

const store = new SqliteEventStore({ path: process.env.SQLITE_PATH!, pollIntervalMs: 20 });
const engine = testEngine({
  store,
  checkpoints: store.checkpointStore(),
  smtpUrl: process.env.SMTP_URL!,
  queuePrefix: process.env.REMINDER_QUEUE_PREFIX!,
});

void engine.start().then(() => process.stdout.write('started\n'));
process.once('SIGTERM', () => {
  // Said before the engine stops, so a test can hold a send open until the stop has begun.
  process.stdout.write('stopping\n');
  void engine.stop().then(async () => {
    await store.close();
    process.stdout.write('stopped\n');
    process.exit(0);
  });
});
