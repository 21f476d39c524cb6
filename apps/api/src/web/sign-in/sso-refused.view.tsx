import { signInPath } from '../../auth/return-path';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';

/**
 * Why single sign-on signed nobody in: the callback was not for the flow this browser started, or the
 * provider's answer did not hold (`failed`); or no person has the address the provider vouches for.
 */
export type SsoRefusal = 'failed' | 'unknown-person';

/**
 * The page the single sign-on callback answers with when it signs nobody in, with the way back: to the sign-in
 * page, still leading on to `back`, the page the flow started for (a checked local path), when there is one.
 */
export function ssoRefusedView(reason: SsoRefusal, page: PageContext, back: string | null = null) {
  const s = page.m.signInLink;
  return (
    <Layout page={page} title={s.title}>
      <h1 class="ds-heading" data-size="lg">
        {s.title}
      </h1>
      <div class="ds-alert" data-color="warning">
        <p class="ds-paragraph">{reason === 'failed' ? s.ssoFailed : s.unknownPerson}</p>
        <p class="ds-paragraph">
          <a class="ds-link" href={signInPath(back)}>
            {s.toSignIn}
          </a>
        </p>
      </div>
    </Layout>
  );
}
