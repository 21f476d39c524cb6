import { randomUUID } from 'node:crypto';
import { DomainError, type CommandMetadata } from '@tilneste/domain-kit';
import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  parseRecordedEvent,
  toEventToAppend,
  type EventStore,
  type JsonObject,
} from '@tilneste/event-store';
import { z } from 'zod';
import { decideResend, emptyReminderStream, evolveReminderStream } from './reminder-claim.policy';
import { reminderEventSchema, reminderStream, type ReminderEvent } from './reminders.events';

/** A person's "send again" for one reminder version, as the API and the page take it. */
export const requestReminderResendData = z.strictObject({
  meetingId: z.string().trim().min(1).max(100),
  recipientId: z.string().trim().min(1).max(100),
  offset: z.string().trim().min(1).max(20),
  version: z.coerce.number().int().positive().max(10_000),
  /** What the person checked, e.g. "not in the mail log". */
  note: z
    .string()
    .trim()
    .max(1000)
    .transform((text) => (text === '' ? null : text))
    .nullish(),
});
export type RequestReminderResend = z.output<typeof requestReminderResendData>;

export const reminderErrors = {
  notFound: (stream: string) =>
    new DomainError('REMINDER.NOT_FOUND', `Fant ingen påminnelse ${stream} (no such reminder)`, 'not_found'),
  notNeedingAttention: (status: string) =>
    new DomainError(
      'REMINDER.NOT_NEEDING_ATTENTION',
      `Påminnelsen trenger ikke oppfølging (status ${status}); bare en som trenger oppfølging kan sendes igjen (only a reminder needing attention can be sent again)`,
      'conflict',
    ),
};

/**
 * Records that a person asked for a reminder needing attention to be sent again. It sends nothing: the
 * worker's plan sees the request and queues one job, whose claim (by expected revision) makes it one send.
 * Refused unless the version needs attention now, so a second click, or a resend already claimed or sent,
 * records nothing.
 */
export async function requestReminderResend(
  store: EventStore,
  input: RequestReminderResend,
  meta: CommandMetadata,
): Promise<{ stream: string; resend: number; revision: bigint; position: bigint }> {
  const stream = reminderStream(input.meetingId, input.recipientId, input.offset);
  let state = emptyReminderStream();
  let last: ReminderEvent | undefined;
  try {
    for await (const recorded of store.readStream(stream)) {
      last = parseRecordedEvent(reminderEventSchema, recorded);
      state = evolveReminderStream(state, last, recorded.revision);
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  if (!last) throw reminderErrors.notFound(stream);
  const decision = decideResend(state, input.version);
  if (decision.kind === 'refused') throw reminderErrors.notNeedingAttention(decision.status);
  const { meetingId, groupId, recipientId, offset } = last.data;
  const event: ReminderEvent = {
    type: 'ReminderResendRequested',
    data: {
      meetingId,
      groupId,
      recipientId,
      offset,
      version: input.version,
      requestedBy: meta.actor.id,
      resend: decision.resend,
      note: input.note ?? null,
    },
  };
  const metadata: JsonObject = {
    actor: meta.actor,
    via: meta.via,
    at: meta.now,
    command: 'RequestReminderResend',
    correlationId: meta.correlationId,
    causationId: meta.causationId ?? null,
  };
  try {
    const result = await store.appendToStream(
      stream,
      [toEventToAppend(reminderEventSchema, stream, event, { id: randomUUID(), metadata })],
      { expectedRevision: decision.expectedRevision },
    );
    return {
      stream,
      resend: decision.resend,
      revision: result.nextExpectedRevision,
      position: result.position,
    };
  } catch (error) {
    // Someone else's request (or the worker) got there first: this one asked for what is no longer so.
    if (error instanceof WrongExpectedVersionError) throw reminderErrors.notNeedingAttention('changed');
    throw error;
  }
}
