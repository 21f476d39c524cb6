import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  parseRecordedEvent,
  toEventToAppend,
  type EventStore,
  type JsonObject,
} from '@tilneste/event-store';
import {
  decideClaim,
  emptyReminderStream,
  evolveReminderStream,
  type ReminderStreamState,
} from './reminder-claim.policy';
import { composeReminder, type ComposeOptions } from './reminder-compose';
import type { ReminderJobData, ReminderWorld } from './reminder-policy';
import { reminderEventSchema, reminderStream, type ReminderEvent } from './reminders.events';
import type { Mailer, SendOutcome } from './mailer.port';

const EVENT_NAMESPACE = 'b7a1f0c4-2d3e-4f5a-9b8c-7d6e5f4a3b2c';

/** The state the processor decides on, and a way to make sure it includes every write so far. */
export interface ReminderStateSource {
  readonly world: ReminderWorld;
  catchUp(): Promise<void>;
}

export interface ProcessorOptions extends ComposeOptions {
  /** How long a claim protects a send in progress; longer than every SMTP timeout together. */
  leaseMs: number;
}

export interface JobRun {
  data: ReminderJobData;
  /** 1 for the first try. */
  attempt: number;
  maxAttempts: number;
}

export type ProcessResult =
  | { kind: 'skipped'; reason: string }
  | { kind: 'sent'; messageId: string }
  /** Try again later with backoff: nothing was delivered. */
  | { kind: 'retry'; reason: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'needs-attention'; reason: string };

/**
 * Sends one reminder at most once: reload the state, skip what is superseded or empty, claim the send
 * on the reminder's own stream with an expected revision, send, record the outcome.
 */
export class ReminderProcessor {
  constructor(
    private readonly store: EventStore,
    private readonly state: ReminderStateSource,
    private readonly mailer: Mailer,
    private readonly options: ProcessorOptions,
    private readonly clock: () => Date = () => new Date(),
    private readonly onSend: (outcome: SendOutcome) => void = () => undefined,
  ) {}

  async process(run: JobRun): Promise<ProcessResult> {
    await this.state.catchUp();
    const now = this.clock();
    const composed = composeReminder(this.state.world, run.data, now, this.options);
    if (composed.kind === 'skip') return { kind: 'skipped', reason: composed.reason };
    const stream = reminderStream(run.data.meetingId, run.data.recipientId, run.data.offset);
    const history = await this.load(stream);
    const decision = decideClaim(history, run.data.version, now);
    if (decision.kind === 'settled') return { kind: 'skipped', reason: `already ${decision.status}` };
    if (decision.kind === 'busy')
      return { kind: 'retry', reason: `claimed by another worker until ${decision.until}` };
    if (decision.kind === 'orphaned') {
      const reason =
        'claimed without outcome: the worker stopped around the send; look for the Message-ID in the mail log';
      await this.record(stream, run, decision.claimId, {
        type: 'ReminderNeedsAttention',
        data: { ...this.key(run), claimId: decision.claimId, messageId: decision.messageId, reason },
      });
      return { kind: 'needs-attention', reason };
    }
    // Laid out before the claim, so the claim's lease covers the SMTP send alone; a claim made by someone
    // else meanwhile makes the append below fail on its expected revision.
    const email = await composed.render();
    const claimId = randomUUID();
    try {
      await this.store.appendToStream(
        stream,
        [
          this.toAppend(stream, run, claimId, claimId, {
            type: 'ReminderClaimed',
            data: {
              ...this.key(run),
              claimId,
              messageId: composed.messageId,
              commitmentIds: composed.commitmentIds,
              leaseUntil: new Date(this.clock().getTime() + this.options.leaseMs).toISOString(),
            },
          }),
        ],
        { expectedRevision: history.revision ?? 'no_stream' },
      );
    } catch (error) {
      if (error instanceof WrongExpectedVersionError)
        return { kind: 'retry', reason: 'another worker claimed it first' };
      throw error;
    }
    const outcome = await this.mailer.send({
      from: this.options.from,
      to: composed.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: composed.messageId,
      headers: composed.headers,
      attachments: composed.attachments,
    });
    this.onSend(outcome);
    return this.settle(stream, run, claimId, composed.messageId, composed.commitmentIds, outcome);
  }

  private async settle(
    stream: string,
    run: JobRun,
    claimId: string,
    messageId: string,
    commitmentIds: string[],
    outcome: SendOutcome,
  ): Promise<ProcessResult> {
    const key = { ...this.key(run), claimId };
    switch (outcome.kind) {
      case 'sent':
        await this.record(stream, run, claimId, {
          type: 'ReminderSent',
          data: { ...key, messageId, commitmentIds, response: outcome.response },
        });
        return { kind: 'sent', messageId };
      case 'ambiguous': {
        const reason = `connection lost after the message was handed over (${outcome.reason}); it may have arrived`;
        await this.record(stream, run, claimId, {
          type: 'ReminderNeedsAttention',
          data: { ...key, messageId, reason },
        });
        return { kind: 'needs-attention', reason };
      }
      case 'rejected':
      case 'unreachable': {
        const reason = outcome.kind === 'rejected' ? outcome.response : outcome.reason;
        const permanent = outcome.kind === 'rejected' && outcome.permanent;
        if (permanent || run.attempt >= run.maxAttempts) {
          const why = permanent ? reason : `gave up after ${run.attempt} attempts: ${reason}`;
          await this.record(stream, run, claimId, {
            type: 'ReminderFailed',
            data: { ...key, messageId, reason: why, permanent },
          });
          return { kind: 'failed', reason: why };
        }
        await this.record(stream, run, claimId, {
          type: 'ReminderAttemptFailed',
          data: { ...key, reason, attempt: run.attempt },
        });
        return { kind: 'retry', reason };
      }
    }
  }

  private key(run: JobRun) {
    const { meetingId, groupId, recipientId, offset, version } = run.data;
    return { meetingId, groupId, recipientId, offset, version };
  }

  /** Outcomes are facts about our own claim: deterministic ids make a repeated append harmless. */
  private async record(stream: string, run: JobRun, claimId: string, event: ReminderEvent): Promise<void> {
    const id = uuidv5(`${stream}/${claimId}/${event.type}`, EVENT_NAMESPACE);
    await this.store.appendToStream(stream, [this.toAppend(stream, run, id, claimId, event)], {
      expectedRevision: 'any',
    });
  }

  private toAppend(stream: string, run: JobRun, id: string, claimId: string, event: ReminderEvent) {
    const metadata: JsonObject = {
      actor: { kind: 'system', id: 'reminder-worker' },
      via: 'system',
      at: this.clock().toISOString(),
      command: 'SendReminder',
      correlationId: claimId,
      causationId: null,
      attempt: run.attempt,
    };
    return toEventToAppend(reminderEventSchema, stream, event, { id, metadata });
  }

  private async load(stream: string): Promise<ReminderStreamState> {
    let state = emptyReminderStream();
    try {
      for await (const recorded of this.store.readStream(stream)) {
        state = evolveReminderStream(
          state,
          parseRecordedEvent(reminderEventSchema, recorded),
          recorded.revision,
        );
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return state;
  }
}
