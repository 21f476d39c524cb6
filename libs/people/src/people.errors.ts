import { DomainError } from '@tilneste/domain-kit';

/** The broken rules of the people context, each with a stable code. */
export const personErrors = {
  alreadyRegistered: (personId: string) =>
    new DomainError('PERSON.ALREADY_REGISTERED', 'Personen er allerede registrert', 'conflict', { personId }),
  erased: (personId: string) =>
    new DomainError('PERSON.ERASED', 'Personen er slettet', 'conflict', { personId }),
  notFound: (personId: string) =>
    new DomainError('PERSON.NOT_FOUND', 'Personen finnes ikke', 'not_found', { personId }),
  merged: (personId: string, intoPersonId: string) =>
    new DomainError(
      'PERSON.MERGED',
      'Personen er slått sammen med en annen og kan ikke endres (merged into another person)',
      'conflict',
      { personId, intoPersonId },
    ),
};

export const peopleErrors = personErrors;
