import type { SignInMessages } from './sign-in.messages';

export interface SignInEmail {
  subject: string;
  text: string;
  html: string;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The e-mail with a sign-in link: plain text, and the same text preformatted as HTML. */
export function signInEmail(m: SignInMessages, name: string, url: string, minutes: number): SignInEmail {
  const text = m.emailBody(name, url, minutes);
  return { subject: m.emailSubject, text, html: `<pre>${escape(text)}</pre>` };
}
