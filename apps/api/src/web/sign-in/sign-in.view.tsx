import { ssoPath } from '../../auth/return-path';
import { Field, Form, formScope, type Refused } from '../shared/form';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';

export interface SignInData {
  /** What was typed, shown again after a mistake. */
  email: string;
  /** The link form's address was wrong, and why (shown beside it and tied to it for screen readers). */
  error: { field: 'email'; message: string } | null;
  /** A link was asked for: say where it went (the same whether the address is known or not). */
  sent: { minutes: number } | null;
  signedOut: boolean;
  /** Single sign-on is configured. */
  sso: boolean;
  /** No person holds admin yet: offer the first-administrator form. */
  setup: boolean;
  /**
   * The page asked for before this one (`?neste=`, a checked local path), which the e-mailed link and single
   * sign-on lead to.
   */
  back: string | null;
  /**
   * The first-administrator form came back refused: the name and address typed (never the token), each
   * error by its field (`token`, `name`, `email`), or for the form as a whole (an administrator exists now).
   */
  setupRefused?: Refused | null;
}

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
          <a class="ds-button" data-variant="primary" href={ssoPath(data.back)}>
            {s.sso}
          </a>
        </p>
      )}
      <EmailForm data={data} page={page} />
      {data.setup ? (
        <SetupForm data={data} page={page} />
      ) : (
        data.setupRefused?.formError && (
          <div class="ds-alert" data-color="warning" role="alert">
            <p class="ds-paragraph">{data.setupRefused.formError}</p>
          </div>
        )
      )}
    </Layout>
  );
}

/**
 * Asking for a link: the forms' common pattern, its field ids kept short (`email`, `email-error`), so a wrong
 * address comes back with a summary that takes the focus as well as the error beside the field.
 */
function EmailForm(props: { data: SignInData; page: PageContext }) {
  const { data, page } = props;
  const s = page.m.signIn;
  const refused: Refused | null = data.error
    ? { values: { email: data.email }, errors: [{ field: 'email', message: data.error.message }] }
    : null;
  const f = formScope(page, 'sign-in', refused, { id: (name) => name });
  return (
    <Form
      f={f}
      action="/logg-inn"
      keyed={false}
      saves={false}
      class="sign-in"
      submit={s.submit}
      variant={data.sso ? 'secondary' : 'primary'}
    >
      {data.sso && (
        <h2 class="ds-heading" data-size="sm">
          {s.orEmail}
        </h2>
      )}
      {data.back && <input type="hidden" name="neste" value={data.back} />}
      <Field
        f={f}
        name="email"
        type="email"
        label={s.emailLabel}
        hint={s.emailHint}
        value={data.email}
        required
        maxLength={320}
        autocomplete="email"
      />
    </Form>
  );
}

/**
 * The first administrator: the forms' common pattern (form.tsx), so a refusal comes back with an error
 * summary that takes the focus, each error beside its field, and the name and address kept.
 */
function SetupForm(props: { data: SignInData; page: PageContext }) {
  const s = props.page.m.signIn;
  const refused = props.data.setupRefused;
  // The token is never written back into the page, whatever the refusal holds.
  const { token: _token, ...values } = refused?.values ?? {};
  const f = formScope(props.page, 'setup', refused ? { ...refused, values } : null);
  return (
    <section aria-labelledby="setup-heading" class="sign-in__setup">
      <h2 class="ds-heading" data-size="sm" id="setup-heading">
        {s.setupHeading}
      </h2>
      <p class="ds-paragraph">{s.setupBody}</p>
      <Form f={f} action="/forste-gang" keyed={false} submit={s.setupSubmit} variant="secondary">
        <Field f={f} name="token" type="password" label={s.setupToken} required maxLength={500} />
        <Field f={f} name="name" label={s.setupName} required maxLength={200} autocomplete="name" />
        <Field
          f={f}
          name="email"
          type="email"
          label={s.emailLabel}
          required
          maxLength={320}
          autocomplete="email"
        />
      </Form>
    </section>
  );
}
