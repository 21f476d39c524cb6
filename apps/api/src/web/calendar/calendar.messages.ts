/** Text of the calendar feeds, one object per language (to be folded into libs/i18n). */
export interface CalendarMessages {
  personFeedName(name: string): string;
  groupFeedName(name: string): string;
  meetingDescription(group: string): string;
  dueAt(meeting: string): string;
  from(meeting: string): string;
  carriedOver(times: number): string;
  notFound: string;
}

export const calendarNb: CalendarMessages = {
  personFeedName: (name) => `Tilneste – ${name}`,
  groupFeedName: (name) => `Tilneste – ${name}`,
  meetingDescription: (group) => `Møte i ${group}. Saksliste og oppfølging i Tilneste.`,
  dueAt: (meeting) => `Til møtet ${meeting}`,
  from: (meeting) => `Fra møtet ${meeting}`,
  carriedOver: (times) => (times === 1 ? 'Utsatt én gang' : `Utsatt ${times} ganger`),
  notFound: 'Fant ikke kalenderen. Lenken kan være nullstilt; hent en ny i Tilneste.',
};

export const calendarEn: CalendarMessages = {
  personFeedName: (name) => `Tilneste – ${name}`,
  groupFeedName: (name) => `Tilneste – ${name}`,
  meetingDescription: (group) => `Meeting of ${group}. Agenda and follow-up in Tilneste.`,
  dueAt: (meeting) => `For the meeting ${meeting}`,
  from: (meeting) => `From the meeting ${meeting}`,
  carriedOver: (times) => (times === 1 ? 'Carried over once' : `Carried over ${times} times`),
  notFound: 'Calendar not found. The link may have been reset; get a new one in Tilneste.',
};

export const calendarMessages = { nb: calendarNb, en: calendarEn } as const;
