import { sectionOf, type Section } from '@tilneste/i18n';

/** The follow-up list as CSV: its words are in the message catalogue (`libs/i18n`, `followUpCsv`). */
export type FollowUpMessages = Section<'followUpCsv'>;
export const followUpMessages = sectionOf('followUpCsv');
export const { nb: followUpNb, en: followUpEn } = followUpMessages;
