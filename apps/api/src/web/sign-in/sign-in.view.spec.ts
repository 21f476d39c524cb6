import { renderDocument } from '../shared/render';
import { HOSTILE, testPage } from '../shared/view-testing';
import { signInLinkView } from './sign-in-link.view';
import { ssoRefusedView } from './sso-refused.view';
import { signInView, type SignInData } from './sign-in.view';

const data = (over: Partial<SignInData> = {}): SignInData => ({
  email: '',
  error: null,
  sent: null,
  signedOut: false,
  sso: false,
  setup: false,
  back: null,
  ...over,
});
const visitor = { ...testPage('nb', '/logg-inn'), viewer: null };
const render = (over: Partial<SignInData> = {}, page = visitor) =>
  renderDocument(signInView(data(over), page));

describe('the sign-in page', () => {
  it('carries the page asked for in the link form, escaped, and nothing when there is none', () => {
    expect(render()).not.toContain('name="neste"');
    const html = render({ back: '/grupper/g-1?tilstand=alle&eier="p"' });
    const form = html.slice(html.indexOf('action="/logg-inn"'), html.indexOf('</form>'));
    expect(form).toContain(
      '<input type="hidden" name="neste" value="/grupper/g-1?tilstand=alle&amp;eier=&quot;p&quot;"/>',
    );
  });

  it('carries the page asked for in the single sign-on link, encoded, and nothing when there is none', () => {
    const sso = (html: string) => /<a [^>]*href="(\/logg-inn\/sso[^"]*)"/.exec(html)?.[1];
    expect(sso(render({ sso: true }))).toBe('/logg-inn/sso');
    expect(sso(render({ sso: true, back: '/grupper/g-1?tilstand=alle&eier="p"' }))).toBe(
      '/logg-inn/sso?neste=%2Fgrupper%2Fg-1%3Ftilstand%3Dalle%26eier%3D%22p%22',
    );
    // Still there once a link was asked for, which also leads on to the same page.
    expect(sso(render({ sso: true, back: '/grupper/g-1', sent: { minutes: 15 } }))).toBe(
      '/logg-inn/sso?neste=%2Fgrupper%2Fg-1',
    );
  });

  it('asks for an e-mail address in a labelled field, with its hint tied to it', () => {
    const html = render();
    expect(html).toContain('<html lang="nb"');
    expect(html).toContain('<form method="post" action="/logg-inn"');
    expect(html).toContain('<label class="ds-label" for="email">E-postadresse</label>');
    expect(html).toMatch(/<input[^>]*id="email"[^>]*aria-describedby="email-hint"/);
    expect(html).not.toContain('aria-invalid');
    expect(html).not.toContain('/logg-inn/sso');
    expect(html).not.toContain('/forste-gang');
  });

  it('marks a wrong address and says why, next to the field, keeping what was typed escaped', () => {
    const html = render({
      email: HOSTILE,
      error: { field: 'email', message: 'Skriv en gyldig e-postadresse.' },
    });
    expect(html).toMatch(
      /<input[^>]* id="email"[^>]* aria-describedby="email-hint email-error" aria-invalid="true"/,
    );
    expect(html).toMatch(
      /<p class="ds-validation-message"[^>]* id="email-error">Skriv en gyldig e-postadresse.<\/p>/,
    );
    // And a summary at the top of the form, which takes the focus, linking to the field.
    expect(html).toContain('<a href="#email">E-postadresse: Skriv en gyldig e-postadresse.</a>');
    expect(html).toMatch(/<div class="ds-error-summary" id="sign-in-errors" tabindex="-1" autofocus/);
    // Asking for a link stores nothing, so the summary does not say that nothing was saved.
    expect(html).not.toContain('Det ble ikke lagret noe.');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('says where the link went, in the same words whoever asked', () => {
    const html = render({ sent: { minutes: 15 } });
    expect(html).toContain('Sjekk e-posten din');
    expect(html).toContain('i 15 minutter');
    expect(html).toContain('role="status"');
  });

  it('offers single sign-on when configured, and the first-administrator form only on a store without one', () => {
    expect(render({ sso: true })).toContain('href="/logg-inn/sso"');
    const setup = render({ setup: true });
    expect(setup).toContain('<form method="post" action="/forste-gang" novalidate');
    expect(setup).toMatch(/<input[^>]*id="setup-token"[^>]*type="password"/);
    expect(setup).toContain('<label class="ds-label" for="setup-name">Navnet ditt</label>');
    expect(setup).not.toContain('aria-invalid');
    expect(render({ setup: false })).not.toContain('/forste-gang');
  });

  it('gives a refused first-administrator form back with an error summary that takes the focus, the name and address kept, the token not', () => {
    const html = render({
      setup: true,
      setupRefused: {
        values: { name: HOSTILE, email: 'ada@example.no', token: 'hemmelig-123' },
        errors: [{ field: 'token', message: 'Nøkkelen stemmer ikke.' }],
      },
    });
    expect(html).toMatch(
      /<div class="ds-error-summary" id="setup-errors" tabindex="-1" autofocus data-error-summary="true" aria-labelledby="setup-errors-h">/,
    );
    expect(html).toContain('<a href="#setup-token">Administratornøkkel: Nøkkelen stemmer ikke.</a>');
    expect(html).toMatch(
      /<input class="ds-input" id="setup-token" name="token" required maxlength="500" aria-describedby="setup-token-error" aria-invalid="true" type="password" value autocomplete="off"\/>/,
    );
    expect(html).toContain('id="setup-token-error">Nøkkelen stemmer ikke.</p>');
    expect(html).toMatch(/<input[^>]*id="setup-name"[^>]*value="&lt;script>alert\(1\)/);
    expect(html).toMatch(/<input[^>]*id="setup-email"[^>]*type="email" value="ada@example.no"/);
    expect(html).not.toContain('hemmelig-123');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('says so when an administrator was set up meanwhile, without the form', () => {
    const html = render({
      setup: false,
      setupRefused: { values: {}, errors: [], formError: 'Det finnes allerede en administrator.' },
    });
    expect(html).toContain('role="alert"><p class="ds-paragraph">Det finnes allerede en administrator.</p>');
    expect(html).not.toContain('/forste-gang');
  });

  it('is in English with ?lang=en', () => {
    expect(render({}, { ...testPage('en', '/logg-inn'), viewer: null })).toContain('Send me a sign-in link');
  });
});

describe('the page a sign-in link opens', () => {
  const linkPage = (lang: 'nb' | 'en' = 'nb') => ({ ...testPage(lang, '/logg-inn/abc'), viewer: null });

  it('is in the common layout, with one button that posts to the link, and the name escaped', () => {
    const html = renderDocument(
      signInLinkView({ kind: 'confirm', name: HOSTILE, action: '/logg-inn/abc' }, linkPage()),
    );
    expect(html).toContain('<a class="ds-skip-link" href="#main">');
    expect(html).toContain('<main id="main"');
    expect(html).toContain('href="/static/app.css"');
    expect(html).toMatch(
      /<form method="post" action="\/logg-inn\/abc"><button type="submit"[^>]*>Logg inn<\/button>/,
    );
    expect(html).not.toContain('<script>alert(1)');
  });

  it('says a used link is gone, without a button, in English when asked', () => {
    const html = renderDocument(signInLinkView({ kind: 'gone' }, linkPage('en')));
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('has been used or has expired');
    expect(html).not.toContain('<form method="post" action="/logg-inn/');
    expect(html).toContain('<a class="ds-link" href="/logg-inn">Go to the sign-in page</a>');
  });
});

describe('the page single sign-on answers when it signs nobody in', () => {
  const ssoPage = (lang: 'nb' | 'en' = 'nb') => ({ ...testPage(lang, '/logg-inn'), viewer: null });

  it('is in the common layout, says why, and leads back to the sign-in page', () => {
    const html = renderDocument(ssoRefusedView('unknown-person', ssoPage()));
    expect(html).toContain('<a class="ds-skip-link" href="#main">');
    expect(html).toContain('<main id="main"');
    expect(html).toContain('href="/static/app.css"');
    expect(html).toContain('Vi fant ingen person med en bekreftet e-postadresse som stemmer.');
    expect(html).toContain('<a class="ds-link" href="/logg-inn">Gå til innloggingssiden</a>');
  });

  it('leads back to the sign-in page still carrying the page the flow started for', () => {
    const html = renderDocument(ssoRefusedView('unknown-person', ssoPage(), '/grupper/g-1?tilstand=alle'));
    expect(html).toContain(
      '<a class="ds-link" href="/logg-inn?neste=%2Fgrupper%2Fg-1%3Ftilstand%3Dalle">Gå til innloggingssiden</a>',
    );
  });

  it('is in English when asked', () => {
    const html = renderDocument(ssoRefusedView('failed', ssoPage('en')));
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Signing in with your organisation account did not complete.');
    expect(html).toContain('href="/logg-inn?lang=nb"');
  });
});
