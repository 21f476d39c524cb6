import { en as enCatalogue, nb as nbCatalogue } from '@tilneste/i18n';

/** Text of the follow-up list export, one object per language (to be folded into libs/i18n). */
export interface FollowUpMessages {
  locale: string;
  columns: [
    group: string,
    meetingDate: string,
    matter: string,
    owner: string,
    due: string,
    status: string,
    progress: string,
  ];
  open: string;
  completed: string;
  withdrawn: string;
  overdue: string;
  carriedOver(times: number): string;
  noOwner: string;
  /** The owner column when the secretariat answers for the item. */
  secretariat: string;
  filename(group: string): string;
  notFound: string;
}

export const followUpNb: FollowUpMessages = {
  locale: 'nb-NO',
  columns: ['Gruppe', 'Møtedato', 'Sak/vedtak', 'Ansvarlig', 'Frist', 'Status', 'Siste fremdrift'],
  open: 'Åpen',
  completed: 'Utført',
  withdrawn: 'Trukket',
  overdue: 'forfalt',
  carriedOver: (times) => (times === 1 ? 'utsatt én gang' : `utsatt ${times} ganger`),
  noOwner: 'Ingen ansvarlig',
  secretariat: nbCatalogue.common.secretariat,
  filename: (group) => `oppfolging-${group}.csv`,
  notFound: 'Fant ikke gruppen.',
};

export const followUpEn: FollowUpMessages = {
  locale: 'en-GB',
  columns: ['Group', 'Meeting date', 'Matter/decision', 'Owner', 'Due', 'Status', 'Latest progress'],
  open: 'Open',
  completed: 'Done',
  withdrawn: 'Withdrawn',
  overdue: 'overdue',
  carriedOver: (times) => (times === 1 ? 'carried over once' : `carried over ${times} times`),
  noOwner: 'No owner',
  secretariat: enCatalogue.common.secretariat,
  filename: (group) => `follow-up-${group}.csv`,
  notFound: 'Group not found.',
};

export const followUpMessages = { nb: followUpNb, en: followUpEn } as const;
