import { Inject, Injectable, OnApplicationShutdown, type Provider } from '@nestjs/common';
import { SqliteAuthStore } from '@tilneste/access';
import type { Config } from '@tilneste/config';
import { CONFIG } from '@tilneste/event-sourcing';
import { SmtpMailer } from '@tilneste/reminders';
import { AccessService } from './access.service';
import { AUTH_STORE, SIGN_IN_MAILER } from './auth.tokens';
import { RateLimits } from './rate-limits';
import { SignInLinks } from './sign-in-links';

/** Closes the auth store and the sign-in mailer on shutdown. */
@Injectable()
class AuthShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(AUTH_STORE) private readonly store: SqliteAuthStore,
    @Inject(SIGN_IN_MAILER) private readonly mailer: SmtpMailer,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.store.close();
    await this.mailer.close();
  }
}

export const authProviders: Provider[] = [
  {
    provide: AUTH_STORE,
    inject: [CONFIG],
    useFactory: (config: Config) => new SqliteAuthStore(config.AUTH_SQLITE_PATH),
  },
  {
    provide: SIGN_IN_MAILER,
    inject: [CONFIG],
    useFactory: (config: Config) => new SmtpMailer({ url: config.SMTP_URL }),
  },
  AccessService,
  RateLimits,
  SignInLinks,
  AuthShutdown,
];
export const authExports = [AUTH_STORE, SIGN_IN_MAILER, AccessService, RateLimits, SignInLinks];
