import { sectionOf, type Section } from '@tilneste/i18n';

/** The calendar feeds: its words are in the message catalogue (`libs/i18n`, `calendarFeed`). */
export type CalendarMessages = Section<'calendarFeed'>;
export const calendarMessages = sectionOf('calendarFeed');
export const { nb: calendarNb, en: calendarEn } = calendarMessages;
