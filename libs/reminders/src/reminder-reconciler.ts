import { meetingOfJobId, planReminders } from './reminder-policy';
import type { ReminderQueue } from './reminder-queue.port';
import type { ReminderStateSource } from './reminder.processor';

/**
 * Re-derives the whole plan and makes the queue match it: adds what is missing (a flushed Redis, a
 * change made while Redis was down), adds again what Redis lost only in part, and removes waiting jobs of known meetings that are no longer
 * wanted. Jobs of meetings this store does not know are left alone.
 */
export async function reconcileReminders(state: ReminderStateSource, queue: ReminderQueue, now: Date) {
  await state.catchUp();
  const desired = planReminders(state.world, now);
  await queue.schedule(desired, now);
  const pending = await queue.pendingReminderIds();
  const requeued = await queue.requeueStranded(desired, new Set(pending), now);
  const wanted = new Set(desired.map((s) => s.jobId));
  const known = (id: string) => {
    const meetingId = meetingOfJobId(id);
    return !!meetingId && state.world.catalog.meetings.has(meetingId);
  };
  const stale = pending.filter((id) => !wanted.has(id) && known(id));
  await queue.unschedule(stale);
  return { scheduled: desired.length, removed: stale.length, requeued: requeued.length };
}
