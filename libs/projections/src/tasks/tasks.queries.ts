import type { Catalog } from '../catalog';
import type { CommitmentView } from '../entities/entities.projection';
import {
  API_SECRETARIAT_NAME,
  dueMeeting,
  isOverdue,
  ownerName,
  toApiOwner,
} from '../shared/commitment-terms';

/** A task as shown, except `overdue` (false here), with the meeting it is due at: what does not depend on the time. */
export function taskBasis(catalog: Catalog, commitment: CommitmentView) {
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
    // The API's wording (its JSON does not change with the reader's language); pages word the secretariat themselves.
    ownerName: ownerName(catalog, commitment.owner, API_SECRETARIAT_NAME),
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
      /** The imported document and line, when the commitment came in through a minutes import. */
      imported: commitment.source ?? null,
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
  const found = keys.flatMap((key) => [...(catalog.openByOwner.get(key) ?? [])]);
  found.sort((a, b) => catalog.madeOrder.get(a)! - catalog.madeOrder.get(b)!);
  return found.map((id) => catalog.commitments.get(id)!);
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
