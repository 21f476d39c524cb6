import type { Actor } from '@tilneste/domain-kit';
import { myTasks, type Catalog } from '@tilneste/projections';

/** How many upcoming meetings the start page lists. */
const UPCOMING = 10;

/**
 * The start page: a person sees their groups, those groups' upcoming meetings and their own open
 * commitments; an API client (admin or reader) and a person granted admin see every group and the people,
 * to find a task list.
 */
export function startPage(catalog: Catalog, actor: Actor, now: Date, seesAll = actor.kind !== 'person') {
  const person = actor.kind === 'person' ? catalog.people.get(actor.id) : undefined;
  const groups = [...catalog.groups.values()]
    .filter((g) => seesAll || (person && g.members.has(person.id)))
    .map((g) => ({ id: g.id, name: g.name, role: person ? (g.members.get(person.id) ?? null) : null }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  const upcoming = groups
    .flatMap((g) => catalog.groups.get(g.id)!.meetingIds.map((id) => catalog.meetings.get(id)!))
    .filter((m) => m.status === 'scheduled' && Date.parse(m.startsAt) >= now.getTime())
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .slice(0, UPCOMING)
    .map((m) => ({
      id: m.id,
      title: m.title,
      startsAt: m.startsAt,
      groupName: groupNames.get(m.groupId) ?? '',
    }));
  return {
    person: person ? { id: person.id, name: person.name } : null,
    /** Whether `groups` is every group there is, not only the reader's. */
    allGroups: seesAll,
    groups,
    upcoming,
    tasks: person ? myTasks(catalog, person.id, now) : [],
    people: !seesAll
      ? []
      : [...catalog.people.values()]
          .map((p) => ({ id: p.id, name: p.name }))
          .sort((a, b) => a.name.localeCompare(b.name, 'nb')),
  };
}

export type StartPage = ReturnType<typeof startPage>;
