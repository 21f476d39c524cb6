import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@tilneste/event-store';
import { inSeconds, Story } from '../testing/reminder-fixtures';
import { planReminders, type ReminderJobSpec } from './reminder-policy';
import type { QueueCounts, ReminderQueue } from './reminder-queue.port';
import { ReminderScheduler } from './reminder-scheduler.subscription';
import { reminderStream } from './reminders.events';

// A real SQLite file and a queue in memory that keeps the jobs and counts the round trips.
const dir = mkdtempSync(join(tmpdir(), 'tilneste-scheduler-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

class MemoryQueue implements ReminderQueue {
  readonly jobs = new Map<string, ReminderJobSpec>();
  calls = 0;
  async schedule(specs: ReminderJobSpec[]) {
    if (specs.length) this.calls += 1;
    for (const spec of specs) if (!this.jobs.has(spec.jobId)) this.jobs.set(spec.jobId, spec);
  }
  async unschedule(ids: string[]) {
    if (ids.length) this.calls += 1;
    for (const id of ids) this.jobs.delete(id);
  }
  async pendingReminderIds() {
    return [...this.jobs.keys()];
  }
  /** A map loses no part of a job. */
  async requeueStranded() {
    return [];
  }
  async counts(): Promise<QueueCounts> {
    return { waiting: 0, delayed: this.jobs.size, active: 0, completed: 0, failed: 0, prioritized: 0 };
  }
  async ensureReconciler() {}
  async close() {}
}

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

async function setup(name: string) {
  const store = new SqliteEventStore({ path: join(dir, `${name}.db`), pollIntervalMs: 20 });
  const queue = new MemoryQueue();
  const scheduler = new ReminderScheduler({
    store,
    checkpoints: store.checkpointStore(),
    queue,
    logger: quiet,
  });
  return { store, queue, scheduler, story: new Story(store) };
}

const planned = (scheduler: ReminderScheduler) =>
  planReminders(scheduler.world, new Date())
    .map((s) => s.jobId)
    .sort();

describe('Reminder scheduler', () => {
  describe('when it starts on events it has not seen', () => {
    it('leaves the queue as the policy says, with the changes of a burst made together', async () => {
      const { store, queue, scheduler, story } = await setup('burst');
      await story.person('kari', 'Kari Nordmann', 'kari@example.no');
      await story.person('ola', 'Ola Leder', 'ola@example.no');
      await story.group('g1', 'Faggruppe', ['PT1H', 'PT2H'], [['ola', 'chair']]);
      await story.meeting('m1', 'g1', inSeconds(3 * 3600));
      await story.commitment('c1', 'g1', 'm0', 'm1', 'kari', 'Skrive utkast');
      // Kari's jobs go with c1 and come back with c2: removed, then added again under the same ids.
      await story.complete('c1');
      await story.commitment('c2', 'g1', 'm0', 'm1', 'kari', 'Bestille møterom');
      await story.meeting('m2', 'g1', inSeconds(4 * 3600));
      await story.commitment('c3', 'g1', 'm0', 'm2', 'kari', 'Sende innkalling');
      await story.reschedule('m2', inSeconds(5 * 3600), inSeconds(4 * 3600));

      await scheduler.start();

      expect([...queue.jobs.keys()].sort()).toEqual(planned(scheduler));
      expect(queue.jobs.has('rem_m1_kari_PT1H_v1')).toBe(true);
      expect(queue.jobs.has('rem_m2_kari_PT1H_v2')).toBe(true);
      expect(queue.jobs.has('rem_m2_kari_PT1H_v1')).toBe(false);
      expect(queue.calls).toBeLessThanOrEqual(2);
      await scheduler.stop();
      await store.close();
    });
  });

  describe('when events arrive while it runs', () => {
    it('has made their queue changes once it has caught up', async () => {
      const { store, queue, scheduler, story } = await setup('live');
      await story.person('kari', 'Kari Nordmann', 'kari@example.no');
      await story.group('g1', 'Faggruppe', ['PT1H']);
      await story.meeting('m1', 'g1', inSeconds(3 * 3600));
      await scheduler.start();
      expect(queue.jobs.size).toBe(0);

      await story.commitment('c1', 'g1', 'm0', 'm1', 'kari', 'Skrive utkast');
      await scheduler.catchUp();
      expect([...queue.jobs.keys()]).toEqual(['rem_m1_kari_PT1H_v1']);
      await story.complete('c1');
      await scheduler.catchUp();
      expect(queue.jobs.size).toBe(0);
      await scheduler.stop();
      await store.close();
    });

    it('plans the notice of a move made while the reminder for the old time was being sent', async () => {
      const { store, queue, scheduler, story } = await setup('moved-while-sending');
      await story.person('kari', 'Kari Nordmann', 'kari@example.no');
      await story.group('g1', 'Faggruppe', ['PT1H']);
      const oldStart = inSeconds(1800);
      await story.meeting('m1', 'g1', oldStart);
      await story.commitment('c1', 'g1', 'm0', 'm1', 'kari', 'Skrive utkast');
      await scheduler.start();
      const key = { meetingId: 'm1', groupId: 'g1', recipientId: 'kari', offset: 'PT1H', version: 1 };
      const outcome = (type: string, extra: Record<string, unknown>) =>
        store.appendToStream(reminderStream('m1', 'kari', 'PT1H'), [
          {
            id: randomUUID(),
            type,
            data: { ...key, claimId: 'claim-1', messageId: '<m@test>', commitmentIds: ['c1'], ...extra },
            metadata: {
              at: new Date().toISOString(),
              actor: { kind: 'system', id: 'worker' },
              via: 'system',
            },
          },
        ]);
      // The worker has claimed the reminder and is sending it when the meeting moves.
      await outcome('ReminderClaimed', { leaseUntil: inSeconds(60) });
      await story.reschedule('m1', inSeconds(7200), oldStart);
      await scheduler.catchUp();
      expect(queue.jobs.has('rem_m1_kari_update_v2')).toBe(false);
      // Its outcome is stored after the move: the reminder went with the old time, so the update is due now.
      await outcome('ReminderSent', { response: '250 OK' });
      await scheduler.catchUp();
      expect(queue.jobs.get('rem_m1_kari_update_v2')).toMatchObject({ offset: 'update', version: 2 });
      await scheduler.stop();
      await store.close();
    });
  });
});
