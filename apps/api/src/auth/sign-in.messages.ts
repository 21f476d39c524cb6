/** Text of the sign-in page and e-mail; bokmål first, English beside it. */
export interface SignInMessages {
  lang: 'nb' | 'en';
  title: string;
  confirm: (name: string) => string;
  button: string;
  gone: string;
  invalid: string;
  unknownPerson: string;
  emailSubject: string;
  emailBody: (name: string, url: string, minutes: number) => string;
}

export const nb: SignInMessages = {
  lang: 'nb',
  title: 'Logg inn i Tilneste',
  confirm: (name) => `Trykk på knappen for å logge inn som ${name}.`,
  button: 'Logg inn',
  gone: 'Denne lenken er brukt eller utløpt. Be om en ny lenke.',
  invalid: 'Denne lenken er ikke gyldig.',
  unknownPerson: 'Vi fant ingen person med en bekreftet e-postadresse som stemmer. Spør sekretariatet.',
  emailSubject: 'Logg inn i Tilneste',
  emailBody: (name, url, minutes) =>
    `Hei ${name},\n\nLogg inn i Tilneste med denne lenken. Den virker én gang og i ${minutes} minutter:\n\n${url}\n\n` +
    'Ba du ikke om dette, kan du se bort fra e-posten.\n',
};

export const en: SignInMessages = {
  lang: 'en',
  title: 'Sign in to Tilneste',
  confirm: (name) => `Press the button to sign in as ${name}.`,
  button: 'Sign in',
  gone: 'This link has been used or has expired. Ask for a new one.',
  invalid: 'This link is not valid.',
  unknownPerson: 'We found no one whose verified e-mail address matches. Ask the secretariat.',
  emailSubject: 'Sign in to Tilneste',
  emailBody: (name, url, minutes) =>
    `Hello ${name},\n\nSign in to Tilneste with this link. It works once, for ${minutes} minutes:\n\n${url}\n\n` +
    'If you did not ask for it, ignore this e-mail.\n',
};

export const messagesFor = (lang: unknown): SignInMessages => (lang === 'en' ? en : nb);
