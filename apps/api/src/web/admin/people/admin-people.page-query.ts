import type { GroupRole } from '@tilneste/access';
import { membershipsOf } from '../../../auth/resources';
import type { Catalog } from '@tilneste/projections';

export interface PersonRow {
  id: string;
  name: string;
  email: string | null;
  organisation: string | null;
  aliases: string[];
  groups: { id: string; name: string; role: GroupRole }[];
}

export interface AdminPeoplePage {
  people: PersonRow[];
  /** The groups the reader may add members to. */
  groups: { id: string; name: string }[];
}

/** Who the reader looks after: an admin everyone, the secretariat the people of its groups and those in no group yet. */
export function adminPeoplePage(
  catalog: Catalog,
  reader: { admin: boolean; roles: ReadonlyMap<string, GroupRole> },
): AdminPeoplePage {
  const managed = [...catalog.groups.values()].filter(
    (g) => reader.admin || reader.roles.get(g.id) === 'secretariat',
  );
  const managedIds = new Set(managed.map((g) => g.id));
  const memberships = membershipsOf(catalog);
  const people: PersonRow[] = [];
  for (const person of catalog.people.values()) {
    const roles = memberships.get(person.id) ?? new Map<string, GroupRole>();
    if (!reader.admin && roles.size > 0 && ![...roles.keys()].some((g) => managedIds.has(g))) continue;
    people.push({
      id: person.id,
      name: person.name,
      email: person.email,
      organisation: person.organisation,
      aliases: person.aliases,
      groups: [...roles]
        .map(([id, role]) => ({ id, name: catalog.groups.get(id)?.name ?? id, role }))
        .sort((a, b) => a.name.localeCompare(b.name, 'nb')),
    });
  }
  people.sort((a, b) => a.name.localeCompare(b.name, 'nb') || a.id.localeCompare(b.id));
  return {
    people,
    groups: managed
      .map((g) => ({ id: g.id, name: g.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nb')),
  };
}
