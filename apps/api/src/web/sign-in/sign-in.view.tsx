import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';

export interface SignInData {
  /** What was typed, shown again after a mistake. */
  email: string;
  /** The field that was wrong, and why (shown beside it and tied to it for screen readers). */
  error: { field: 'email' | 'token' | 'name' | 'setup-email'; message: string } | null;
  /** A link was asked for: say where it went (the same whether the address is known or not). */
  sent: { minutes: number } | null;
  signedOut: boolean;
  /** Single sign-on is configured. */
  sso: boolean;
  /** No person holds admin yet: offer the first-administrator form. */
  setup: boolean;
}

/** Error text for a field: its id, for `aria-describedby`. */
const errorId = (field: string) => `${field}-error`;

function FieldError(props: { data: SignInData; field: string }) {
  const { error } = props.data;
  if (error?.field !== props.field) return null;
  return (
    <p class="ds-validation-message" data-color="danger" id={errorId(props.field)}>
      {error.message}
    </p>
  );
}

const invalid = (data: SignInData, field: string) =>
  data.error?.field === field ? { 'aria-invalid': true, 'aria-describedby': errorId(field) } : {};

/** The sign-in page: ask for a link by e-mail (or sign on with the organisation), and on a fresh store set up the first admin. */
export function signInView(data: SignInData, page: PageContext) {
  const s = page.m.signIn;
  return (
    <Layout page={page} title={s.title}>
      <h1 class="ds-heading" data-size="lg">
        {data.sent ? s.sentHeading : s.heading}
      </h1>
      {data.signedOut && (
        <div class="ds-alert" data-color="success" role="status">
          <p class="ds-paragraph">{s.signedOut}</p>
        </div>
      )}
      {data.sent ? (
        <div class="ds-alert" data-color="info" role="status" id="sign-in">
          <p class="ds-paragraph">{s.sentBody(data.sent.minutes)}</p>
          <p class="ds-paragraph">{s.sentAgain}</p>
        </div>
      ) : (
        <p class="ds-paragraph">{s.body}</p>
      )}
      {data.sso && (
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="primary" href="/logg-inn/sso">
            {s.sso}
          </a>
        </p>
      )}
      <form method="post" action="/logg-inn" id="sign-in-form" class="sign-in" novalidate>
        {data.sso && (
          <h2 class="ds-heading" data-size="sm">
            {s.orEmail}
          </h2>
        )}
        <div class="ds-field">
          <label class="ds-label" for="email">
            {s.emailLabel}
          </label>
          <p class="ds-paragraph muted" data-size="sm" id="email-hint">
            {s.emailHint}
          </p>
          <input
            class="ds-input"
            type="email"
            id="email"
            name="email"
            autocomplete="email"
            required
            maxlength={320}
            value={data.email}
            aria-describedby={data.error?.field === 'email' ? `email-hint ${errorId('email')}` : 'email-hint'}
            {...(data.error?.field === 'email' ? { 'aria-invalid': true } : {})}
          />
          <FieldError data={data} field="email" />
        </div>
        <button type="submit" class="ds-button" data-variant={data.sso ? 'secondary' : 'primary'}>
          {s.submit}
        </button>
      </form>
      {data.setup && (
        <section aria-labelledby="setup-heading" class="sign-in__setup">
          <h2 class="ds-heading" data-size="sm" id="setup-heading">
            {s.setupHeading}
          </h2>
          <p class="ds-paragraph">{s.setupBody}</p>
          <form method="post" action="/forste-gang" novalidate>
            <div class="ds-field">
              <label class="ds-label" for="setup-token">
                {s.setupToken}
              </label>
              <input
                class="ds-input"
                type="password"
                id="setup-token"
                name="token"
                autocomplete="off"
                required
                maxlength={500}
                {...invalid(data, 'token')}
              />
              <FieldError data={data} field="token" />
            </div>
            <div class="ds-field">
              <label class="ds-label" for="setup-name">
                {s.setupName}
              </label>
              <input
                class="ds-input"
                type="text"
                id="setup-name"
                name="name"
                autocomplete="name"
                required
                maxlength={200}
                {...invalid(data, 'name')}
              />
              <FieldError data={data} field="name" />
            </div>
            <div class="ds-field">
              <label class="ds-label" for="setup-email">
                {s.emailLabel}
              </label>
              <input
                class="ds-input"
                type="email"
                id="setup-email"
                name="email"
                autocomplete="email"
                required
                maxlength={320}
                {...invalid(data, 'setup-email')}
              />
              <FieldError data={data} field="setup-email" />
            </div>
            <button type="submit" class="ds-button" data-variant="secondary">
              {s.setupSubmit}
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}
