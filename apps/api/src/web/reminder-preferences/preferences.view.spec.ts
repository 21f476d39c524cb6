import { renderDocument } from '../shared/render';
import { HOSTILE, testPage } from '../shared/view-testing';
import { preferencesView, type PreferencesPage } from './preferences.view';

const data = (over: Partial<PreferencesPage> = {}): PreferencesPage => ({
  personName: 'Kari Nordmann',
  preferences: { reminders: 'last', chairDigest: false, calendarNotices: true, language: 'nb' },
  notice: null,
  action: '/varsler/p1.abc',
  ...over,
});
// Read without signing in: nobody, so the header offers nothing the reader may not use.
const page = (lang: 'nb' | 'en' = 'nb') => ({ ...testPage(lang, '/varsler/p1.abc'), viewer: null });
const render = (over: Partial<PreferencesPage> = {}, lang: 'nb' | 'en' = 'nb') =>
  renderDocument(preferencesView(data(over), page(lang)));

describe('the reminder preferences page', () => {
  it('is in the common layout, with no style of its own', () => {
    const html = render();
    expect(html).toContain('<html lang="nb"');
    expect(html).toContain('<a class="ds-skip-link" href="#main">');
    expect(html).toContain('<main id="main"');
    expect(html).toContain('href="/static/app.css"');
    expect(html).not.toMatch(/<style|style="/);
    expect(html).not.toContain('href="/import"');
    expect(html).not.toContain('action="/logg-ut"');
  });

  it('gives a link naming nobody a way on, to sign in and see the tasks', () => {
    const html = render({ preferences: null, personName: null, notice: 'invalid' });
    expect(html).toContain('Lenken er ugyldig.');
    expect(html).toContain('<a class="ds-link" href="/">Logg inn for å se alle oppgavene dine</a>');
    expect(render({ preferences: null, personName: null, notice: 'invalid' }, 'en')).toContain(
      '>Sign in to see all your tasks</a>',
    );
    expect(render()).not.toContain('data-onward');
  });

  it('posts the choices to the link, the saved ones ticked, every choice labelled', () => {
    const html = render();
    expect(html).toContain('<form method="post" action="/varsler/p1.abc" class="preferences">');
    expect(html).toMatch(/value="last" checked/);
    expect(html).not.toMatch(/value="all" checked/);
    expect(html).toMatch(/name="calendarNotices" value="on" checked/);
    expect(html).not.toMatch(/name="chairDigest" value="on" checked/);
    for (const id of ['preferences-reminders-all', 'preferences-reminders-none', 'preferences-chairDigest'])
      expect(html).toContain(`<label class="ds-label" for="${id}"`);
    expect(html).toContain('Velg hvilke e-poster Kari Nordmann får fra Tilneste.');
  });

  it('offers the language of the e-mails, the saved one chosen', () => {
    const nb = render();
    expect(nb).toContain('Språk i e-postene');
    expect(nb).toMatch(/name="language" value="nb" checked/);
    expect(nb).not.toMatch(/name="language" value="en" checked/);
    const en = render({ preferences: { ...data().preferences!, language: 'en' } }, 'en');
    expect(en).toContain('Language of the e-mails');
    expect(en).toMatch(/name="language" value="en" checked/);
    expect(en).toContain('<label class="ds-label" for="preferences-language-en"');
  });

  it('announces what was done, in English when asked', () => {
    expect(render({ notice: 'saved' })).toMatch(/role="status"><p class="ds-paragraph">Valgene er lagret\./);
    const html = render({ notice: 'unsubscribed' }, 'en');
    expect(html).toContain('<html lang="en"');
    expect(html).toMatch(/role="status"><p class="ds-paragraph">You will get no more reminders\./);
    expect(html).toContain('Other e-mails');
  });

  it('has no form for a link that names nobody, and escapes the name', () => {
    const gone = render({ personName: null, preferences: null, notice: 'invalid' });
    expect(gone).toContain('Lenken er ugyldig.');
    expect(gone).not.toContain('class="preferences"');
    expect(render({ personName: HOSTILE })).not.toContain('<script>alert(1)');
  });
});
