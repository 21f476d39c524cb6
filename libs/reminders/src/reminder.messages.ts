import { en as enCatalogue, nb as nbCatalogue, type Messages } from '@tilneste/i18n';

/**
 * The reminder e-mail's texts and those of the pages its links open, with the locale its dates are
 * written in. The words live in the message catalogue (`libs/i18n`, `reminders`); bokmål is the default.
 */
export type ReminderMessages = Messages['reminders'] & { locale: string };

const fromCatalogue = (catalogue: Messages): ReminderMessages => ({
  locale: catalogue.locale,
  ...catalogue.reminders,
});

export const nb: ReminderMessages = fromCatalogue(nbCatalogue);
export const en: ReminderMessages = fromCatalogue(enCatalogue);

export const reminderMessages = { nb, en } as const;
