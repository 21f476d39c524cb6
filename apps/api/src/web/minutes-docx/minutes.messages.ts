import { sectionOf, type Section } from '@tilneste/i18n';

/** The minutes as a Word document: its words are in the message catalogue (`libs/i18n`, `minutesDocx`). */
export type MinutesMessages = Section<'minutesDocx'>;
export const minutesMessages = sectionOf('minutesDocx');
export const { nb: minutesNb, en: minutesEn } = minutesMessages;
