import { DEFAULT_REMINDER_OFFSETS, GROUP_TIME_ZONE } from '@tilneste/groups';
import {
  answerableFor,
  followUpsAt,
  reachableByEmail,
  type Catalog,
  type MeetingView,
} from '@tilneste/projections';
import { reminderSendTime } from './reminder-send-time';
import { preferencesOf } from './reminder-preferences';
import type { NoticeOffset, ReminderLedger } from './reminders.projection';

/** Everything the policy reads: the domain catalog and the reminder ledger, both plain in-memory views. */
export interface ReminderWorld {
  catalog: Catalog;
  ledger: ReminderLedger;
}

/** One delayed job that should exist. */
export interface ReminderJobSpec {
  jobId: string;
  meetingId: string;
  groupId: string;
  recipientId: string;
  offset: string;
  version: number;
  /** ISO instant. */
  sendAt: string;
}

export type ReminderJobData = Omit<ReminderJobSpec, 'jobId'>;

// BullMQ ids may not contain ':'; '_' separates the parts, so both are escaped inside a part.
const escapePart = (part: string) =>
  part.replace(/[%:_]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `rem_<meeting>_<recipient>_<offset>_v<n>`: the same reminder always gets the same id, a moved meeting a
 * new one; the n-th resend a person asked for adds `_r<n>`, since the first job's id is kept for a month.
 */
export const reminderJobId = (
  meetingId: string,
  recipientId: string,
  offset: string,
  version: number,
  resend = 0,
) =>
  `rem_${escapePart(meetingId)}_${escapePart(recipientId)}_${escapePart(offset)}_v${version}${resend > 0 ? `_r${resend}` : ''}`;

/** The meeting id inside a reminder job id, or null for any other id. */
export function meetingOfJobId(jobId: string): string | null {
  const match = /^rem_([^_]+)_[^_]+_[^_]+_v\d+(?:_r\d+)?$/.exec(jobId);
  return match ? decodeURIComponent(match[1]) : null;
}

/** The offsets a group's reminders go at: its own policy, or a week and a day before. */
export const offsetsOf = (catalog: Catalog, groupId: string): readonly string[] =>
  catalog.groups.get(groupId)?.reminderOffsets ?? DEFAULT_REMINDER_OFFSETS;

export const chairsOf = (catalog: Catalog, groupId: string): string[] =>
  [...(catalog.groups.get(groupId)?.members ?? new Map<string, string>())]
    .filter(([, role]) => role === 'chair')
    .map(([id]) => id);

/** Everyone who should hear about a meeting: those who owe something, and the chair for the digest unless they opted out. */
export function recipientsOf(catalog: Catalog, meeting: MeetingView): string[] {
  const due = followUpsAt(catalog, meeting);
  if (due.length === 0) return [];
  const people = new Set<string>(due.flatMap((c) => answerableFor(catalog, c)));
  for (const chair of chairsOf(catalog, meeting.groupId))
    if (preferencesOf(catalog, chair).chairDigest) people.add(chair);
  return [...people].sort();
}

const hasEmail = (catalog: Catalog, personId: string) => reachableByEmail(catalog.people.get(personId));

/** Meetings whose reminders or notices may still matter at `now`: not held and not yet started. */
export function upcomingMeetings(catalog: Catalog, now: Date, groupId?: string): MeetingView[] {
  const groups = groupId ? [catalog.groups.get(groupId)].filter((g) => !!g) : [...catalog.groups.values()];
  return groups.flatMap((group) =>
    group.meetingIds
      .map((id) => catalog.meetings.get(id)!)
      .filter((m) => m.status !== 'held' && Date.parse(m.startsAt) > now.getTime()),
  );
}

/** The offsets a person's preferences let through: all, only the one closest to the meeting, or none. */
export function offsetsFor<T extends { offset: string; sendAt: Date | string }>(
  catalog: Catalog,
  personId: string,
  timed: readonly T[],
): readonly T[] {
  const { reminders } = preferencesOf(catalog, personId);
  if (reminders === 'all') return timed;
  if (reminders === 'none') return [];
  const last = [...timed].sort((a, b) => new Date(b.sendAt).getTime() - new Date(a.sendAt).getTime())[0];
  return last ? [last] : [];
}

/**
 * The pure reminder policy for one meeting: which delayed jobs should exist at `now`. One job per
 * recipient with an e-mail address and offset, unless that reminder is already settled for the meeting's
 * current version. Of the send times already passed (a late commitment, a Redis that was down), only
 * the latest is kept, so a recipient gets one late reminder, not a burst; once that one is settled, an
 * earlier passed one does not come back in its place.
 */
export function planMeetingReminders(world: ReminderWorld, meetingId: string, now: Date): ReminderJobSpec[] {
  const { catalog, ledger } = world;
  const meeting = catalog.meetings.get(meetingId);
  const startsAt = meeting ? Date.parse(meeting.startsAt) : Number.NaN;
  if (!meeting || meeting.status === 'held' || startsAt <= now.getTime()) return [];
  const resends = planResends(world, meeting, now);
  if (meeting.status === 'cancelled') return [...planMeetingNotices(world, meeting, now, []), ...resends];
  // Send times depend on the meeting and the offset only: worked out once, not once per recipient.
  const timed = offsetsOf(catalog, meeting.groupId)
    .map((offset) => ({ offset, sendAt: reminderSendTime(meeting.startsAt, offset, GROUP_TIME_ZONE) }))
    .filter((t): t is { offset: string; sendAt: Date } => !!t.sendAt && t.sendAt.getTime() < startsAt);
  const latestPassed = timed
    .filter((t) => t.sendAt.getTime() <= now.getTime())
    .sort((a, b) => b.sendAt.getTime() - a.sendAt.getTime())[0];
  const due = timed.filter((t) => t.sendAt.getTime() > now.getTime() || t === latestPassed);
  const version = ledger.versionOf(meeting.id);
  const specs: ReminderJobSpec[] = [];
  for (const recipientId of due.length
    ? recipientsOf(catalog, meeting).filter((id) => hasEmail(catalog, id))
    : []) {
    const allowed = offsetsFor(catalog, recipientId, timed);
    for (const t of due) {
      if (!allowed.includes(t)) continue;
      const { offset } = t;
      const sendAt = t.sendAt.toISOString();
      if (
        ledger.isSettled(meeting.id, recipientId, offset, version) ||
        resendRequested(ledger, meeting.id, recipientId, offset, version)
      )
        continue;
      specs.push({
        jobId: reminderJobId(meeting.id, recipientId, offset, version),
        meetingId: meeting.id,
        groupId: meeting.groupId,
        recipientId,
        offset,
        version,
        sendAt,
      });
    }
  }
  return [...specs, ...planMeetingNotices(world, meeting, now, specs), ...resends];
}

const resendRequested = (
  ledger: ReminderLedger,
  meetingId: string,
  recipientId: string,
  offset: string,
  version: number,
) => ledger.entry(meetingId, recipientId, offset, version)?.status === 'resend-requested';

/**
 * Reminders a person asked to have sent again after they needed attention: one job each, at once, under
 * an id of its own. Only for the meeting's current version: a moved meeting has its own reminders.
 */
export function planResends(world: ReminderWorld, meeting: MeetingView, now: Date): ReminderJobSpec[] {
  const version = world.ledger.versionOf(meeting.id);
  return world.ledger
    .resendsRequested(meeting.id)
    .filter((e) => e.version === version)
    .map((e) => ({
      jobId: reminderJobId(meeting.id, e.recipientId, e.offset, e.version, e.resends),
      meetingId: meeting.id,
      groupId: meeting.groupId,
      recipientId: e.recipientId,
      offset: e.offset,
      version: e.version,
      sendAt: now.toISOString(),
    }))
    .sort((a, b) => a.jobId.localeCompare(b.jobId));
}

/**
 * Who must hear that a meeting they were reminded of is cancelled or has moved: one notice per
 * recipient and meeting version, sent at once. A move needs none for someone whose reminder for the new
 * time goes out now anyway (it carries the new time), nor for someone who already got the new time.
 */
export function planMeetingNotices(
  world: ReminderWorld,
  meeting: MeetingView,
  now: Date,
  reminders: readonly ReminderJobSpec[],
): ReminderJobSpec[] {
  const { catalog, ledger } = world;
  const version = ledger.versionOf(meeting.id);
  const offset: NoticeOffset | null =
    meeting.status === 'cancelled' ? 'cancel' : version > 1 ? 'update' : null;
  if (!offset) return [];
  const remindedNow = new Set(
    reminders.filter((s) => Date.parse(s.sendAt) <= now.getTime()).map((s) => s.recipientId),
  );
  const specs: ReminderJobSpec[] = [];
  for (const [recipientId, latest] of ledger.remindedAt(meeting.id)) {
    if (offset === 'update' && (latest >= version || remindedNow.has(recipientId))) continue;
    if (!hasEmail(catalog, recipientId) || !preferencesOf(catalog, recipientId).calendarNotices) continue;
    if (
      ledger.isSettled(meeting.id, recipientId, offset, version) ||
      resendRequested(ledger, meeting.id, recipientId, offset, version)
    )
      continue;
    specs.push({
      jobId: reminderJobId(meeting.id, recipientId, offset, version),
      meetingId: meeting.id,
      groupId: meeting.groupId,
      recipientId,
      offset,
      version,
      sendAt: now.toISOString(),
    });
  }
  return specs.sort((a, b) => a.recipientId.localeCompare(b.recipientId));
}

/** The policy over every upcoming meeting (of one group, or all): what the reconciler makes true. */
export function planReminders(world: ReminderWorld, now: Date, groupId?: string): ReminderJobSpec[] {
  return upcomingMeetings(world.catalog, now, groupId).flatMap((m) => planMeetingReminders(world, m.id, now));
}

export interface JobChanges {
  add: ReminderJobSpec[];
  remove: string[];
}

/** What to add and remove to go from one plan to the next; unchanged ids are left alone. */
export function diffPlans(before: ReminderJobSpec[], after: ReminderJobSpec[]): JobChanges {
  const beforeIds = new Set(before.map((s) => s.jobId));
  const afterIds = new Set(after.map((s) => s.jobId));
  return {
    add: after.filter((s) => !beforeIds.has(s.jobId)),
    remove: [...beforeIds].filter((id) => !afterIds.has(id)),
  };
}

/** Open items a recipient owes at a meeting, and (for a chair) everything open there. */
export function reminderItems(catalog: Catalog, meeting: MeetingView, recipientId: string) {
  const due = followUpsAt(catalog, meeting);
  const own = due.filter((c) => answerableFor(catalog, c).includes(recipientId));
  const isChair =
    chairsOf(catalog, meeting.groupId).includes(recipientId) &&
    preferencesOf(catalog, recipientId).chairDigest;
  return { own, digest: isChair ? [...due] : [] };
}

/** People who should be reminded about a group's open items but have no e-mail address. */
export function cannotRemind(
  catalog: Catalog,
  groupId: string,
): { id: string; name: string; reason: 'no-email' }[] {
  const ids = new Set<string>(chairsOf(catalog, groupId));
  for (const id of catalog.groups.get(groupId)?.commitmentIds ?? []) {
    const commitment = catalog.commitments.get(id);
    if (commitment?.status === 'open')
      for (const person of answerableFor(catalog, commitment)) ids.add(person);
  }
  return [...ids]
    .map((id) => catalog.people.get(id))
    .filter((p) => !!p && !reachableByEmail(p))
    .map((p) => ({ id: p!.id, name: p!.name, reason: 'no-email' as const }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
}
