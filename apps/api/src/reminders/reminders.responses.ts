import { z } from 'zod';

/** `GET /groups/:id/reminders`: planned reminders with their send time, then what happened to the others. */
export const groupRemindersResponse = z.object({
  groupId: z.string(),
  reminders: z.array(
    z.object({
      meetingId: z.string(),
      recipientId: z.string(),
      recipientName: z.string().nullable(),
      offset: z.string(),
      version: z.number().int(),
      status: z.enum([
        'pending',
        'claimed',
        'retrying',
        'sent',
        'failed',
        'needs-attention',
        'resend-requested',
      ]),
      sendAt: z.string().nullable(),
      at: z.string().nullable(),
      reason: z.string().nullable(),
      messageId: z.string().nullable(),
      commitmentIds: z.array(z.string()),
    }),
  ),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type GroupRemindersResponse = z.infer<typeof groupRemindersResponse>;

const count = z.number().int();
/** `GET /reminders/queue`: job counts in Redis, or `counts: null` when Redis is down. */
export const reminderQueueResponse = z.object({
  redis: z.enum(['up', 'down']),
  prefix: z.string(),
  counts: z
    .object({
      waiting: count,
      delayed: count,
      active: count,
      completed: count,
      failed: count,
      prioritized: count,
    })
    .nullable(),
});
export type ReminderQueueResponse = z.infer<typeof reminderQueueResponse>;
