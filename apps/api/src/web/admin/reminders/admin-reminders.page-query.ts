import { DEFAULT_REMINDER_OFFSETS } from '@tilneste/groups';
import { survivingPersonId, type Catalog } from '@tilneste/projections';
import { groupReminders, type ReminderLedger } from '@tilneste/reminders';

export type ReminderRowStatus =
  'pending' | 'claimed' | 'retrying' | 'sent' | 'failed' | 'needs-attention' | 'resend-requested';

export interface ReminderRow {
  meetingId: string;
  meetingLabel: { title: string | null; startsAt: string | null };
  recipientId: string;
  recipientName: string | null;
  offset: string;
  version: number;
  status: ReminderRowStatus;
  /** When it goes (planned) or when its latest outcome was recorded. */
  when: string | null;
  reason: string | null;
  messageId: string | null;
  requestedBy: string | null;
}

export interface AdminRemindersPage {
  group: { id: string; name: string };
  /** The group's own offsets, or null while it has the default. */
  offsets: string[] | null;
  defaultOffsets: readonly string[];
  rows: ReminderRow[];
}

/** A group's reminder policy and every reminder, planned or recorded, as the secretariat's page shows them. */
export function adminRemindersPage(
  catalog: Catalog,
  ledger: ReminderLedger,
  groupId: string,
  now: Date,
): AdminRemindersPage {
  const group = catalog.groups.get(groupId)!;
  const { reminders } = groupReminders(catalog, ledger, groupId, now);
  const name = (id: string) => catalog.people.get(survivingPersonId(catalog, id))?.name ?? null;
  const rows = reminders.map((r): ReminderRow => {
    const meeting = catalog.meetings.get(r.meetingId);
    const entry =
      r.status === 'pending' ? undefined : ledger.entry(r.meetingId, r.recipientId, r.offset, r.version);
    return {
      meetingId: r.meetingId,
      meetingLabel: { title: meeting?.title ?? null, startsAt: meeting?.startsAt ?? null },
      recipientId: r.recipientId,
      recipientName: name(r.recipientId),
      offset: r.offset,
      version: r.version,
      status: r.status,
      when: r.sendAt ?? r.at,
      reason: r.reason,
      messageId: r.messageId,
      requestedBy: entry?.resendRequestedBy ? name(entry.resendRequestedBy) : null,
    };
  });
  // Newest first within each list, planned ones soonest first.
  rows.sort((a, b) =>
    a.status === 'pending'
      ? (a.when ?? '').localeCompare(b.when ?? '')
      : (b.when ?? '').localeCompare(a.when ?? ''),
  );
  return {
    group: { id: group.id, name: group.name },
    offsets: group.reminderOffsets,
    defaultOffsets: DEFAULT_REMINDER_OFFSETS,
    rows,
  };
}
