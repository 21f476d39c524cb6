import type { Request } from 'express';
import type { GroupRole, Resource } from '@tilneste/access';
import { answerableFor, type Catalog } from '@tilneste/projections';

/** Finds what a request is about, from its path, query or body and the read model. */
export type ResourceOf = (req: Request, catalog: Catalog) => Resource;

/** person id → (group id → role), worked out once between writes. */
export function membershipsOf(catalog: Catalog): ReadonlyMap<string, ReadonlyMap<string, GroupRole>> {
  return catalog.derived('access:memberships', () => {
    const byPerson = new Map<string, Map<string, GroupRole>>();
    for (const group of catalog.groups.values()) {
      for (const [personId, role] of group.members) {
        let roles = byPerson.get(personId);
        if (!roles) byPerson.set(personId, (roles = new Map()));
        roles.set(group.id, role);
      }
    }
    return byPerson;
  });
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length <= 200 ? value : undefined;
const param = (req: Request, name: string) => text((req.params as Record<string, unknown>)[name]);
const field = (req: Request, name: string) =>
  typeof req.body === 'object' && req.body !== null
    ? text((req.body as Record<string, unknown>)[name])
    : undefined;

const UNKNOWN: Resource = { kind: 'unknown' };
const group = (groupId: string | undefined): Resource => (groupId ? { kind: 'group', groupId } : UNKNOWN);

export function groupResource(catalog: Catalog, groupId: string | undefined): Resource {
  return groupId && catalog.groups.has(groupId) ? group(groupId) : UNKNOWN;
}

export function commitmentResource(
  catalog: Catalog,
  commitmentId: string | undefined,
): Extract<Resource, { kind: 'commitment' | 'unknown' }> {
  const commitment = commitmentId ? catalog.commitments.get(commitmentId) : undefined;
  if (!commitment) return { kind: 'unknown' };
  return { kind: 'commitment', groupId: commitment.groupId, answerers: answerableFor(catalog, commitment) };
}

export function personResource(catalog: Catalog, personId: string | undefined): Resource {
  if (!personId || !catalog.people.has(personId)) return UNKNOWN;
  return { kind: 'person', personId, groupIds: [...(membershipsOf(catalog).get(personId)?.keys() ?? [])] };
}

export function workingGroupResource(
  catalog: Catalog,
  workingGroupId: string | undefined,
): Extract<Resource, { kind: 'working-group' | 'unknown' }> {
  const workingGroup = workingGroupId ? catalog.workingGroups.get(workingGroupId) : undefined;
  if (!workingGroup || !catalog.groups.has(workingGroup.groupId)) return { kind: 'unknown' };
  return { kind: 'working-group', groupId: workingGroup.groupId, leadPersonId: workingGroup.leadPersonId };
}

const meetingGroup = (catalog: Catalog, id: string | undefined) =>
  group(id ? catalog.meetings.get(id)?.groupId : undefined);

/** The resource finders the controllers name in `@Access(...)`. */
export const resources = {
  system: (): ResourceOf => () => ({ kind: 'system' }),
  ownAccount: (): ResourceOf => () => ({ kind: 'own-account' }),
  group:
    (name = 'id'): ResourceOf =>
    (req, catalog) =>
      groupResource(catalog, param(req, name)),
  groupInBody:
    (name = 'groupId'): ResourceOf =>
    (req, catalog) =>
      groupResource(catalog, field(req, name)),
  meeting:
    (name = 'id'): ResourceOf =>
    (req, catalog) =>
      meetingGroup(catalog, param(req, name)),
  meetingInBody:
    (name = 'meetingId'): ResourceOf =>
    (req, catalog) =>
      meetingGroup(catalog, field(req, name)),
  matter:
    (name = 'id'): ResourceOf =>
    (req, catalog) => {
      const id = param(req, name);
      return group(id ? catalog.matters.get(id)?.groupId : undefined);
    },
  workingGroup:
    (name = 'id'): ResourceOf =>
    (req, catalog) => {
      const id = param(req, name);
      return group(id ? catalog.workingGroups.get(id)?.groupId : undefined);
    },
  /** A working group with its lead, for what its lead may do as well as the secretariat. */
  workingGroupWithLead:
    (name = 'id'): ResourceOf =>
    (req, catalog) =>
      workingGroupResource(catalog, param(req, name)),
  commitment:
    (name = 'id'): ResourceOf =>
    (req, catalog) =>
      commitmentResource(catalog, param(req, name)),
  person:
    (name = 'id'): ResourceOf =>
    (req, catalog) =>
      personResource(catalog, param(req, name)),
  /** `?stream=<category>-<id>` of something in a group is that group's; anything else is the whole system's. */
  auditStream: (): ResourceOf => (req, catalog) => {
    const stream = text((req.query as Record<string, unknown>).stream);
    if (!stream) return { kind: 'system' };
    const dash = stream.indexOf('-');
    const [category, id] = [stream.slice(0, dash), stream.slice(dash + 1)];
    const groupId =
      category === 'group'
        ? id
        : category === 'meeting'
          ? catalog.meetings.get(id)?.groupId
          : category === 'matter'
            ? catalog.matters.get(id)?.groupId
            : category === 'commitment'
              ? catalog.commitments.get(id)?.groupId
              : category === 'workinggroup'
                ? catalog.workingGroups.get(id)?.groupId
                : undefined;
    return groupId && catalog.groups.has(groupId) ? group(groupId) : { kind: 'system' };
  },
} satisfies Record<string, (name?: string) => ResourceOf>;
