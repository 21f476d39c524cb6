import type { GroupRole } from '@tilneste/access';
import { lookups } from '@tilneste/application';
import { groupErrors } from '@tilneste/groups';
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

export interface MemberRow {
  personId: string;
  name: string;
  role: GroupRole;
}

export interface AdminPeoplePage {
  people: PersonRow[];
  /** The groups the reader may add members to, each with its members. */
  groups: { id: string; name: string; members: MemberRow[] }[];
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
      .map((g) => ({
        id: g.id,
        name: g.name,
        members: [...g.members]
          .map(([personId, role]) => ({
            personId,
            name: catalog.people.get(personId)?.name ?? personId,
            role,
          }))
          .sort((a, b) => a.name.localeCompare(b.name, 'nb') || a.personId.localeCompare(b.personId)),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nb')),
  };
}

export interface MembershipPage {
  person: { id: string; name: string };
  group: { id: string; name: string };
  role: GroupRole;
}

/** One person's place in one group, for changing their role or removing them; `GROUP.NOT_A_MEMBER` when they have none. */
export function membershipPage(catalog: Catalog, personId: string, groupId: string): MembershipPage {
  const group = lookups.group(catalog, groupId);
  const person = lookups.person(catalog, personId);
  const role = group.members.get(personId);
  if (!role) throw groupErrors.notAMember(groupId, personId);
  return { person: { id: person.id, name: person.name }, group: { id: group.id, name: group.name }, role };
}
