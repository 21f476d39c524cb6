import type { RecordedEvent } from '@tilneste/event-store';
import { applyToCatalog, Catalog } from '@tilneste/projections';
import {
  cannotRemind,
  diffPlans,
  meetingOfJobId,
  planMeetingReminders,
  reminderItems,
  reminderJobId,
  type ReminderWorld,
} from './reminder-policy';
import { applyToLedger, ReminderLedger } from './reminders.projection';
import { composeReminder } from './reminder-compose';
import { verifyLink } from './reminder-links';

let position = 0n;
function world(): ReminderWorld {
  return { catalog: new Catalog(), ledger: new ReminderLedger() };
}
function given(w: ReminderWorld, stream: string, type: string, data: Record<string, unknown>): void {
  position += 1n;
  const event: RecordedEvent = {
    streamName: stream,
    id: String(position),
    type,
    revision: 0n,
    position,
    data,
    metadata: {},
    createdAt: new Date('2025-03-01T00:00:00Z'),
  };
  applyToCatalog(w.catalog, event);
  applyToLedger(w.ledger, event);
}

function story(offsets: string[] | null = ['P7D', 'P1D']) {
  const w = world();
  given(w, 'person-kari', 'PersonRegistered', {
    personId: 'kari',
    name: 'Kari',
    email: 'kari@example.no',
    organisation: null,
  });
  given(w, 'person-ola', 'PersonRegistered', {
    personId: 'ola',
    name: 'Ola',
    email: 'ola@example.no',
    organisation: null,
  });
  given(w, 'person-uten', 'PersonRegistered', {
    personId: 'uten',
    name: 'Uten Epost',
    email: null,
    organisation: null,
  });
  given(w, 'group-g', 'GroupEstablished', { groupId: 'g', name: 'Faggruppe', timeZone: 'Europe/Oslo' });
  given(w, 'group-g', 'MemberJoined', { groupId: 'g', personId: 'ola', role: 'chair' });
  if (offsets) given(w, 'group-g', 'ReminderPolicySet', { groupId: 'g', offsets });
  given(w, 'meeting-march', 'MeetingScheduled', {
    meetingId: 'march',
    groupId: 'g',
    title: null,
    startsAt: '2025-03-20T09:00:00+01:00',
    endsAt: null,
    location: null,
    online: null,
  });
  given(w, 'meeting-june', 'MeetingScheduled', {
    meetingId: 'june',
    groupId: 'g',
    title: null,
    startsAt: '2025-06-12T09:00:00+02:00',
    endsAt: null,
    location: null,
    online: null,
  });
  given(w, 'commitment-c1', 'CommitmentMade', {
    commitmentId: 'c1',
    groupId: 'g',
    meetingId: 'march',
    agendaItemId: null,
    matterId: null,
    text: 'Dele lista',
    owner: { kind: 'person', personId: 'kari' },
    due: { kind: 'next-meeting' },
  });
  return w;
}
const now = new Date('2025-04-01T00:00:00Z');
/** How `composeReminder` is set up here: links expire when the meeting starts. */
const composeOptions = {
  from: 'Tilneste <t@example.no>',
  publicUrl: 'https://tilneste.example.no/',
  linkSecret: 'x'.repeat(32),
  linkGraceMs: 0,
  domain: 'example.no',
};
const ids = (w: ReminderWorld, at = now) => planMeetingReminders(w, 'june', at).map((s) => s.jobId);

describe('Reminder policy', () => {
  it('plans one job per recipient and offset, the chair included, with deterministic versioned ids', () => {
    const w = story();
    expect(ids(w)).toEqual([
      'rem_june_kari_P7D_v1',
      'rem_june_kari_P1D_v1',
      'rem_june_ola_P7D_v1',
      'rem_june_ola_P1D_v1',
    ]);
    expect(planMeetingReminders(w, 'june', now)[0].sendAt).toBe('2025-06-05T07:00:00.000Z');
    expect(ids(w).every((id) => !id.includes(':'))).toBe(true);
  });

  it('uses the default offsets while a group has no policy', () => {
    expect(ids(story(null))).toContain('rem_june_kari_P7D_v1');
  });

  it('gives a moved meeting new ids, so its old jobs are removed and new ones added', () => {
    const w = story();
    const before = planMeetingReminders(w, 'june', now);
    given(w, 'meeting-june', 'MeetingRescheduled', {
      meetingId: 'june',
      startsAt: '2025-06-19T09:00:00+02:00',
      endsAt: null,
      previousStartsAt: '2025-06-12T09:00:00+02:00',
    });
    const after = planMeetingReminders(w, 'june', now);
    expect(after.map((s) => s.jobId)).toContain('rem_june_kari_P7D_v2');
    const { add, remove } = diffPlans(before, after);
    expect(remove).toEqual(before.map((s) => s.jobId));
    expect(add.map((s) => s.sendAt)).toContain('2025-06-12T07:00:00.000Z');
  });

  it('plans nothing for a cancelled meeting, a recipient with nothing open, or a person without e-mail', () => {
    const cancelled = story();
    given(cancelled, 'meeting-june', 'MeetingCancelled', { meetingId: 'june', reason: null });
    expect(ids(cancelled)).toEqual([]);
    const done = story();
    given(done, 'commitment-c1', 'CommitmentCompleted', { commitmentId: 'c1', note: null });
    expect(ids(done)).toEqual([]);
    const mute = story();
    given(mute, 'commitment-c2', 'CommitmentMade', {
      commitmentId: 'c2',
      groupId: 'g',
      meetingId: 'march',
      agendaItemId: null,
      matterId: null,
      text: 'x',
      owner: { kind: 'person', personId: 'uten' },
      due: { kind: 'next-meeting' },
    });
    expect(ids(mute).some((id) => id.includes('uten'))).toBe(false);
    expect(cannotRemind(mute.catalog, 'g')).toEqual([{ id: 'uten', name: 'Uten Epost', reason: 'no-email' }]);
  });

  it('leaves out what is settled, and of the send times already passed keeps only the latest', () => {
    const w = story();
    expect(ids(w, new Date('2025-06-10T00:00:00Z'))).toEqual([
      'rem_june_kari_P7D_v1',
      'rem_june_kari_P1D_v1',
      'rem_june_ola_P7D_v1',
      'rem_june_ola_P1D_v1',
    ]);
    expect(ids(w, new Date('2025-06-11T12:00:00Z'))).toEqual(['rem_june_kari_P1D_v1', 'rem_june_ola_P1D_v1']);
    given(w, 'reminder-june-kari-P7D', 'ReminderSent', {
      meetingId: 'june',
      groupId: 'g',
      recipientId: 'kari',
      offset: 'P7D',
      version: 1,
      claimId: 'k',
      messageId: '<m>',
      commitmentIds: ['c1'],
      response: '250',
    });
    expect(ids(w)).not.toContain('rem_june_kari_P7D_v1');
    expect(ids(w, new Date('2025-06-12T08:00:00Z'))).toEqual([]);
  });

  it('does not bring back an earlier passed reminder once the latest passed one is settled', () => {
    const w = story();
    const late = new Date('2025-06-11T12:00:00Z');
    given(w, 'reminder-june-kari-P1D', 'ReminderSent', {
      meetingId: 'june',
      groupId: 'g',
      recipientId: 'kari',
      offset: 'P1D',
      version: 1,
      claimId: 'k',
      messageId: '<m>',
      commitmentIds: ['c1'],
      response: '250',
    });
    expect(ids(w, late)).toEqual(['rem_june_ola_P1D_v1']);
  });

  it('reminds of a commitment whose date runs out by the meeting’s day, as the draft agenda follows it up there', async () => {
    const w = story();
    given(w, 'person-per', 'PersonRegistered', {
      personId: 'per',
      name: 'Per',
      email: 'per@example.no',
      organisation: null,
    });
    const byDate = (id: string, date: string) =>
      given(w, `commitment-${id}`, 'CommitmentMade', {
        commitmentId: id,
        groupId: 'g',
        meetingId: 'march',
        agendaItemId: null,
        matterId: null,
        text: `Innen ${date}`,
        owner: { kind: 'person', personId: 'per' },
        due: { kind: 'date', date },
      });
    // After the June meeting's day: nothing to remind Per of yet.
    byDate('later', '2025-06-13');
    expect(ids(w).filter((id) => id.includes('_per_'))).toEqual([]);
    byDate('ran-out', '2025-05-30');
    expect(ids(w).filter((id) => id.includes('_per_'))).toEqual([
      'rem_june_per_P7D_v1',
      'rem_june_per_P1D_v1',
    ]);
    const june = w.catalog.meetings.get('june')!;
    expect(reminderItems(w.catalog, june, 'per').own.map((c) => c.id)).toEqual(['ran-out']);
    // The chair's digest has it too, after what is due at the meeting.
    expect(reminderItems(w.catalog, june, 'ola').digest.map((c) => c.id)).toEqual(['c1', 'ran-out']);
    // The e-mail says what the deadline was; an item due at the meeting has no such line.
    const render = async (recipientId: string) => {
      const job = planMeetingReminders(w, 'june', now).find((s) => s.recipientId === recipientId)!;
      const composed = composeReminder(w, job, now, composeOptions);
      if (composed.kind !== 'send') throw new Error(`skipped: ${composed.reason}`);
      return composed.render();
    };
    const per = await render('per');
    expect(per.text).toMatch(/^- Innen 2025-05-30\n {2}Fra møtet 20\. mars 2025\n {2}Frist: 30\. mai 2025$/m);
    expect(per.html).toContain('Frist: 30. mai 2025');
    expect((await render('kari')).text).not.toContain('Frist:');
  });

  it('reads the meeting back out of a job id', () => {
    expect(meetingOfJobId(reminderJobId('m:1_x', 'p', 'P7D', 3))).toBe('m:1_x');
    expect(meetingOfJobId('repeat:reminder-reconcile:1')).toBeNull();
  });
});

describe("Reminder policy and the recipient's choices", () => {
  const prefs = (w: ReminderWorld, personId: string, preferences: Record<string, unknown>) =>
    given(w, `person-${personId}`, 'ReminderPreferencesSet', { personId, preferences, source: 'page' });

  it('sends only the reminder closest to the meeting to someone who chose "last"', () => {
    const w = story();
    prefs(w, 'kari', { reminders: 'last', chairDigest: true, calendarNotices: true });
    expect(ids(w)).toEqual(['rem_june_kari_P1D_v1', 'rem_june_ola_P7D_v1', 'rem_june_ola_P1D_v1']);
  });

  it('sends nothing to someone who unsubscribed, and leaves out a chair who wants no digest', () => {
    const w = story();
    prefs(w, 'kari', { reminders: 'none', chairDigest: true, calendarNotices: true });
    prefs(w, 'ola', { reminders: 'all', chairDigest: false, calendarNotices: true });
    expect(ids(w)).toEqual([]);
  });
});

describe('Notices after a reminder', () => {
  const sent = (w: ReminderWorld, recipientId: string, offset: string, version: number) =>
    given(w, `reminder-june-${recipientId}-${offset}`, 'ReminderSent', {
      meetingId: 'june',
      groupId: 'g',
      recipientId,
      offset,
      version,
      claimId: 'x',
      messageId: '<m@x>',
      commitmentIds: ['c1'],
      response: '250',
    });

  it('plans a cancellation, at once, for each person who was reminded, and none for the others', () => {
    const w = story();
    sent(w, 'kari', 'P7D', 1);
    given(w, 'meeting-june', 'MeetingCancelled', { meetingId: 'june', reason: null });
    const at = new Date('2025-06-06T12:00:00Z');
    const plan = planMeetingReminders(w, 'june', at);
    expect(plan.map((s) => [s.jobId, s.sendAt])).toEqual([['rem_june_kari_cancel_v1', at.toISOString()]]);
    expect(meetingOfJobId(plan[0].jobId)).toBe('june');
  });

  it('plans no cancellation once it is settled, nor for someone who turned notices off', () => {
    const w = story();
    sent(w, 'kari', 'P7D', 1);
    sent(w, 'ola', 'P7D', 1);
    given(w, 'meeting-june', 'MeetingCancelled', { meetingId: 'june', reason: null });
    sent(w, 'kari', 'cancel', 1);
    given(w, 'person-ola', 'ReminderPreferencesSet', {
      personId: 'ola',
      preferences: { reminders: 'all', chairDigest: true, calendarNotices: false },
      source: 'page',
    });
    expect(planMeetingReminders(w, 'june', new Date('2025-06-06T12:00:00Z'))).toEqual([]);
  });

  it('plans an update after a move for someone reminded of the old time, unless their new reminder goes now', () => {
    const w = story();
    sent(w, 'kari', 'P7D', 1);
    sent(w, 'ola', 'P7D', 1);
    // Moved by a week after the week-before reminder: the new week-before time is still ahead.
    given(w, 'meeting-june', 'MeetingRescheduled', {
      meetingId: 'june',
      startsAt: '2025-06-19T09:00:00+02:00',
      endsAt: null,
      previousStartsAt: '2025-06-12T09:00:00+02:00',
    });
    const at = new Date('2025-06-06T12:00:00Z');
    const notices = planMeetingReminders(w, 'june', at).filter((s) => s.offset === 'update');
    expect(notices.map((s) => s.jobId)).toEqual(['rem_june_kari_update_v2', 'rem_june_ola_update_v2']);
    // Moved to the next day instead: the day-before reminder of the new time is due now and carries the change.
    const soon = story();
    sent(soon, 'kari', 'P7D', 1);
    given(soon, 'meeting-june', 'MeetingRescheduled', {
      meetingId: 'june',
      startsAt: '2025-06-07T09:00:00+02:00',
      endsAt: null,
      previousStartsAt: '2025-06-12T09:00:00+02:00',
    });
    const plan = planMeetingReminders(soon, 'june', at);
    expect(plan.filter((s) => s.offset === 'update')).toEqual([]);
    expect(plan.map((s) => s.jobId)).toContain('rem_june_kari_P1D_v2');
  });

  it('plans a resend a person asked for at once, under its own id, and drops it once claimed', () => {
    const w = story();
    const key = { meetingId: 'june', groupId: 'g', recipientId: 'kari', offset: 'P7D', version: 1 };
    const at = new Date('2025-06-06T00:00:00Z');
    given(w, 'reminder-june-kari-P7D', 'ReminderClaimed', {
      ...key,
      claimId: 'k1',
      messageId: '<m>',
      commitmentIds: ['c1'],
      leaseUntil: '2025-06-05T07:05:00Z',
    });
    given(w, 'reminder-june-kari-P7D', 'ReminderNeedsAttention', {
      ...key,
      claimId: 'k1',
      messageId: '<m>',
      reason: 'lost',
    });
    expect(ids(w, at)).not.toContain('rem_june_kari_P7D_v1');
    given(w, 'reminder-june-kari-P7D', 'ReminderResendRequested', {
      ...key,
      requestedBy: 'siri',
      resend: 1,
      note: null,
    });
    const resend = planMeetingReminders(w, 'june', at).filter(
      (s) => s.recipientId === 'kari' && s.offset === 'P7D',
    );
    expect(resend).toEqual([{ jobId: 'rem_june_kari_P7D_v1_r1', ...key, sendAt: at.toISOString() }]);
    expect(meetingOfJobId('rem_june_kari_P7D_v1_r1')).toBe('june');
    given(w, 'reminder-june-kari-P7D', 'ReminderClaimed', {
      ...key,
      claimId: 'k2',
      messageId: '<m>',
      commitmentIds: ['c1'],
      leaseUntil: '2025-06-06T00:05:00Z',
    });
    // Claimed again, it is a send in progress like any other (its first job id, which exists, adds nothing).
    expect(ids(w, at)).not.toContain('rem_june_kari_P7D_v1_r1');
  });

  it('never sends to an erased person: a job already queued for her is skipped, with nothing to address', () => {
    const w = story();
    const job = planMeetingReminders(w, 'june', now).find((s) => s.recipientId === 'kari')!;
    expect(composeReminder(w, job, now, composeOptions).kind).toBe('send');
    given(w, 'person-kari', 'PersonErased', { personId: 'kari' });
    expect(composeReminder(w, job, now, composeOptions)).toEqual({ kind: 'skip', reason: 'no-email' });
  });

  it("gives the working group's lead a signed link to report its status, under the working group's items", async () => {
    const w = story();
    given(w, 'workinggroup-wg 1', 'WorkingGroupFormed', {
      workingGroupId: 'wg 1',
      groupId: 'g',
      name: 'Kartgruppa',
      leadPersonId: 'kari',
      memberIds: ['kari'],
      mandate: null,
      meetingId: null,
    });
    given(w, 'commitment-c2', 'CommitmentMade', {
      commitmentId: 'c2',
      groupId: 'g',
      meetingId: 'march',
      agendaItemId: null,
      matterId: null,
      text: 'Tegne kartet',
      owner: { kind: 'working-group', workingGroupId: 'wg 1' },
      due: { kind: 'next-meeting' },
    });
    const options = { ...composeOptions, linkGraceMs: 3_600_000 };
    const job = planMeetingReminders(w, 'june', now).find((s) => s.recipientId === 'kari')!;
    const composed = composeReminder(w, job, now, options);
    if (composed.kind !== 'send') throw new Error(`skipped: ${composed.reason}`);
    const { text, html } = await composed.render();
    const section = text.slice(text.indexOf('Gjennom Kartgruppa:'));
    const lines = section.split('\n').filter((line) => line.startsWith('Meld status'));
    expect(lines).toHaveLength(1);
    const [, url, token] =
      /^Meld status for arbeidsgruppen: (https:\/\/tilneste\.example\.no\/api\/links\/(\S+))$/.exec(
        lines[0],
      )!;
    // Signed for her and this working group, with the item links' expiry: no sign-in asked for, no page to find.
    const verified = verifyLink(token, options.linkSecret, now);
    expect(verified).toEqual({
      ok: true,
      claims: {
        action: 'status',
        workingGroupId: 'wg 1',
        personId: 'kari',
        meetingId: 'june',
        offset: job.offset,
        version: job.version,
        issuedAt: now.getTime(),
        expiresAt: Date.parse('2025-06-12T09:00:00+02:00') + options.linkGraceMs,
      },
    });
    const itemToken = /Marker som utført: \S+\/api\/links\/(\S+)/.exec(section)![1];
    const item = verifyLink(itemToken, options.linkSecret, now);
    expect(item.ok && verified.ok && item.claims.expiresAt === verified.claims.expiresAt).toBe(true);
    expect(text).not.toContain('/arbeidsgrupper/');
    expect(text).not.toContain('krever innlogging');
    expect(section.indexOf('Tegne kartet')).toBeLessThan(section.indexOf(url));
    // Her own item has no such link; the chair's overview none either.
    expect(text.slice(0, text.indexOf('Gjennom Kartgruppa:'))).not.toContain('Meld status');
    expect(html).toContain(`<a href="${url}"`);
    expect(html).not.toContain('/arbeidsgrupper/');
    const chair = planMeetingReminders(w, 'june', now).find((s) => s.recipientId === 'ola')!;
    const digest = composeReminder(w, chair, now, options);
    if (digest.kind !== 'send') throw new Error(`skipped: ${digest.reason}`);
    expect((await digest.render()).text).not.toContain('Meld status');
    // Dissolved, it reports no more status: its open item is still there, without the link.
    given(w, 'workinggroup-wg 1', 'WorkingGroupDissolved', { workingGroupId: 'wg 1', reason: null });
    const after = composeReminder(w, job, now, options);
    if (after.kind !== 'send') throw new Error(`skipped: ${after.reason}`);
    const dissolved = await after.render();
    expect(dissolved.text).toContain('Tegne kartet');
    expect(dissolved.text).not.toContain('Meld status');
    expect(dissolved.html).not.toContain('Meld status');
  });
});
