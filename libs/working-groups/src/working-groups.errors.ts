import { DomainError } from '@tilneste/domain-kit';

/** The broken rules of a working group, each with a stable code. */
export const workingGroupErrors = {
  alreadyFormed: (workingGroupId: string) =>
    new DomainError('WORKING_GROUP.ALREADY_FORMED', 'Arbeidsgruppen er allerede opprettet', 'conflict', {
      workingGroupId,
    }),
  notFound: (workingGroupId: string) =>
    new DomainError('WORKING_GROUP.NOT_FOUND', 'Arbeidsgruppen finnes ikke', 'not_found', { workingGroupId }),
  dissolved: (workingGroupId: string) =>
    new DomainError('WORKING_GROUP.DISSOLVED', 'Arbeidsgruppen er avviklet og kan ikke endres', 'conflict', {
      workingGroupId,
    }),
  notAMember: (workingGroupId: string, personId: string) =>
    new DomainError('WORKING_GROUP.NOT_A_MEMBER', 'Personen er ikke medlem av arbeidsgruppen', 'conflict', {
      workingGroupId,
      personId,
    }),
  cannotRemoveLead: (workingGroupId: string, personId: string) =>
    new DomainError(
      'WORKING_GROUP.CANNOT_REMOVE_LEAD',
      'Den ansvarlige kan ikke fjernes; bytt ansvarlig først',
      'conflict',
      { workingGroupId, personId },
    ),
};

export const workingGroupsErrors = workingGroupErrors;
