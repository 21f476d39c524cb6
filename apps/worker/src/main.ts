import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig, type Config } from '@tilneste/config';
import { createEventStore } from '@tilneste/event-sourcing';
import { NewerLayoutError } from '@tilneste/event-store';
import { reminderEngineFromConfig } from '@tilneste/reminders';

/** The reminder worker as its own process (docker-compose); `npm start` runs the same inside the API. */
async function main(): Promise<void> {
  let config: Config;
  let opened: ReturnType<typeof createEventStore>;
  try {
    config = loadConfig();
    opened = createEventStore(config);
  } catch (error) {
    // Bad settings, or a store file from a newer version: one line, not a stack trace.
    if (error instanceof ConfigError || error instanceof NewerLayoutError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = new Logger('Påminnelser');
  const { store, checkpoints } = opened;
  const engine = reminderEngineFromConfig(config, store, checkpoints, logger);
  await engine.start();
  logger.log(
    `påminnelsesarbeideren kjører (reminder worker running; queue prefix ${config.REMINDER_QUEUE_PREFIX})`,
  );
  const stop = (signal: string) => {
    logger.log(`${signal}: venter på sending som pågår (letting an in-flight send finish)`);
    void engine
      .stop()
      .then(() => store.close())
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

void main();
