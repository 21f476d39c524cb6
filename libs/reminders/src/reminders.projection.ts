import { unreachable } from '@tilneste/domain-kit';
import { parseRecordedEvent, type RecordedEvent } from '@tilneste/event-store';
import { codeVersion, defineReadModel, type SnapshotPart } from '@tilneste/projections';
import { extname, join } from 'node:path';
import { reminderEventSchema, type ReminderEvent } from './reminders.events';

export type ReminderStatus =
  'claimed' | 'retrying' | 'sent' | 'failed' | 'needs-attention' | 'resend-requested';

export interface ReminderEntry {
  meetingId: string;
  groupId: string;
  recipientId: string;
  offset: string;
  version: number;
  status: ReminderStatus;
  commitmentIds: string[];
  messageId: string | null;
  reason: string | null;
  at: string;
  /** Resends a person asked for after it needed attention (0: none). */
  resends: number;
  /** Who asked for the latest resend. */
  resendRequestedBy: string | null;
}

/** The "offsets" of the e-mails sent after a reminder: a cancellation, and a move. */
export const NOTICE_OFFSETS = ['cancel', 'update'] as const;
export type NoticeOffset = (typeof NOTICE_OFFSETS)[number];
export const isNoticeOffset = (offset: string): offset is NoticeOffset =>
  (NOTICE_OFFSETS as readonly string[]).includes(offset);

/** Statuses after which nothing more is sent for that version. */
export const SETTLED: ReadonlySet<ReminderStatus> = new Set(['sent', 'failed', 'needs-attention']);

export const reminderKey = (meetingId: string, recipientId: string, offset: string, version: number) =>
  `${meetingId}|${recipientId}|${offset}|v${version}`;

/**
 * The reminder read model: what happened to each reminder, and each meeting's version (1 + its moves),
 * which names the reminders of its current time. Mutated in place; replays of seen positions are skipped.
 */
export class ReminderLedger {
  readonly entries = new Map<string, ReminderEntry>();
  /** Entry keys by meeting, for the notices a cancellation or a move sends. */
  readonly byMeeting = new Map<string, Set<string>>();
  readonly meetingVersions = new Map<string, number>();
  position: bigint | undefined;

  versionOf(meetingId: string): number {
    return this.meetingVersions.get(meetingId) ?? 1;
  }

  entry(meetingId: string, recipientId: string, offset: string, version: number): ReminderEntry | undefined {
    return this.entries.get(reminderKey(meetingId, recipientId, offset, version));
  }

  isSettled(meetingId: string, recipientId: string, offset: string, version: number): boolean {
    const entry = this.entry(meetingId, recipientId, offset, version);
    return !!entry && SETTLED.has(entry.status);
  }

  /**
   * Who may have this meeting in their calendar from a reminder (sent, or perhaps delivered), with the
   * latest meeting version they got: the people a cancellation or a move must reach.
   */
  remindedAt(meetingId: string): Map<string, number> {
    const reminded = new Map<string, number>();
    for (const key of this.byMeeting.get(meetingId) ?? []) {
      const entry = this.entries.get(key)!;
      if (
        isNoticeOffset(entry.offset) ||
        (entry.status !== 'sent' && entry.status !== 'needs-attention' && entry.status !== 'resend-requested')
      )
        continue;
      reminded.set(entry.recipientId, Math.max(reminded.get(entry.recipientId) ?? 0, entry.version));
    }
    return reminded;
  }

  /** Reminders of a meeting a person asked to have sent again, not yet claimed. */
  resendsRequested(meetingId: string): ReminderEntry[] {
    return [...(this.byMeeting.get(meetingId) ?? [])]
      .map((key) => this.entries.get(key)!)
      .filter((e) => e.status === 'resend-requested');
  }

  forGroup(groupId: string): ReminderEntry[] {
    return [...this.entries.values()].filter((e) => e.groupId === groupId);
  }
}

/** Applies meeting moves and reminder events; every other event is ignored. */
export function applyToLedger(ledger: ReminderLedger, recorded: RecordedEvent): void {
  if (ledger.position !== undefined && recorded.position <= ledger.position) return;
  ledger.position = recorded.position;
  if (recorded.streamName.startsWith('meeting-')) {
    if (recorded.type === 'MeetingRescheduled') {
      const meetingId = (recorded.data as { meetingId: string }).meetingId;
      ledger.meetingVersions.set(meetingId, ledger.versionOf(meetingId) + 1);
    }
    return;
  }
  if (!recorded.streamName.startsWith('reminder-')) return;
  const event = parseRecordedEvent(reminderEventSchema, recorded);
  const at = ((recorded.metadata ?? {}) as { at?: string }).at ?? recorded.createdAt.toISOString();
  applyReminderEvent(ledger, event, at);
}

function applyReminderEvent(ledger: ReminderLedger, event: ReminderEvent, at: string): void {
  const { data } = event;
  const key = reminderKey(data.meetingId, data.recipientId, data.offset, data.version);
  const previous = ledger.entries.get(key);
  const base: ReminderEntry = previous ?? {
    meetingId: data.meetingId,
    groupId: data.groupId,
    recipientId: data.recipientId,
    offset: data.offset,
    version: data.version,
    status: 'claimed',
    commitmentIds: [],
    messageId: null,
    reason: null,
    at,
    resends: 0,
    resendRequestedBy: null,
  };
  ledger.entries.set(key, { ...base, ...changes(event), at });
  let keys = ledger.byMeeting.get(data.meetingId);
  if (!keys) ledger.byMeeting.set(data.meetingId, (keys = new Set()));
  keys.add(key);
}

function changes(event: ReminderEvent): Partial<ReminderEntry> {
  switch (event.type) {
    case 'ReminderClaimed':
      return {
        status: 'claimed',
        commitmentIds: event.data.commitmentIds,
        messageId: event.data.messageId,
        reason: null,
      };
    case 'ReminderSent':
      return {
        status: 'sent',
        commitmentIds: event.data.commitmentIds,
        messageId: event.data.messageId,
        reason: null,
      };
    case 'ReminderAttemptFailed':
      return { status: 'retrying', reason: event.data.reason };
    case 'ReminderFailed':
      return { status: 'failed', reason: event.data.reason };
    case 'ReminderNeedsAttention':
      return { status: 'needs-attention', reason: event.data.reason };
    case 'ReminderResendRequested':
      return {
        status: 'resend-requested',
        resends: event.data.resend,
        resendRequestedBy: event.data.requestedBy,
      };
    default:
      return unreachable(event);
  }
}

/** The ledger's part in the read models' snapshot; its version follows this file and the reminder events. */
export function ledgerSnapshotPart(ledger: ReminderLedger): SnapshotPart {
  const ext = extname(__filename);
  return {
    name: 'reminder-ledger',
    version: codeVersion(
      join(__dirname, `reminders.projection${ext}`),
      join(__dirname, `reminders.events${ext}`),
    ),
    take: () => ({
      entries: ledger.entries,
      meetingVersions: ledger.meetingVersions,
      position: ledger.position,
    }),
    restore: (state) => {
      const saved = state as Pick<ReminderLedger, 'entries' | 'meetingVersions' | 'position'>;
      ledger.entries.clear();
      for (const [key, entry] of saved.entries) ledger.entries.set(key, entry);
      ledger.meetingVersions.clear();
      for (const [key, version] of saved.meetingVersions) ledger.meetingVersions.set(key, version);
      ledger.position = saved.position;
    },
  };
}

/** The ledger as a read model of the API's host, saved in its snapshots (and rebuilt by its snapshot worker). */
export const reminderLedgerReadModel = defineReadModel(__filename, 'reminder-ledger', () => {
  const ledger = new ReminderLedger();
  return { state: ledger, apply: (event) => applyToLedger(ledger, event), part: ledgerSnapshotPart(ledger) };
});
