import 'reflect-metadata';
import Database from 'better-sqlite3';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { completeCommitmentData, makeCommitmentData } from '@tilneste/commitments';
import { loadConfig } from '@tilneste/config';
import { Application, ApplicationModule, CommandContext, Policies } from '@tilneste/application';

const metadata = () => ({
  now: new Date().toISOString(),
  actor: { kind: 'person' as const, id: randomUUID() },
  via: 'web' as const,
  correlationId: randomUUID(),
});

const command = (app: Application) => new CommandContext(app, metadata());

/** A group, a meeting and a person for the commitments to belong to (the handler checks that they exist). */
async function setUp(app: Application) {
  const [groupId, meetingId, personId] = [randomUUID(), randomUUID(), randomUUID()];
  await command(app).run('person', { type: 'RegisterPerson', data: { personId, name: 'Kari Nordmann' } });
  await command(app).run('group', { type: 'EstablishGroup', data: { groupId, name: 'Benkegruppen' } });
  await command(app).run('meeting', {
    type: 'ScheduleMeeting',
    data: { meetingId, groupId, startsAt: '2030-01-10T09:00:00+01:00' },
  });
  return { groupId, meetingId, personId };
}

/** Commands through the whole path an HTTP write takes after the controller: validate, rules, decide, append, read models. */
async function ourCommands(app: Application, windowMs: number): Promise<number> {
  const { groupId, meetingId, personId } = await setUp(app);
  const deadline = performance.now() + windowMs;
  let commands = 0;
  const started = performance.now();
  while (performance.now() < deadline) {
    const commitmentId = randomUUID();
    const made = makeCommitmentData.parse({
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
      data: completeCommitmentData.parse({ commitmentId, note: 'Gjort' }),
    });
    commands += 2;
  }
  return commands / ((performance.now() - started) / 1000);
}

/** The same table, the same pragmas, one row per BEGIN IMMEDIATE … COMMIT: what SQLite itself allows. */
function rawInserts(db: Database.Database, windowMs: number): number {
  const insert = db.prepare(
    'INSERT INTO events (stream_name, revision, event_id, type, data, metadata, created_at) VALUES (?, 0, ?, ?, ?, ?, ?)',
  );
  const data = JSON.stringify({
    commitmentId: randomUUID(),
    groupId: randomUUID(),
    meetingId: randomUUID(),
    agendaItemId: null,
    matterId: null,
    text: 'Utarbeide et notat om budsjett for neste år',
    owner: { kind: 'person', personId: randomUUID() },
    due: { kind: 'next-meeting' },
  });
  const meta = JSON.stringify({
    actor: { kind: 'person', id: randomUUID() },
    via: 'web',
    at: new Date().toISOString(),
    command: 'MakeCommitment',
    correlationId: randomUUID(),
    causationId: null,
  });
  const one = db.transaction(() =>
    insert.run(
      `commitment-${randomUUID()}`,
      randomUUID(),
      'CommitmentMade',
      data,
      meta,
      new Date().toISOString(),
    ),
  );
  const deadline = performance.now() + windowMs;
  const started = performance.now();
  let rows = 0;
  while (performance.now() < deadline) {
    one.immediate();
    rows += 1;
  }
  return rows / ((performance.now() - started) / 1000);
}

function openRaw(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  db.exec(`CREATE TABLE IF NOT EXISTS events (global_position INTEGER PRIMARY KEY AUTOINCREMENT, stream_name TEXT NOT NULL, revision INTEGER NOT NULL,
    event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, created_at TEXT NOT NULL,
    UNIQUE (stream_name, revision), UNIQUE (stream_name, event_id))`);
  return db;
}

async function main(): Promise<void> {
  const [oursPath, rawPath, windowText, runsText] = process.argv.slice(2);
  const [windowMs, runs] = [Number(windowText), Number(runsText)];
  const config = loadConfig({ ...process.env, SQLITE_PATH: oursPath, TILNESTE_EMBEDDED_WORKER: 'false' });
  const app = await NestFactory.createApplicationContext(ApplicationModule.forConfig(config), {
    logger: ['error'],
  });
  await app.get(Policies).start();
  const bus = app.get(Application);
  const raw = openRaw(rawPath);
  await ourCommands(bus, Math.min(500, windowMs));
  rawInserts(raw, Math.min(500, windowMs));
  const ours: number[] = [];
  const baseline: number[] = [];
  // Interleaved, so a slow moment of the machine falls on both.
  for (let i = 0; i < runs; i++) {
    ours.push(await ourCommands(bus, windowMs));
    baseline.push(rawInserts(raw, windowMs));
  }
  raw.close();
  await app.close();
  process.stdout.write(`${JSON.stringify({ ours, baseline })}\n`);
}

void main();
