import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { SqliteAuthStore } from '@tilneste/access';
import type { Config } from '@tilneste/config';
import { CONFIG } from '@tilneste/event-sourcing';
import type { MailLanguage } from '@tilneste/people';
import { ReadModelHost, type PersonView } from '@tilneste/projections';
import { mailDomain, type Mailer } from '@tilneste/reminders';
import { AUTH_STORE, SIGN_IN_MAILER } from './auth.tokens';
import { isoMs } from './durations';
import { personByEmail } from './people-by-email';
import { RateLimits } from './rate-limits';
import { signInEmail } from './sign-in.mail';
import { en, nb } from './sign-in.messages';

const signInMessages = { nb, en } as const;

/** A sign-in link's page, in the language asked for, leading on to `back` once signed in. */
export function linkPath(token: string, language: MailLanguage, back: string | null): string {
  const query = new URLSearchParams();
  if (language === 'en') query.set('lang', 'en');
  if (back) query.set('neste', back);
  return `/logg-inn/${token}${query.size ? `?${query}` : ''}`;
}

/**
 * Asking for a sign-in link, from the API or the sign-in page: counted per address, and e-mailed only to a
 * person the store knows, after the answer, so the answer says nothing about who exists.
 */
@Injectable()
export class SignInLinks {
  private readonly logger = new Logger('SignIn');

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(AUTH_STORE) private readonly store: SqliteAuthStore,
    @Inject(SIGN_IN_MAILER) private readonly mailer: Mailer,
    private readonly limits: RateLimits,
    private readonly readModels: ReadModelHost,
  ) {}

  /**
   * `email` is already checked and lower-cased; throws 429 past the account's budget. `asked` is the language
   * the sign-in page was read in, when the reader asked for one (`?lang` or its cookie); the API asks for none.
   * `back`: the page the link leads to once signed in (a path `returnPathOf` accepted), else the start page.
   */
  async request(email: string, asked: MailLanguage | null = null, back: string | null = null): Promise<void> {
    await this.limits.byAccount('sign-in-link', email);
    const person = personByEmail(this.readModels.catalog, email);
    if (!person) return;
    this.send(person, asked ?? person.reminderPreferences.language, back).catch((error: Error) =>
      this.logger.warn(
        `innloggingslenke til person ${person.id} ble ikke sendt (sign-in e-mail failed): ${error.message}`,
      ),
    );
  }

  /**
   * In the language of the page the person asked from, else the one they chose for their e-mails. The link opens
   * its page in the same language.
   */
  private async send(person: PersonView, language: MailLanguage, back: string | null): Promise<void> {
    const ttl = isoMs(this.config.SIGN_IN_LINK_TTL);
    const token = this.store.createSignInLink(person.id, Date.now(), ttl);
    const url = `${this.config.PUBLIC_URL.replace(/\/+$/, '')}${linkPath(token, language, back)}`;
    const m = signInMessages[language];
    const { subject, text, html } = signInEmail(m, person.name, url, Math.round(ttl / 60_000));
    const outcome = await this.mailer.send({
      from: this.config.MAIL_FROM,
      to: { name: person.name, address: person.email! },
      subject,
      text,
      html,
      messageId: `<signin.${randomUUID()}@${mailDomain(this.config.MAIL_FROM)}>`,
      attachments: [],
    });
    if (outcome.kind !== 'sent')
      throw new Error(outcome.kind === 'rejected' ? `rejected ${outcome.responseCode}` : outcome.reason);
  }
}
