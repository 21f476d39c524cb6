import type { Catalog } from '@tilneste/projections';
import { cannotRemind, planReminders } from './reminder-policy';
import type { ReminderLedger } from './reminders.projection';

/** The chair's reminder figures for a group: recorded outcomes, and what the policy still plans. */
export function reminderSummary(catalog: Catalog, ledger: ReminderLedger, groupId: string, now: Date) {
  const entries = ledger.forGroup(groupId);
  const count = (status: string) => entries.filter((e) => e.status === status).length;
  return {
    reminders: {
      sent: count('sent'),
      failed: count('failed'),
      pending: planReminders({ catalog, ledger }, now, groupId).length,
      needsAttention: count('needs-attention'),
    },
    // Depends on the catalog alone (and sorts by name with the Norwegian collation): once between writes.
    cannotRemind: catalog.derived(`cannot-remind ${groupId}`, () => cannotRemind(catalog, groupId)),
  };
}

/** Every reminder of a group: planned ones with their send time, then what happened to the others. */
export function groupReminders(catalog: Catalog, ledger: ReminderLedger, groupId: string, now: Date) {
  const name = (id: string) => catalog.people.get(id)?.name ?? null;
  const planned = planReminders({ catalog, ledger }, now, groupId).map((s) => ({
    meetingId: s.meetingId,
    recipientId: s.recipientId,
    recipientName: name(s.recipientId),
    offset: s.offset,
    version: s.version,
    status: 'pending' as const,
    sendAt: s.sendAt,
    at: null,
    reason: null,
    messageId: null,
    commitmentIds: [] as string[],
  }));
  const recorded = ledger.forGroup(groupId).map((e) => ({
    meetingId: e.meetingId,
    recipientId: e.recipientId,
    recipientName: name(e.recipientId),
    offset: e.offset,
    version: e.version,
    status: e.status,
    sendAt: null,
    at: e.at,
    reason: e.reason,
    messageId: e.messageId,
    commitmentIds: e.commitmentIds,
  }));
  return { groupId, reminders: [...planned, ...recorded] };
}
