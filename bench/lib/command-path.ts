import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { completeCommitmentData, makeCommitmentData } from '@tilneste/commitments';
import { loadConfig } from '@tilneste/config';
import { Application, ApplicationModule, CommandContext, parseInput, Policies } from '@tilneste/application';
import { isoNow } from '@tilneste/event-store';

/**
 * One person writes every command, as the secretariat does in a session. Their free text (the completion
 * note) is sealed under their key, which exists after the first command; a new person per command would
 * make every command create a key (a transaction and an fsync of the key store of its own), which no user does.
 */
const WRITER = randomUUID();

const metadata = () => ({
  // As the API's write service stamps a command.
  now: isoNow(),
  actor: { kind: 'person' as const, id: WRITER },
  via: 'web' as const,
  correlationId: randomUUID(),
});

const command = (app: Application) => new CommandContext(app, metadata());

/** A group, a meeting and a person for the commitments to belong to (the handler checks that they exist). */
export interface Target {
  groupId: string;
  meetingId: string;
  personId: string;
}

async function setUp(app: Application): Promise<Target> {
  const [groupId, meetingId, personId] = [randomUUID(), randomUUID(), randomUUID()];
  await command(app).run('person', { type: 'RegisterPerson', data: { personId, name: 'Kari Nordmann' } });
  await command(app).run('group', { type: 'EstablishGroup', data: { groupId, name: 'Benkegruppen' } });
  await command(app).run('meeting', {
    type: 'ScheduleMeeting',
    data: { meetingId, groupId, startsAt: '2030-01-10T09:00:00+01:00' },
  });
  return { groupId, meetingId, personId };
}

/** The application layer without HTTP, on the given store, with its read models and policies started. */
export async function commandPath(
  sqlitePath: string,
): Promise<{ context: INestApplicationContext; app: Application; target: Target }> {
  const config = loadConfig({ ...process.env, SQLITE_PATH: sqlitePath, TILNESTE_EMBEDDED_WORKER: 'false' });
  const context = await NestFactory.createApplicationContext(ApplicationModule.forConfig(config), {
    logger: ['error'],
  });
  await context.get(Policies).start();
  const app = context.get(Application);
  return { context, app, target: await setUp(app) };
}

/**
 * Two commands through the whole path an HTTP write takes after the controller (validate, rules, decide,
 * append, wait for the read models): a new commitment, then its completion.
 */
export async function makeAndComplete(
  app: Application,
  { groupId, meetingId, personId }: Target,
): Promise<void> {
  const commitmentId = randomUUID();
  // Each command's data through its schema as the API's controllers parse a body (parseInput).
  const made = parseInput(makeCommitmentData, {
    commitmentId,
    groupId,
    meetingId,
    agendaItemId: null,
    matterId: null,
    text: 'Utarbeide et notat om budsjett for neste år',
    owner: { kind: 'person', personId },
    due: { kind: 'next-meeting' },
  });
  await command(app).run('commitment', { type: 'MakeCommitment', data: made });
  await command(app).run('commitment', {
    type: 'CompleteCommitment',
    data: parseInput(completeCommitmentData, { commitmentId, note: 'Gjort' }),
  });
}

/** Commands/s of `writers` loops of `makeAndComplete` running at once (each on its own streams) for `windowMs`. */
export async function commandsPerSecond(
  app: Application,
  target: Target,
  writers: number,
  windowMs: number,
): Promise<number> {
  const started = performance.now();
  const deadline = started + windowMs;
  let commands = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < deadline) {
        await makeAndComplete(app, target);
        commands += 2;
      }
    }),
  );
  return commands / ((performance.now() - started) / 1000);
}
