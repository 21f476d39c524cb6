import type { Owner } from '@tilneste/commitments';
import type { Catalog, CommitmentView, MeetingView, WorkingGroupView } from './catalog.projection';

/** The owner as the HTTP API spells it. */
export type ApiOwner = { personId: string } | { workingGroupId: string } | { secretariat: true } | null;

export function toApiOwner(owner: Owner): ApiOwner {
  switch (owner.kind) {
    case 'person':
      return { personId: owner.personId };
    case 'working-group':
      return { workingGroupId: owner.workingGroupId };
    case 'secretariat':
      return { secretariat: true };
    case 'none':
      return null;
  }
}

/** The group's first meeting, not cancelled, that starts after `meeting`. */
export function meetingAfter(catalog: Catalog, meeting: MeetingView): MeetingView | undefined {
  const ids = catalog.groups.get(meeting.groupId)?.meetingIds ?? [];
  const after = Date.parse(meeting.startsAt);
  // `meetingIds` is kept in start order: find the first one starting later, then skip cancelled ones.
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (Date.parse(catalog.meetings.get(ids[middle])!.startsAt) > after) high = middle;
    else low = middle + 1;
  }
  for (let i = low; i < ids.length; i++) {
    const candidate = catalog.meetings.get(ids[i])!;
    if (candidate.status !== 'cancelled') return candidate;
  }
  return undefined;
}

/** The meeting a commitment is due at, resolved now: moving a meeting moves the deadline. */
export function dueMeeting(catalog: Catalog, commitment: CommitmentView): MeetingView | undefined {
  if (commitment.due.kind === 'meeting') return catalog.meetings.get(commitment.due.meetingId);
  if (commitment.due.kind === 'date') return undefined;
  const anchor = catalog.meetings.get(commitment.anchorMeetingId);
  return anchor && meetingAfter(catalog, anchor);
}

/**
 * Open commitments due at a meeting, "next meeting" resolved now so that a move or a cancellation follows:
 * the one definition behind carry-over, reminders and the draft agenda. Worked out once between writes;
 * the caller must not change the list.
 */
export function commitmentsDueAt(catalog: Catalog, meeting: MeetingView): readonly CommitmentView[] {
  return catalog.derived(`due-at ${meeting.id}`, () => {
    const due: CommitmentView[] = [];
    for (const id of catalog.groups.get(meeting.groupId)?.commitmentIds ?? []) {
      const commitment = catalog.commitments.get(id);
      if (commitment?.status === 'open' && dueMeeting(catalog, commitment)?.id === meeting.id)
        due.push(commitment);
    }
    return due;
  });
}

export function dueAt(catalog: Catalog, commitment: CommitmentView): string | null {
  if (commitment.due.kind === 'date') return commitment.due.date;
  return dueMeeting(catalog, commitment)?.startsAt ?? null;
}

/** `due` is the commitment's `dueMeeting`, resolved once by the caller. */
function isOverdue(commitment: CommitmentView, due: MeetingView | undefined, now: Date): boolean {
  if (commitment.status !== 'open') return false;
  if (commitment.due.kind === 'date') return commitment.due.date < now.toISOString().slice(0, 10);
  return !!due && (due.status === 'held' || Date.parse(due.startsAt) < now.getTime());
}

/** Who is answerable for a commitment: its person, its working group's lead, or none. */
export function responsiblePersonId(catalog: Catalog, commitment: CommitmentView): string | null {
  if (commitment.owner.kind === 'person') return commitment.owner.personId;
  if (commitment.owner.kind === 'working-group') {
    return catalog.workingGroups.get(commitment.owner.workingGroupId)?.leadPersonId ?? null;
  }
  return null;
}

export function ownerName(catalog: Catalog, owner: Owner): string | null {
  switch (owner.kind) {
    case 'person':
      return catalog.people.get(owner.personId)?.name ?? null;
    case 'working-group':
      return catalog.workingGroups.get(owner.workingGroupId)?.name ?? null;
    case 'secretariat':
      return 'Sekretariatet';
    case 'none':
      return null;
  }
}

/** A task as shown, except `overdue` (false here), with the meeting it is due at: what does not depend on the time. */
function taskBasis(catalog: Catalog, commitment: CommitmentView) {
  const meeting = catalog.meetings.get(commitment.meetingId);
  const item = meeting?.items.find((i) => i.itemId === commitment.agendaItemId);
  const due = dueMeeting(catalog, commitment);
  const workingGroup =
    commitment.owner.kind === 'working-group'
      ? catalog.workingGroups.get(commitment.owner.workingGroupId)
      : undefined;
  const view = {
    id: commitment.id,
    text: commitment.text,
    owner: toApiOwner(commitment.owner),
    ownerName: ownerName(catalog, commitment.owner),
    due:
      commitment.due.kind === 'next-meeting'
        ? { nextMeeting: true }
        : commitment.due.kind === 'meeting'
          ? { meetingId: commitment.due.meetingId }
          : { date: commitment.due.date },
    dueAt: commitment.due.kind === 'date' ? commitment.due.date : (due?.startsAt ?? null),
    dueMeetingId: due?.id ?? null,
    meetingId: commitment.meetingId,
    groupId: commitment.groupId,
    source: {
      meetingId: commitment.meetingId,
      meetingStartsAt: meeting?.startsAt ?? null,
      agendaItemId: commitment.agendaItemId,
      agendaItemTitle: item?.title ?? null,
      agendaItemNumber: item?.number ?? null,
    },
    workingGroup: workingGroup ? { id: workingGroup.id, name: workingGroup.name } : null,
    carriedOver: commitment.carriedOver,
    overdue: false,
    status: commitment.status,
    progress: commitment.progress,
  };
  return { view, due };
}

export function taskView(catalog: Catalog, commitment: CommitmentView, now: Date) {
  const { view, due } = taskBasis(catalog, commitment);
  return { ...view, overdue: isOverdue(commitment, due, now) };
}

export type TaskView = ReturnType<typeof taskView> & { as: 'owner' | 'working-group-lead' | 'secretariat' };

/** The open commitments in this person's buckets, in the order they were made (as `commitments` iterates). */
function openCandidates(
  catalog: Catalog,
  personId: string,
  leads: ReadonlySet<string>,
  secretariatOf: ReadonlySet<string>,
): CommitmentView[] {
  const keys = [
    `person:${personId}`,
    ...[...leads].map((id) => `working-group:${id}`),
    ...[...secretariatOf].map((id) => `secretariat:${id}`),
  ];
  const found = keys.flatMap((key) => [...(catalog.openByOwner.get(key)?.values() ?? [])]);
  return found.sort((a, b) => catalog.madeOrder.get(a.id)! - catalog.madeOrder.get(b.id)!);
}

const NONE: ReadonlySet<string> = new Set();

/** Who leads which working groups (not dissolved) and who is secretariat of which groups, by person. */
function rolesByPerson(catalog: Catalog) {
  return catalog.derived('roles-by-person', () => {
    const leads = new Map<string, Set<string>>();
    const secretariatOf = new Map<string, Set<string>>();
    const add = (index: Map<string, Set<string>>, personId: string, id: string) => {
      const ids = index.get(personId);
      if (ids) ids.add(id);
      else index.set(personId, new Set([id]));
    };
    for (const wg of catalog.workingGroups.values())
      if (wg.leadPersonId && !wg.dissolved) add(leads, wg.leadPersonId, wg.id);
    for (const group of catalog.groups.values())
      for (const [personId, role] of group.members)
        if (role === 'secretariat') add(secretariatOf, personId, group.id);
    return { leads, secretariatOf };
  });
}

/** Open commitments a person owns directly, leads through a working group, or shares as secretariat. */
export function myTasks(catalog: Catalog, personId: string, now: Date, includeClosed = false): TaskView[] {
  const roles = rolesByPerson(catalog);
  const leads = roles.leads.get(personId) ?? NONE;
  const secretariatOf = roles.secretariatOf.get(personId) ?? NONE;
  const tasks: TaskView[] = [];
  const pool = includeClosed
    ? catalog.commitments.values()
    : openCandidates(catalog, personId, leads, secretariatOf);
  for (const c of pool) {
    if (!includeClosed && c.status !== 'open') continue;
    const as =
      c.owner.kind === 'person' && c.owner.personId === personId
        ? 'owner'
        : c.owner.kind === 'working-group' && leads.has(c.owner.workingGroupId)
          ? 'working-group-lead'
          : c.owner.kind === 'secretariat' && secretariatOf.has(c.groupId)
            ? 'secretariat'
            : null;
    if (!as) continue;
    const { view, due } = taskBasis(catalog, c);
    tasks.push({ ...view, overdue: isOverdue(c, due, now), as });
  }
  return tasks.sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
}

/** The group's next meeting: the earliest one neither held nor cancelled. */
export function nextMeeting(catalog: Catalog, groupId: string): MeetingView | undefined {
  const group = catalog.groups.get(groupId);
  return (group?.meetingIds ?? [])
    .map((id) => catalog.meetings.get(id)!)
    .find((m) => m.status === 'scheduled');
}

function previousMeeting(
  catalog: Catalog,
  groupId: string,
  before: MeetingView | undefined,
): MeetingView | undefined {
  const group = catalog.groups.get(groupId);
  const meetings = (group?.meetingIds ?? [])
    .map((id) => catalog.meetings.get(id)!)
    .filter((m) => m.status === 'held');
  const limit = before ? Date.parse(before.startsAt) : Number.POSITIVE_INFINITY;
  return meetings.filter((m) => Date.parse(m.startsAt) < limit).at(-1);
}

const meetingSummary = (m: MeetingView | undefined) =>
  m
    ? {
        id: m.id,
        title: m.title,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        location: m.location,
        online: m.online,
      }
    : null;

function groupCommitments(catalog: Catalog, groupId: string): CommitmentView[] {
  return [...(catalog.groups.get(groupId)?.commitmentIds ?? [])].map((id) => catalog.commitments.get(id)!);
}

function deferredItems(catalog: Catalog, groupId: string, next: MeetingView | undefined) {
  const previous = previousMeeting(catalog, groupId, next);
  if (!previous) return [];
  const taken = new Set(next?.items.map((i) => i.title.toLowerCase()) ?? []);
  return previous.items
    .filter((i) => i.deferred && !taken.has(i.title.toLowerCase()))
    .map((i) => ({
      meetingId: previous.id,
      itemId: i.itemId,
      number: i.number,
      title: i.title,
      kind: i.kind,
    }));
}

function workingGroupSummary(catalog: Catalog, wg: WorkingGroupView, commitments: CommitmentView[]) {
  const mine = commitments.filter(
    (c) => c.owner.kind === 'working-group' && c.owner.workingGroupId === wg.id,
  );
  return {
    id: wg.id,
    name: wg.name,
    lead: wg.leadPersonId
      ? { id: wg.leadPersonId, name: catalog.people.get(wg.leadPersonId)?.name ?? null }
      : null,
    status: wg.status,
    statusText: wg.statusText,
    open: mine.filter((c) => c.status === 'open').length,
    done: mine.filter((c) => c.status === 'completed').length,
  };
}

type CommitmentTimes = { made: number; closed: number; meetingId: string }[];

/** Each commitment's instants parsed once per request, not once per held meeting. */
function commitmentTimes(commitments: CommitmentView[]): CommitmentTimes {
  return commitments.map((c) => ({
    made: Date.parse(c.madeAt),
    closed: c.closedAt ? Date.parse(c.closedAt) : Number.NaN,
    meetingId: c.meetingId,
  }));
}

/** At a held meeting: commitments made by then (or at it), and how many of those were closed by then. */
function historyPoint(m: MeetingView, times: CommitmentTimes) {
  const cut = Date.parse(m.startsAt);
  let made = 0;
  let closed = 0;
  for (const t of times) {
    if (!(t.made <= cut || t.meetingId === m.id)) continue;
    made += 1;
    if (t.closed <= cut) closed += 1;
  }
  return { meetingId: m.id, startsAt: m.startsAt, open: made - closed, closed };
}

/** Everything in a group's dashboard that does not depend on the time: computed once between writes. */
function dashboardBasis(catalog: Catalog, groupId: string) {
  const next = nextMeeting(catalog, groupId);
  const commitments = groupCommitments(catalog, groupId);
  const open = commitments
    .filter((c) => c.status === 'open')
    .map((commitment) => ({ commitment, ...taskBasis(catalog, commitment) }));
  const group = catalog.groups.get(groupId);
  const involved = new Set<string>(group?.members.keys() ?? []);
  for (const id of group?.workingGroupIds ?? []) {
    const wg = catalog.workingGroups.get(id)!;
    if (wg.leadPersonId) involved.add(wg.leadPersonId);
  }
  for (const { commitment } of open)
    if (commitment.owner.kind === 'person') involved.add(commitment.owner.personId);
  const times = commitmentTimes(commitments);
  return {
    nextMeeting: meetingSummary(next),
    open,
    workingGroups: [...(group?.workingGroupIds ?? [])]
      .map((id) => catalog.workingGroups.get(id)!)
      .filter((wg) => !wg.dissolved)
      .map((wg) => workingGroupSummary(catalog, wg, commitments)),
    deferredItems: deferredItems(catalog, groupId, next),
    peopleWithoutEmail: [...involved]
      .map((id) => catalog.people.get(id))
      .filter((p) => p && !p.email)
      .map((p) => ({ id: p!.id, name: p!.name })),
    history: (group?.meetingIds ?? [])
      .map((id) => catalog.meetings.get(id)!)
      .filter((m) => m.status === 'held')
      .map((m) => historyPoint(m, times)),
  };
}

/** The chair's overview of one group. */
export function dashboard(catalog: Catalog, groupId: string, now: Date) {
  const basis = catalog.derived(`dashboard ${groupId}`, () => dashboardBasis(catalog, groupId));
  const tasks = basis.open.map(({ commitment, view, due }) => ({
    ...view,
    overdue: isOverdue(commitment, due, now),
  }));
  const byOwner = new Map<
    string,
    {
      owner: ApiOwner;
      name: string | null;
      open: number;
      overdue: number;
      carriedOver: number;
      commitments: typeof tasks;
    }
  >();
  for (const task of tasks) {
    const key = JSON.stringify(task.owner);
    const entry = byOwner.get(key) ?? {
      owner: task.owner,
      name: task.ownerName,
      open: 0,
      overdue: 0,
      carriedOver: 0,
      commitments: [],
    };
    entry.open += 1;
    if (task.overdue) entry.overdue += 1;
    if (task.carriedOver > 0) entry.carriedOver += 1;
    entry.commitments.push(task);
    byOwner.set(key, entry);
  }
  return {
    groupId,
    nextMeeting: basis.nextMeeting,
    open: tasks.length,
    overdue: tasks.filter((t) => t.overdue).length,
    carriedOver: tasks.filter((t) => t.carriedOver > 0).length,
    byOwner: [...byOwner.values()],
    workingGroups: basis.workingGroups,
    deferredItems: basis.deferredItems,
    unowned: tasks.filter((t) => t.owner === null),
    peopleWithoutEmail: basis.peopleWithoutEmail,
    history: basis.history,
  };
}

/** The draft agenda of the group's next meeting, in the order such a meeting runs. */
export function nextAgenda(catalog: Catalog, groupId: string, now: Date) {
  const next = nextMeeting(catalog, groupId);
  const previous = previousMeeting(catalog, groupId, next);
  const items: { title: string; kind: string; source: Record<string, unknown> }[] = [];
  items.push({
    title: 'Godkjenning av innkalling og saksliste',
    kind: 'notice-approval',
    source: { standard: true },
  });
  if (previous) {
    items.push({
      title: 'Godkjenning av referat fra forrige møte',
      kind: 'minutes-approval',
      source: { meetingId: previous.id },
    });
  }
  for (const d of deferredItems(catalog, groupId, next)) {
    items.push({ title: d.title, kind: d.kind, source: { deferredFrom: d.meetingId, itemId: d.itemId } });
  }
  const standard = new Set(['notice-approval', 'minutes-approval', 'aob']);
  for (const item of next?.items ?? []) {
    if (!standard.has(item.kind))
      items.push({ title: item.title, kind: item.kind, source: { itemId: item.itemId } });
  }
  const due = next ? commitmentsDueAt(catalog, next) : [];
  for (const id of catalog.groups.get(groupId)?.workingGroupIds ?? []) {
    const wg = catalog.workingGroups.get(id)!;
    if (wg.dissolved) continue;
    const commitments = due.filter(
      (c) => c.owner.kind === 'working-group' && c.owner.workingGroupId === wg.id,
    );
    items.push({
      title: `Rapport fra ${wg.name}`,
      kind: 'working-group-report',
      source: { workingGroupId: wg.id, commitmentIds: commitments.map((c) => c.id) },
    });
  }
  for (const c of due.filter((c) => c.owner.kind !== 'working-group')) {
    const name = ownerName(catalog, c.owner);
    items.push({
      title: `Oppfølging: ${c.text}${name ? ` (${name})` : ''}`,
      kind: 'follow-up',
      source: { commitmentId: c.id },
    });
  }
  items.push({ title: 'Eventuelt', kind: 'aob', source: { standard: true } });
  void now;
  return {
    groupId,
    meetingId: next?.id ?? null,
    meeting: meetingSummary(next),
    items: items.map((item, i) => ({ number: i + 1, ...item })),
  };
}

export function workingGroupStatus(catalog: Catalog, id: string, now: Date) {
  const wg = catalog.workingGroups.get(id);
  if (!wg) return undefined;
  const person = (pid: string) => ({ id: pid, name: catalog.people.get(pid)?.name ?? null });
  const mine = groupCommitments(catalog, wg.groupId).filter(
    (c) => c.owner.kind === 'working-group' && c.owner.workingGroupId === id,
  );
  return {
    id: wg.id,
    groupId: wg.groupId,
    name: wg.name,
    mandate: wg.mandate,
    lead: wg.leadPersonId ? person(wg.leadPersonId) : null,
    members: wg.memberIds.map(person),
    status: wg.status,
    statusText: wg.statusText,
    statusReportedAt: wg.statusReportedAt,
    dissolved: wg.dissolved,
    open: mine.filter((c) => c.status === 'open').map((c) => taskView(catalog, c, now)),
    done: mine.filter((c) => c.status === 'completed').map((c) => taskView(catalog, c, now)),
  };
}

export function matterHistory(catalog: Catalog, id: string) {
  const matter = catalog.matters.get(id);
  if (!matter) return undefined;
  const commitments = [...catalog.commitments.values()]
    .filter((c) => c.matterId === id)
    .map((c) => ({
      at: c.madeAt,
      type: 'CommitmentMade',
      meetingId: c.meetingId,
      text: c.text,
      previousText: null,
      actor: c.madeBy,
      commitmentId: c.id,
    }));
  const timeline = [...matter.timeline, ...commitments].sort((a, b) => a.at.localeCompare(b.at));
  return { id: matter.id, groupId: matter.groupId, title: matter.title, status: matter.status, timeline };
}
