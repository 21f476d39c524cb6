// The application in its own process, for the carry-over crash test: `node --import tsx carry-over.child.ts MODE`.
// `hold`: sets up a group whose meeting has commitments due at it, holds the meeting without the carry-over
// policy running, and SIGKILLs itself right after MeetingHeld is stored. `recover`: starts with the policy,
// waits until it has caught up, and prints what the read models then hold.
import { randomUUID } from 'node:crypto';
import type { Actor } from '@tilneste/domain-kit';
import { SqliteEventStore } from '@tilneste/event-store';
import { ReadModelHost } from '@tilneste/projections';
import { Application, CommandContext } from '../src';
import { startCarryOver } from './start-carry-over';

const ADMIN: Actor = { kind: 'client', id: 'admin' };

async function main(mode: string): Promise<void> {
  const store = new SqliteEventStore({ path: process.env.SQLITE_PATH!, pollIntervalMs: 20 });
  const readModels = new ReadModelHost(store);
  await readModels.start();
  const app = new Application(store, readModels, () => readModels.catalog);
  const ctx = () => CommandContext.start(app, ADMIN, 'api');
  if (mode === 'hold') {
    const [personId, groupId, march, june] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await ctx().run('person', { type: 'RegisterPerson', data: { personId, name: 'Kari Nordmann' } });
    await ctx().run('group', { type: 'EstablishGroup', data: { groupId, name: 'Kulturutvalget' } });
    for (const [meetingId, startsAt] of [
      [march, '2026-03-12T09:00:00+01:00'],
      [june, '2026-06-11T09:00:00+02:00'],
    ]) {
      await ctx().run('meeting', { type: 'ScheduleMeeting', data: { meetingId, groupId, startsAt } });
    }
    const make = async (due: { kind: 'meeting'; meetingId: string }, text: string) => {
      const commitmentId = randomUUID();
      await ctx().run('commitment', {
        type: 'MakeCommitment',
        data: { commitmentId, groupId, meetingId: march, text, owner: { kind: 'person', personId }, due },
      });
      return commitmentId;
    };
    const dueAtMarch = [
      await make({ kind: 'meeting', meetingId: march }, 'Skrive et utkast til høringssvar'),
      await make({ kind: 'meeting', meetingId: march }, 'Innhente tilbud på lokaler'),
      await make({ kind: 'meeting', meetingId: march }, 'Lage budsjett for festivalen'),
    ];
    const done = await make({ kind: 'meeting', meetingId: march }, 'Sende ut innkallingen');
    await ctx().run('commitment', { type: 'CompleteCommitment', data: { commitmentId: done, note: null } });
    const later = await make({ kind: 'meeting', meetingId: june }, 'Rapportere fra arbeidet');
    process.stdout.write(`${JSON.stringify({ march, dueAtMarch, notDue: [done, later] })}\n`);
    await ctx().run('meeting', { type: 'HoldMeeting', data: { meetingId: march } });
    process.kill(process.pid, 'SIGKILL');
    return;
  }
  const policy = await startCarryOver(app, store, readModels);
  const commitments = [...readModels.catalog.commitments.values()].map((c) => ({
    id: c.id,
    carriedOver: c.carriedOver,
    anchorMeetingId: c.anchorMeetingId,
  }));
  await policy.stop();
  await readModels.beforeApplicationShutdown();
  await store.close();
  process.stdout.write(`${JSON.stringify({ commitments })}\n`);
}

void main(process.argv[2]);
