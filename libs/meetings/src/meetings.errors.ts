import { DomainError } from '@tilneste/domain-kit';

/** The broken rules of the meetings context, each with a stable code. */
export const meetingErrors = {
  notFound: (meetingId: string) =>
    new DomainError('MEETING.NOT_FOUND', 'Møtet finnes ikke', 'not_found', { meetingId }),
  alreadyScheduled: (meetingId: string) =>
    new DomainError('MEETING.ALREADY_SCHEDULED', 'Møtet er allerede satt opp', 'conflict', { meetingId }),
  cancelled: (meetingId: string) =>
    new DomainError('MEETING.CANCELLED', 'Møtet er avlyst', 'conflict', { meetingId }),
  alreadyHeld: (meetingId: string) =>
    new DomainError('MEETING.ALREADY_HELD', 'Møtet er allerede holdt', 'conflict', { meetingId }),
  notStarted: (meetingId: string, startsAt: string) =>
    new DomainError('MEETING.NOT_STARTED', 'Møtet kan ikke merkes som holdt før det har begynt', 'conflict', {
      meetingId,
      startsAt,
    }),
  notHeld: (meetingId: string) =>
    new DomainError('MEETING.NOT_HELD', 'Møtet er ikke holdt ennå', 'conflict', { meetingId }),
  endsBeforeStart: (startsAt: string, endsAt: string) =>
    new DomainError('MEETING.ENDS_BEFORE_START', 'Møtet må slutte etter at det begynner', 'invalid', {
      startsAt,
      endsAt,
    }),
  itemAlreadyAdded: (meetingId: string, itemId: string) =>
    new DomainError('MEETING.ITEM_ALREADY_ADDED', 'Saken står allerede på sakslisten', 'conflict', {
      meetingId,
      itemId,
    }),
  itemNumberTaken: (meetingId: string, number: number) =>
    new DomainError(
      'MEETING.ITEM_NUMBER_TAKEN',
      `Saksnummer ${number} er allerede brukt i dette møtet`,
      'conflict',
      {
        meetingId,
        number,
      },
    ),
  itemNotFound: (meetingId: string, itemId: string) =>
    new DomainError('MEETING.ITEM_NOT_FOUND', 'Saken finnes ikke på sakslisten', 'not_found', {
      meetingId,
      itemId,
    }),
  itemAlreadyDeferred: (meetingId: string, itemId: string) =>
    new DomainError('MEETING.ITEM_ALREADY_DEFERRED', 'Saken er allerede utsatt', 'conflict', {
      meetingId,
      itemId,
    }),
  minutesAlreadyApproved: (meetingId: string) =>
    new DomainError('MEETING.MINUTES_ALREADY_APPROVED', 'Referatet er allerede godkjent', 'conflict', {
      meetingId,
    }),
  notAttending: (meetingId: string, personId: string) =>
    new DomainError('MEETING.NOT_ATTENDING', 'Personen er ikke registrert som til stede', 'conflict', {
      meetingId,
      personId,
    }),
  minutesFinal: (meetingId: string) =>
    new DomainError(
      'MEETING.MINUTES_FINAL',
      'Referatet er godkjent, og oppmøtet kan ikke lenger endres',
      'conflict',
      { meetingId },
    ),
  invalidSubstitute: (personId: string) =>
    new DomainError(
      'MEETING.INVALID_SUBSTITUTE',
      'En person kan ikke møte i stedet for seg selv',
      'invalid',
      {
        personId,
      },
    ),
};

export const meetingsErrors = meetingErrors;
