import { until } from '../../../libs/reminders/testing/reminder-fixtures';
import { mailBodies, type TestSmtpServer } from '../../../libs/reminders/testing/smtp-test-server';
import type { ApiProcess } from './server';

/** Asks for a sign-in link by e-mail and returns the token from the e-mail that arrives. */
export async function signInLinkFor(
  api: ApiProcess,
  smtp: TestSmtpServer,
  email: string,
  waitMs = 10_000,
): Promise<string> {
  const before = smtp.to(email).length;
  const asked = await fetch(`${api.url}/auth/sign-in-link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  if (asked.status !== 202) throw new Error(`sign-in link for ${email} → ${asked.status}`);
  await until(() => smtp.to(email).length > before, waitMs, `the sign-in e-mail to ${email}`);
  const found = /\/logg-inn\/([A-Za-z0-9_-]{43})/.exec(mailBodies(smtp.to(email)[before].raw));
  if (!found) throw new Error(`no sign-in link in the e-mail to ${email}`);
  return found[1];
}

/** Signs in with an e-mailed link: the session cookie (`name=value`) and its CSRF token. */
export async function signInByLink(
  api: ApiProcess,
  smtp: TestSmtpServer,
  email: string,
): Promise<{ cookie: string; csrf: string; linkToken: string }> {
  const linkToken = await signInLinkFor(api, smtp, email);
  const origin = api.url.replace(/\/api$/, '');
  const res = await fetch(`${origin}/logg-inn/${linkToken}`, { method: 'POST', redirect: 'manual' });
  if (res.status !== 303) throw new Error(`sign-in with the link for ${email} → ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const me = await fetch(`${api.url}/me`, { headers: { cookie } });
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken, linkToken };
}

/** A personal API token for the person with this address, made through a session as a person would. */
export async function personalToken(api: ApiProcess, smtp: TestSmtpServer, email: string): Promise<string> {
  const { cookie, csrf } = await signInByLink(api, smtp, email);
  const made = await fetch(`${api.url}/me/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    body: JSON.stringify({ name: 'e2e' }),
  });
  if (made.status !== 201) throw new Error(`personal token for ${email} → ${made.status}`);
  return ((await made.json()) as { token: string }).token;
}
