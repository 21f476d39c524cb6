import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';

/** What `/logg-inn/<token>` shows: a live link's button, or why the link no longer works. */
export type SignInLinkPage =
  { kind: 'confirm'; name: string; action: string } | { kind: 'gone' } | { kind: 'invalid' };

/**
 * The page a sign-in link opens, in the common layout. Opening it changes nothing (mail scanners fetch
 * links): only its one button, a POST, signs in.
 */
export function signInLinkView(data: SignInLinkPage, page: PageContext) {
  const s = page.m.signInLink;
  return (
    <Layout page={page} title={s.title}>
      <h1 class="ds-heading" data-size="lg">
        {s.title}
      </h1>
      {data.kind === 'confirm' ? (
        <>
          <p class="ds-paragraph">{s.confirm(data.name)}</p>
          <form method="post" action={data.action}>
            <button type="submit" class="ds-button" data-variant="primary">
              {s.button}
            </button>
          </form>
        </>
      ) : (
        <div class="ds-alert" data-color="warning">
          <p class="ds-paragraph">{data.kind === 'gone' ? s.gone : s.invalid}</p>
          <p class="ds-paragraph">
            <a class="ds-link" href="/logg-inn">
              {s.toSignIn}
            </a>
          </p>
        </div>
      )}
    </Layout>
  );
}
