import type { ReminderJobSpec } from './reminder-policy';

export type QueueCounts = Record<
  'waiting' | 'delayed' | 'active' | 'completed' | 'failed' | 'prioritized',
  number
>;

/** The delayed-job queue the policy's specs become; adding an id that exists is a no-op. */
export interface ReminderQueue {
  /** Adds each spec as a job due at its `sendAt` (at once when that has passed). */
  schedule(specs: ReminderJobSpec[], now: Date): Promise<void>;
  /** Removes waiting or delayed jobs; a job being processed is left alone (its processor re-checks). */
  unschedule(jobIds: string[]): Promise<void>;
  /** Ids of reminder jobs still waiting for their time. */
  pendingReminderIds(): Promise<string[]>;
  /**
   * Adds again each of these specs whose job Redis lost only in part: its record is there but it is in no list
   * (waiting, delayed, active, done), so adding its id is a no-op for ever. Keys lost one by one (a flush that
   * races the queue, eviction) leave such records. `pending` is what `pendingReminderIds` gave after the specs
   * were scheduled; only the others are looked at. Returns the ids added again.
   */
  requeueStranded(specs: ReminderJobSpec[], pending: ReadonlySet<string>, now: Date): Promise<string[]>;
  counts(): Promise<QueueCounts>;
  /** Makes sure the periodic reconcile job exists (it is lost with a flushed Redis). */
  ensureReconciler(everyMs: number): Promise<void>;
  close(): Promise<void>;
}

export const REMINDER_QUEUE = Symbol('REMINDER_QUEUE');

/** Redis is not there right now; the caller leaves the work to the reconciler. */
export class QueueUnavailableError extends Error {
  constructor(reason: string) {
    super(`Køen er ikke tilgjengelig (queue unavailable): ${reason}`);
    this.name = 'QueueUnavailableError';
  }
}
