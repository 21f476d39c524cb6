import { randomUUID } from 'node:crypto';
import { commitmentEventSchema, type CommitmentEvent } from '@tilneste/commitments';
import { toEventToAppend, type DomainEvent, type EventStore } from '@tilneste/event-store';
import { groupEventSchema, type GroupEvent } from '@tilneste/groups';
import { meetingEventSchema, type MeetingEvent } from '@tilneste/meetings';
import { personEventSchema, type PersonEvent, type RecordedReminderPreferences } from '@tilneste/people';
import type { z } from 'zod';
import { ReminderEngine, type ReminderEngineOptions } from '../src/reminder-engine';

const at = (ms = Date.now()) => new Date(ms).toISOString();
export const inSeconds = (s: number, from = Date.now()) => new Date(from + s * 1000).toISOString();

/** Writes domain events straight to the store, as the command handlers would have. */
export class Story {
  constructor(readonly store: EventStore) {}

  private async append<S extends z.ZodType<DomainEvent>>(schema: S, stream: string, event: z.input<S>) {
    return this.store.appendToStream(stream, [
      toEventToAppend(schema, stream, event, {
        id: randomUUID(),
        metadata: { at: at(), actor: { kind: 'client', id: 'test' }, via: 'api' },
      }),
    ]);
  }

  person(personId: string, name: string, email: string | null) {
    return this.append(personEventSchema, `person-${personId}`, {
      type: 'PersonRegistered',
      data: { personId, name, email, organisation: null },
    } satisfies PersonEvent);
  }

  preferences(personId: string, preferences: RecordedReminderPreferences) {
    return this.append(personEventSchema, `person-${personId}`, {
      type: 'ReminderPreferencesSet',
      data: { personId, preferences, source: 'page' },
    } satisfies PersonEvent);
  }

  async group(
    groupId: string,
    name: string,
    offsets: string[],
    members: [string, 'member' | 'chair' | 'secretariat'][] = [],
  ) {
    const stream = `group-${groupId}`;
    const events: GroupEvent[] = [
      { type: 'GroupEstablished', data: { groupId, name, timeZone: 'Europe/Oslo' } },
      { type: 'ReminderPolicySet', data: { groupId, offsets } },
      ...members.map(([personId, role]) => ({
        type: 'MemberJoined' as const,
        data: { groupId, personId, role },
      })),
    ];
    for (const event of events) await this.append(groupEventSchema, stream, event);
  }

  meeting(meetingId: string, groupId: string, startsAt: string, title = 'Møte i faggruppen') {
    return this.append(meetingEventSchema, `meeting-${meetingId}`, {
      type: 'MeetingScheduled',
      data: {
        meetingId,
        groupId,
        title,
        startsAt,
        endsAt: null,
        location: 'Fylkeshuset, møterom 3',
        online: false,
      },
    } satisfies MeetingEvent);
  }

  reschedule(meetingId: string, startsAt: string, previousStartsAt: string) {
    return this.append(meetingEventSchema, `meeting-${meetingId}`, {
      type: 'MeetingRescheduled',
      data: { meetingId, startsAt, endsAt: null, previousStartsAt },
    } satisfies MeetingEvent);
  }

  cancel(meetingId: string) {
    return this.append(meetingEventSchema, `meeting-${meetingId}`, {
      type: 'MeetingCancelled',
      data: { meetingId, reason: null },
    } satisfies MeetingEvent);
  }

  /** A commitment made at `madeAt`, due at `dueMeetingId`, owned by a person. */
  commitment(
    commitmentId: string,
    groupId: string,
    madeAt: string,
    dueMeetingId: string,
    personId: string,
    text: string,
  ) {
    return this.append(commitmentEventSchema, `commitment-${commitmentId}`, {
      type: 'CommitmentMade',
      data: {
        commitmentId,
        groupId,
        meetingId: madeAt,
        agendaItemId: null,
        matterId: null,
        text,
        owner: { kind: 'person', personId },
        due: { kind: 'meeting', meetingId: dueMeetingId },
      },
    } satisfies CommitmentEvent);
  }

  complete(commitmentId: string) {
    return this.append(commitmentEventSchema, `commitment-${commitmentId}`, {
      type: 'CommitmentCompleted',
      data: { commitmentId, note: null },
    } satisfies CommitmentEvent);
  }
}

/** Short timings for tests: retries in fractions of a second, a lease of a second, quick stall checks. */
export function testEngine(
  options: Pick<ReminderEngineOptions, 'store' | 'checkpoints' | 'smtpUrl' | 'queuePrefix'> &
    Partial<ReminderEngineOptions>,
) {
  const say = (m: string) => process.env.DEBUG_REMINDERS && process.stderr.write(`${m}\n`);
  const quiet = { log: say, warn: say, error: say };
  return new ReminderEngine({
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    mailFrom: 'Tilneste <tilneste@test.local>',
    publicUrl: 'http://localhost:3000',
    linkSecret: 'test-link-secret-0123456789',
    reconcileEveryMs: 60_000,
    attempts: 6,
    backoffMs: 200,
    leaseMs: 1_000,
    lockDurationMs: 1_500,
    stalledIntervalMs: 500,
    smtp: { connectionTimeoutMs: 2_000, greetingTimeoutMs: 2_000, socketTimeoutMs: 5_000 },
    logger: quiet,
    ...options,
  });
}

/** Polls `check` until it holds; `what` may be a function, to name the state at the time it gave up. */
export const until = async (
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  what: string | (() => string) = 'condition',
) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
