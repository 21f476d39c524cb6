import { z } from 'zod';

const id = z.string().min(1);
const instant = z.iso.datetime({ offset: true });

/** What every reminder event names: one reminder is one (meeting, recipient, offset) at one meeting version. */
const reminderKey = {
  meetingId: id,
  groupId: id,
  recipientId: id,
  /** ISO 8601 duration before the meeting, e.g. `P7D`. */
  offset: z.string().min(1),
  /** 1 + the number of times the meeting was moved; a move makes a new reminder. */
  version: z.number().int().positive(),
};

/** A worker took the send: only one claim per version can win, by the stream's expected revision. */
export const reminderClaimed = z.object({
  type: z.literal('ReminderClaimed'),
  data: z.object({
    ...reminderKey,
    claimId: id,
    messageId: z.string().min(1),
    commitmentIds: z.array(id),
    /** Until then the claimer is presumed alive and sending; after it, a claim without outcome is orphaned. */
    leaseUntil: instant,
  }),
});

export const reminderSent = z.object({
  type: z.literal('ReminderSent'),
  data: z.object({
    ...reminderKey,
    claimId: id,
    messageId: z.string().min(1),
    commitmentIds: z.array(id),
    response: z.string(),
  }),
});

/** Nothing was delivered and the claim is released, so a later attempt may claim again. */
export const reminderAttemptFailed = z.object({
  type: z.literal('ReminderAttemptFailed'),
  data: z.object({ ...reminderKey, claimId: id, reason: z.string(), attempt: z.number().int().positive() }),
});

/** Final: nothing was delivered and nothing more will be tried. */
export const reminderFailed = z.object({
  type: z.literal('ReminderFailed'),
  data: z.object({
    ...reminderKey,
    claimId: id.nullable(),
    messageId: z.string().nullable(),
    reason: z.string(),
    permanent: z.boolean(),
  }),
});

/** Final: the message may or may not have been delivered; a person must look (by its Message-ID). */
export const reminderNeedsAttention = z.object({
  type: z.literal('ReminderNeedsAttention'),
  data: z.object({
    ...reminderKey,
    claimId: id.nullable(),
    messageId: z.string().nullable(),
    reason: z.string(),
  }),
});

/**
 * A person looked at a reminder needing attention (by its Message-ID) and found it did not arrive: the
 * same message may be claimed and sent once more. Never recorded by the worker, only by a person.
 */
export const reminderResendRequested = z.object({
  type: z.literal('ReminderResendRequested'),
  data: z.object({
    ...reminderKey,
    /** The person who asked, as the actor in the metadata; kept here so the ledger can name them. */
    requestedBy: id,
    /** 1 for the first resend of this version, and so on: it makes the resend's job id. */
    resend: z.number().int().positive(),
    note: z.string().max(1000).nullable(),
  }),
});

/** Every event of a `reminder-<meeting>-<recipient>-<offset>` stream. */
export const reminderEventSchema = z.discriminatedUnion('type', [
  reminderClaimed,
  reminderSent,
  reminderAttemptFailed,
  reminderFailed,
  reminderNeedsAttention,
  reminderResendRequested,
]);

export type ReminderEvent = z.infer<typeof reminderEventSchema>;
export type ReminderClaimed = z.infer<typeof reminderClaimed>;
export type ReminderSent = z.infer<typeof reminderSent>;
export type ReminderAttemptFailed = z.infer<typeof reminderAttemptFailed>;
export type ReminderFailed = z.infer<typeof reminderFailed>;
export type ReminderNeedsAttention = z.infer<typeof reminderNeedsAttention>;
export type ReminderResendRequested = z.infer<typeof reminderResendRequested>;

/** The stream of one reminder across meeting versions. */
export const reminderStream = (meetingId: string, recipientId: string, offset: string) =>
  `reminder-${meetingId}-${recipientId}-${offset}`;

export const REMINDER_STREAM_PREFIX = 'reminder-';
