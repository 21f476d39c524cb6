import { signInPath } from '../../auth/return-path';
import { Layout } from './layout';
import type { PageContext } from './page-context';

export type ErrorKind = 'not-found' | 'bad-request' | 'conflict' | 'forbidden' | 'too-many' | 'server';

/** The kinds whose detail is the reader's to know; a refusal's reason and our own faults are not shown. */
const DETAILED: ReadonlySet<ErrorKind> = new Set(['not-found', 'bad-request', 'conflict', 'too-many']);

/**
 * A page for a failed request: what happened in plain words, and the way back. `detail` says what exactly
 * was wrong with the input, which rule it broke or what was not found, in the page's language.
 */
export function errorView(kind: ErrorKind, page: PageContext, detail?: string) {
  const e = page.m.errors;
  const [title, body] = {
    'not-found': [e.notFoundTitle, e.notFoundBody],
    'bad-request': [e.badRequestTitle, e.badRequestBody],
    conflict: [e.conflictTitle, e.conflictBody],
    forbidden: [e.forbiddenTitle, e.forbiddenBody],
    'too-many': [e.tooManyTitle, e.tooManyBody],
    server: [e.serverTitle, e.serverBody],
  }[kind];
  return (
    <Layout page={page} title={title}>
      <h1 class="ds-heading" data-size="lg">
        {title}
      </h1>
      {body && <p class="ds-paragraph">{body}</p>}
      {DETAILED.has(kind) && detail && <p class="ds-paragraph muted">{detail}</p>}
      <p class="ds-paragraph">
        <a class="ds-link" href="/">
          {e.goHome}
        </a>
      </p>
    </Layout>
  );
}

/**
 * Shown to a request with no credentials that is not a browser's page view (those are sent to /logg-inn).
 * `back`: the page asked for, which the sign-in leads to.
 */
export function signInRequiredView(page: PageContext, back: string | null = null) {
  const s = page.m.signIn;
  return (
    <Layout page={page} title={s.title}>
      <h1 class="ds-heading" data-size="lg">
        {s.heading}
      </h1>
      <p class="ds-paragraph">{s.body}</p>
      <p class="ds-paragraph">
        <a class="ds-button" data-variant="primary" href={signInPath(back)}>
          {s.title}
        </a>
      </p>
    </Layout>
  );
}
