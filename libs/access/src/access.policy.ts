import type { Actor } from '@tilneste/domain-kit';

/** A person's role in one group. `admin` is not among them: it is global. */
export type GroupRole = 'secretariat' | 'chair' | 'member' | 'observer';

/** Who is asking, as the policy sees them: resolved once per request from a token or a session. */
export interface Principal {
  /** Recorded on every event this principal causes. */
  actor: Actor;
  /** The admin token, or a person granted admin. */
  admin: boolean;
  /** The read token: every read, no write. */
  readsAll: boolean;
  /** Set when a person is signed in (session, personal token). */
  personId: string | null;
  /** groupId → the person's role there. */
  roles: ReadonlyMap<string, GroupRole>;
}

/** What a request is about, with just the facts the rules need. */
export type Resource =
  | { kind: 'system' }
  | { kind: 'group'; groupId: string }
  /** `answerers`: who answers for it now (owner, a working group's lead, or the group's secretariat). */
  | { kind: 'commitment'; groupId: string; answerers: readonly string[] }
  /** `leadPersonId`: who leads it now, if anyone. */
  | { kind: 'working-group'; groupId: string; leadPersonId: string | null }
  /** `groupIds`: the groups the person belongs to. */
  | { kind: 'person'; personId: string; groupIds: readonly string[] }
  | { kind: 'own-account' }
  /** An id that names nothing: only those who may see everything learn that. */
  | { kind: 'unknown' };

/** Every action the API and the pages ask about, with the resource kinds each applies to. */
export interface Actions {
  /** Operational views across groups: the reminder queue, audit by actor or of a stream outside any group. */
  'system.read': 'system' | 'unknown';
  /** Establish groups, grant admin, erase a person. */
  'system.admin': 'system' | 'person' | 'unknown';
  /** Register a person (the secretariat does, when recording minutes). */
  'person.register': 'system';
  /** A person's details and tasks. */
  'person.read': 'person' | 'unknown';
  'person.edit': 'person' | 'unknown';
  /** Everything stored about a person. */
  'person.export': 'person' | 'unknown';
  /**
   * Dashboard, next agenda, meetings, matters, working groups, the group's audit trail ('system': outside any
   * group). A working group is also its lead's to read.
   */
  'group.read': 'group' | 'commitment' | 'working-group' | 'system' | 'unknown';
  /** Members and the reminder policy. */
  'group.manage': 'group' | 'unknown';
  /** Meetings, matters, decisions, commitments, working groups, imports: what the secretariat records. */
  'group.record': 'group' | 'commitment' | 'unknown';
  /** Agenda items of the coming meetings. */
  'agenda.edit': 'group' | 'unknown';
  /** Report a working group's status: its lead's report to the group, or the secretariat's record of it. */
  'working-group.report': 'working-group' | 'unknown';
  /** Complete or report progress on a commitment. */
  'commitment.answer': 'commitment' | 'unknown';
  /** Upload minutes to be parsed (nothing is recorded until the commit, which is `group.record`). */
  'import.parse': 'system';
  /** The signed-in person's own account: /me, personal tokens, sign-out. */
  'account.use': 'own-account';
  /** The start page: whoever is signed in or holds a token sees what is theirs. */
  'start.read': 'own-account';
}
export type Action = keyof Actions;
export const ACTIONS = [
  'system.read',
  'system.admin',
  'person.register',
  'person.read',
  'person.edit',
  'person.export',
  'group.read',
  'group.manage',
  'group.record',
  'agenda.edit',
  'working-group.report',
  'commitment.answer',
  'import.parse',
  'account.use',
  'start.read',
] as const satisfies readonly Action[];

const READS: ReadonlySet<Action> = new Set(['system.read', 'person.read', 'group.read']);

export type AccessDecision = { allow: true } | { allow: false; reason: string };

const allow: AccessDecision = { allow: true };
const deny = (reason: string): AccessDecision => ({ allow: false, reason });

const groupOf = (resource: Resource): string | null =>
  resource.kind === 'group' || resource.kind === 'commitment' || resource.kind === 'working-group'
    ? resource.groupId
    : null;

const hasRole = (p: Principal, groupId: string | null, ...roles: GroupRole[]) =>
  groupId !== null && roles.includes(p.roles.get(groupId) as GroupRole);

const hasRoleAnywhere = (p: Principal, role: GroupRole) => [...p.roles.values()].includes(role);

/**
 * The one access rule book: may this principal do this action on this resource? Pure; every command and
 * query of the API and the pages asks it, and its spec is a table of role × action.
 */
export function decide<A extends Action>(
  p: Principal,
  action: A,
  resource: Resource & { kind: Actions[A] },
): AccessDecision;
export function decide(p: Principal, action: Action, resource: Resource): AccessDecision {
  if (action === 'account.use')
    return p.personId ? allow : deny('bare en innlogget person (a signed-in person only)');
  if (action === 'start.read') return allow;
  if (p.admin) return allow;
  if (p.readsAll)
    return READS.has(action) ? allow : deny('dette tokenet kan bare lese (this token is read-only)');
  if (!p.personId) return deny('ingen tilgang (no access)');
  if (resource.kind === 'unknown') return deny('ingen tilgang (no access)');
  const me = p.personId;
  const group = groupOf(resource);
  switch (action) {
    case 'system.read':
    case 'system.admin':
      return deny('bare for administrator (admin only)');
    case 'person.register':
    case 'import.parse':
      return hasRoleAnywhere(p, 'secretariat') ? allow : deny('bare for sekretariatet (secretariat only)');
    case 'person.read':
      if (resource.kind !== 'person') return deny('feil ressurs (wrong resource)');
      return resource.personId === me || resource.groupIds.some((g) => p.roles.has(g))
        ? allow
        : deny('personen er ikke i noen av dine grupper (not in any of your groups)');
    case 'person.edit':
      if (resource.kind !== 'person') return deny('feil ressurs (wrong resource)');
      return resource.personId === me || resource.groupIds.some((g) => hasRole(p, g, 'secretariat'))
        ? allow
        : deny('bare personen selv eller sekretariatet (the person or the secretariat only)');
    case 'person.export':
      return resource.kind === 'person' && resource.personId === me
        ? allow
        : deny('bare personen selv eller administrator (the person or an admin only)');
    case 'group.read':
      // A working group's lead sees the working group they lead, whether or not they belong to its group.
      return (group !== null && p.roles.has(group)) ||
        (resource.kind === 'working-group' && resource.leadPersonId === me)
        ? allow
        : deny('du er ikke med i gruppen (not a member of this group)');
    case 'group.manage':
    case 'group.record':
      return hasRole(p, group, 'secretariat')
        ? allow
        : deny('bare for gruppens sekretariat (the group’s secretariat only)');
    case 'agenda.edit':
      return hasRole(p, group, 'secretariat', 'chair')
        ? allow
        : deny('bare møteleder eller sekretariatet (the chair or the secretariat only)');
    case 'working-group.report':
      if (resource.kind !== 'working-group') return deny('feil ressurs (wrong resource)');
      // Like a commitment's owner, a lead may come from outside the group: leading it is enough.
      return hasRole(p, group, 'secretariat') || resource.leadPersonId === me
        ? allow
        : deny(
            'bare arbeidsgruppens leder eller sekretariatet (the working group’s lead or the secretariat only)',
          );
    case 'commitment.answer':
      if (resource.kind !== 'commitment') return deny('feil ressurs (wrong resource)');
      // An owner may be from outside the group (a guest who promised something): being named is enough.
      return hasRole(p, group, 'secretariat') || resource.answerers.includes(me)
        ? allow
        : deny('bare den som svarer for oppgaven (only whoever answers for this commitment)');
    default:
      return deny(`ukjent handling (unknown action) ${String(action satisfies never)}`);
  }
}

/** Reads are what the read token may do. */
export const isRead = (action: Action): boolean => READS.has(action);
