import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { completeCommitmentData, makeCommitmentData } from '@tilneste/commitments';
import { loadConfig } from '@tilneste/config';
import { ReadModelHost } from '@tilneste/projections';
import { ApiModule } from '../../apps/api/src/api.module';
import { WriteContext } from '../../apps/api/src/http/write.service';

/** The API's modules without HTTP, on the given store, with the read models started: what a write reaches after its controller. */
export async function commandPath(
  sqlitePath: string,
): Promise<{ app: INestApplicationContext; bus: CommandBus }> {
  const config = loadConfig({ ...process.env, SQLITE_PATH: sqlitePath, TILNESTE_EMBEDDED_WORKER: 'false' });
  const app = await NestFactory.createApplicationContext(ApiModule.forConfig(config), { logger: ['error'] });
  await app.get(ReadModelHost).start();
  return { app, bus: app.get(CommandBus) };
}

const metadata = () => ({
  now: new Date().toISOString(),
  actor: { kind: 'person' as const, id: randomUUID() },
  via: 'web' as const,
  correlationId: randomUUID(),
});

/**
 * Two commands through the whole path an HTTP write takes after the controller (validate, bus, read the
 * stream, decide, append, wait for the read models): a new commitment, then its completion.
 */
export async function makeAndComplete(bus: CommandBus): Promise<void> {
  const commitmentId = randomUUID();
  const made = makeCommitmentData.parse({
    commitmentId,
    groupId: randomUUID(),
    meetingId: randomUUID(),
    agendaItemId: null,
    matterId: null,
    text: 'Utarbeide et notat om budsjett for neste år',
    owner: { kind: 'person', personId: randomUUID() },
    due: { kind: 'next-meeting' },
  });
  await new WriteContext(metadata(), undefined, undefined, bus).run('commitment', 'MakeCommitment', made);
  await new WriteContext(metadata(), undefined, undefined, bus).run(
    'commitment',
    'CompleteCommitment',
    completeCommitmentData.parse({ commitmentId, note: 'Gjort' }),
  );
}

/** Commands/s of `writers` loops of `makeAndComplete` running at once for `windowMs`. */
export async function commandsPerSecond(bus: CommandBus, writers: number, windowMs: number): Promise<number> {
  const started = performance.now();
  const deadline = started + windowMs;
  let commands = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < deadline) {
        await makeAndComplete(bus);
        commands += 2;
      }
    }),
  );
  return commands / ((performance.now() - started) / 1000);
}
