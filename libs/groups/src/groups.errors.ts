import { DomainError } from '@tilneste/domain-kit';
import type { MemberRole } from './groups.events';

export type ReminderOffsetProblem = 'unparsable' | 'zero' | 'too_long' | 'duplicate' | 'too_many';

const offsetMessages: Record<ReminderOffsetProblem, string> = {
  unparsable: 'Påminnelsestidspunktet er ikke en gyldig ISO 8601-varighet (f.eks. P7D eller PT2H)',
  zero: 'Påminnelsen må komme før møtet, ikke samtidig',
  too_long: 'Påminnelsen kan ikke komme mer enn 90 dager før møtet',
  duplicate: 'Det samme påminnelsestidspunktet er oppgitt to ganger',
  too_many: 'En gruppe kan ha høyst 10 påminnelser før et møte',
};

/** The broken rules of the groups context, each with a stable code. */
export const groupErrors = {
  alreadyEstablished: (groupId: string) =>
    new DomainError('GROUP.ALREADY_ESTABLISHED', 'Gruppen er allerede opprettet', 'conflict', { groupId }),
  notFound: (groupId: string) =>
    new DomainError('GROUP.NOT_FOUND', 'Gruppen finnes ikke', 'not_found', { groupId }),
  notAMember: (groupId: string, personId: string) =>
    new DomainError('GROUP.NOT_A_MEMBER', 'Personen er ikke medlem av gruppen', 'not_found', {
      groupId,
      personId,
    }),
  /** Removing the group's only secretariat member, or giving them another `role`, would leave it without one. */
  lastSecretariat: (groupId: string, personId: string, role?: MemberRole) =>
    new DomainError(
      'GROUP.LAST_SECRETARIAT',
      'Gruppen må ha minst én i sekretariatet: legg til en ny før denne fjernes eller får en annen rolle',
      'conflict',
      { groupId, personId, ...(role ? { role } : {}) },
    ),
  /** `details` names the offending `offset` (or the `count` for too many) and the `problem`. */
  invalidReminderOffset: (problem: ReminderOffsetProblem, details: Record<string, unknown>) =>
    new DomainError('GROUP.INVALID_REMINDER_OFFSET', offsetMessages[problem], 'invalid', {
      problem,
      ...details,
    }),
};

export const groupsErrors = groupErrors;
