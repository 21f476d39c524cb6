import { en as enCatalogue, nb as nbCatalogue, type Messages } from '@tilneste/i18n';

/** Text of the sign-in link's e-mail; the words live in the message catalogue (`signInLink`). */
export type SignInMessages = Messages['signInLink'] & { lang: 'nb' | 'en' };

export const nb: SignInMessages = { lang: 'nb', ...nbCatalogue.signInLink };
export const en: SignInMessages = { lang: 'en', ...enCatalogue.signInLink };
