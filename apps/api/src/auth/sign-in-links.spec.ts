import type { SqliteAuthStore } from '@tilneste/access';
import type { Config } from '@tilneste/config';
import type { RecordedEvent } from '@tilneste/event-store';
import { applyToCatalog, Catalog, type ReadModelHost } from '@tilneste/projections';
import type { Mailer, OutgoingMail } from '@tilneste/reminders';
import type { RateLimits } from './rate-limits';
import { SignInLinks } from './sign-in-links';

let position = 0n;
const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  streamName: `person-${data.personId as string}`,
  id: `e-${++position}`,
  type,
  revision: 0n,
  position,
  data,
  metadata: {},
  createdAt: new Date('2026-01-01T00:00:00Z'),
});

/** SignInLinks with the store, the limits and the mailer faked: what it hands the mailer. */
function signInLinks() {
  const catalog = new Catalog();
  for (const [personId, name] of [
    ['jane', 'Jane Visitor'],
    ['kari', 'Kari Nordmann'],
  ])
    applyToCatalog(
      catalog,
      recorded('PersonRegistered', { personId, name, email: `${personId}@example.no`, organisation: null }),
    );
  applyToCatalog(
    catalog,
    recorded('ReminderPreferencesSet', {
      personId: 'jane',
      preferences: { reminders: 'all', chairDigest: true, calendarNotices: true, language: 'en' },
      source: 'page',
    }),
  );
  const sent: OutgoingMail[] = [];
  const mailer = {
    send: async (mail: OutgoingMail) => {
      sent.push(mail);
      return { kind: 'sent' };
    },
  } as unknown as Mailer;
  const links = new SignInLinks(
    {
      SIGN_IN_LINK_TTL: 'PT15M',
      PUBLIC_URL: 'https://tilneste.example.no',
      MAIL_FROM: 'Tilneste <t@example.no>',
    } as Config,
    { createSignInLink: () => 'token' } as unknown as SqliteAuthStore,
    mailer,
    { byAccount: async () => undefined } as unknown as RateLimits,
    { catalog } as ReadModelHost,
  );
  return { links, sent };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('the sign-in link e-mail', () => {
  it('is in the language the person chose for their e-mails, bokmål for the others', async () => {
    const { links, sent } = signInLinks();
    await links.request('jane@example.no');
    await links.request('kari@example.no');
    await settled();
    expect(sent.map((m) => [m.to.address, m.subject])).toEqual([
      ['jane@example.no', 'Sign in to Tilneste'],
      ['kari@example.no', 'Logg inn i Tilneste'],
    ]);
    expect(sent.map((m) => m.text.match(/https:\S+/)?.[0])).toEqual([
      'https://tilneste.example.no/logg-inn/token?lang=en',
      'https://tilneste.example.no/logg-inn/token',
    ]);
  });

  it('is in the language of the page it was asked from, whatever the person chose, and so is its link', async () => {
    const { links, sent } = signInLinks();
    await links.request('jane@example.no', 'nb');
    await links.request('kari@example.no', 'en');
    await settled();
    expect(sent.map((m) => [m.to.address, m.subject, m.text.match(/https:\S+/)?.[0]])).toEqual([
      ['jane@example.no', 'Logg inn i Tilneste', 'https://tilneste.example.no/logg-inn/token'],
      ['kari@example.no', 'Sign in to Tilneste', 'https://tilneste.example.no/logg-inn/token?lang=en'],
    ]);
  });
});
