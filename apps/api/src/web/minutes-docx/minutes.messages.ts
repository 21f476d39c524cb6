import { en as enCatalogue, nb as nbCatalogue } from '@tilneste/i18n';

/** Text of the minutes document, one object per language (to be folded into libs/i18n). */
export interface MinutesMessages {
  locale: string;
  title(meeting: string): string;
  group: string;
  date: string;
  place: string;
  online: string;
  notGiven: string;
  status: { scheduled: string; held: string; cancelled: string };
  statusLabel: string;
  present: string;
  nobodyRecorded: string;
  remote: string;
  substituteFor(name: string): string;
  agenda: string;
  item(number: number | null, title: string): string;
  decision: string;
  decisionKind: { approved: string; noted: string; adopted: string };
  followUp: string;
  owner(name: string): string;
  due(when: string): string;
  nextMeeting: string;
  noOwner: string;
  /** The owner of an item the secretariat answers for. */
  secretariat: string;
  deferred: string;
  deferredNote: string;
  otherDecisions: string;
  otherCommitments: string;
  generated(at: string): string;
  filename(date: string): string;
  notFound: string;
}

export const minutesNb: MinutesMessages = {
  locale: 'nb-NO',
  title: (meeting) => `Referat – ${meeting}`,
  group: 'Gruppe',
  date: 'Dato',
  place: 'Sted',
  online: 'digitalt',
  notGiven: 'ikke oppgitt',
  status: { scheduled: 'planlagt', held: 'avholdt', cancelled: 'avlyst' },
  statusLabel: 'Status',
  present: 'Til stede',
  nobodyRecorded: 'Ingen frammøte er registrert.',
  remote: 'digitalt',
  substituteFor: (name) => `i stedet for ${name}`,
  agenda: 'Saker',
  item: (number, title) => (number !== null ? `Sak ${number}: ${title}` : title),
  decision: 'Vedtak',
  decisionKind: { approved: 'godkjent', noted: 'tatt til etterretning', adopted: 'vedtatt' },
  followUp: 'Oppfølging',
  owner: (name) => `Ansvarlig: ${name}`,
  due: (when) => `Frist: ${when}`,
  nextMeeting: 'neste møte',
  noOwner: 'ingen ansvarlig',
  secretariat: nbCatalogue.common.secretariat,
  deferred: 'Ikke behandlet – tas opp på neste møte',
  deferredNote: 'Ikke behandlet – tas opp på neste møte.',
  otherDecisions: 'Andre vedtak',
  otherCommitments: 'Annen oppfølging',
  generated: (at) => `Laget av Tilneste ${at} fra det som er registrert.`,
  filename: (date) => `referat-${date}.docx`,
  notFound: 'Fant ikke møtet.',
};

export const minutesEn: MinutesMessages = {
  locale: 'en-GB',
  title: (meeting) => `Minutes – ${meeting}`,
  group: 'Group',
  date: 'Date',
  place: 'Place',
  online: 'online',
  notGiven: 'not given',
  status: { scheduled: 'scheduled', held: 'held', cancelled: 'cancelled' },
  statusLabel: 'Status',
  present: 'Present',
  nobodyRecorded: 'No attendance is recorded.',
  remote: 'online',
  substituteFor: (name) => `instead of ${name}`,
  agenda: 'Items',
  item: (number, title) => (number !== null ? `Item ${number}: ${title}` : title),
  decision: 'Decision',
  decisionKind: { approved: 'approved', noted: 'noted', adopted: 'adopted' },
  followUp: 'Follow-up',
  owner: (name) => `Owner: ${name}`,
  due: (when) => `Due: ${when}`,
  nextMeeting: 'the next meeting',
  noOwner: 'no owner',
  secretariat: enCatalogue.common.secretariat,
  deferred: 'Not dealt with – carried to the next meeting',
  deferredNote: 'Not dealt with – carried to the next meeting.',
  otherDecisions: 'Other decisions',
  otherCommitments: 'Other follow-up',
  generated: (at) => `Made by Tilneste on ${at} from what is recorded.`,
  filename: (date) => `minutes-${date}.docx`,
  notFound: 'Meeting not found.',
};

export const minutesMessages = { nb: minutesNb, en: minutesEn } as const;
