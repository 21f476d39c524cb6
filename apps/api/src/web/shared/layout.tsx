import type { ComponentChildren } from 'preact';
import type { PageContext } from './page-context';
import { PageLanguage } from './parts';

export const ASSETS = '/static';

/** htmx settings without an inline script: no injected <style> (the CSP allows none), no eval. */
const HTMX_CONFIG = JSON.stringify({ includeIndicatorStyles: false, allowEval: false, historyCacheSize: 0 });

function viewerLabel(page: PageContext): string | null {
  const { viewer, m } = page;
  if (!viewer) return null;
  if (viewer.name) return m.app.signedInAs(viewer.name);
  if (viewer.actor.kind === 'client')
    return m.app.signedInAs(viewer.actor.id === 'reader' ? m.app.readClient : m.app.adminClient);
  return null;
}

/** Every page's frame: language, skip link, header with the language switch, main, footer. */
export function Layout(props: { page: PageContext; title: string; children: ComponentChildren }) {
  const { page, title } = props;
  const { m } = page;
  const who = viewerLabel(page);
  return (
    <html lang={m.lang} data-color-scheme="light">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${title} – ${m.app.name}`}</title>
        <link rel="stylesheet" href={`${ASSETS}/ds/theme/designsystemet.css`} />
        <link rel="stylesheet" href={`${ASSETS}/ds/css/index.css`} />
        <link rel="stylesheet" href={`${ASSETS}/app.css`} />
        <link rel="icon" type="image/svg+xml" href={`${ASSETS}/favicon.svg`} />
        <script defer src={`${ASSETS}/htmx/htmx.min.js`} />
        <script defer src={`${ASSETS}/app.js`} />
      </head>
      <body>
        <a class="ds-skip-link" href="#main">
          {m.app.skipToContent}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="site-header__brand" href="/">
              {m.app.name}
              <span class="site-header__tagline">{m.app.tagline}</span>
            </a>
            <nav aria-label={m.app.mainNav} class="site-header__nav">
              <a class="ds-link" href="/">
                {m.app.start}
              </a>
              {/* the secretariat's and admins' pages, each shown to whom the policy lets use it */}
              {page.may('import.parse', { kind: 'system' }) && (
                <a class="ds-link" href="/import">
                  {m.importPage.title}
                </a>
              )}
              {page.may('person.register', { kind: 'system' }) && (
                <a class="ds-link" href="/personer">
                  {m.admin.nav.people}
                </a>
              )}
              {page.may('system.admin', { kind: 'system' }) && (
                <a class="ds-link" href="/admin/ko">
                  {m.admin.nav.queue}
                </a>
              )}
              <a
                class="ds-link"
                href={`${page.path}?lang=${m.app.otherLanguageCode}`}
                hreflang={m.app.otherLanguageCode}
                lang={m.app.otherLanguageCode}
                aria-label={m.app.otherLanguageLabel}
              >
                {m.app.otherLanguage}
              </a>
            </nav>
            {who && <p class="site-header__who">{who}</p>}
            {page.csrfToken && (
              <form method="post" action="/logg-ut" class="site-header__sign-out">
                <input type="hidden" name="_csrf" value={page.csrfToken} />
                <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm">
                  {m.signIn.signOut}
                </button>
              </form>
            )}
          </div>
        </header>
        <main id="main" tabindex={-1} class="page">
          <PageLanguage.Provider value={m.lang}>{props.children}</PageLanguage.Provider>
        </main>
        <footer class="site-footer">
          <p class="ds-paragraph" data-size="sm">
            {m.app.footer}
          </p>
        </footer>
      </body>
    </html>
  );
}
