import { DomainError } from '@tilneste/domain-kit';

/** The broken rules of the people context, each with a stable code. */
export const personErrors = {
  alreadyRegistered: (personId: string) =>
    new DomainError('PERSON.ALREADY_REGISTERED', 'Personen er allerede registrert', 'conflict', { personId }),
  erased: (personId: string) =>
    new DomainError('PERSON.ERASED', 'Personen er slettet', 'conflict', { personId }),
  notFound: (personId: string) =>
    new DomainError('PERSON.NOT_FOUND', 'Personen finnes ikke', 'not_found', { personId }),
};

export const peopleErrors = personErrors;
