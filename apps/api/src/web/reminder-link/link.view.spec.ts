import { renderDocument } from '../shared/render';
import { HOSTILE, testPage } from '../shared/view-testing';
import { linkView, type LinkOutcome, type LinkPage } from './link.view';

// Read without signing in: nobody, so the header offers nothing the reader may not use.
const page = (lang: 'nb' | 'en' = 'nb') => ({ ...testPage(lang, '/api/links/a.b'), viewer: null });
const render = (data: LinkPage, lang: 'nb' | 'en' = 'nb') => renderDocument(linkView(data, page(lang)));
const form = (over: Partial<LinkPage & { kind: 'form' }> = {}): LinkPage => ({
  kind: 'form',
  action: 'done',
  personName: 'Kari Nordmann',
  text: 'Dele lista',
  formAction: './a.b',
  ...over,
});
type Recorded = 'recorded-done' | 'recorded-progress' | 'already-done';
const told = (
  outcome: Exclude<LinkOutcome, 'reassigned' | Recorded>,
  personName: string | null = 'Kari',
): LinkPage => ({
  kind: 'outcome',
  action: 'done',
  personName,
  outcome,
});
/** The thanks after the button, for the item with this text. */
const thanked = (outcome: Recorded, text = 'Dele lista'): LinkPage => ({
  kind: 'outcome',
  action: 'done',
  personName: 'Kari',
  outcome,
  text,
});

describe('the page a reminder link opens', () => {
  it('is in the common layout, with no style of its own', () => {
    const html = render(form());
    expect(html).toContain('<html lang="nb"');
    expect(html).toContain('<a class="ds-skip-link" href="#main">');
    expect(html).toContain('<main id="main"');
    expect(html).toContain('href="/static/app.css"');
    expect(html).not.toMatch(/<style|style="/);
    expect(html).toContain('href="/api/links/a.b?lang=en"');
    expect(html).not.toContain('href="/import"');
    expect(html).not.toContain('action="/logg-ut"');
  });

  // The texts the bare page had (testing/mail-before/link-page-*.html until it moved here), for the same inputs.
  it('asks to confirm "done" with one button posting to the link, every piece of data escaped', () => {
    const html = render(
      form({ personName: 'Kari <N>', text: 'Dele "lista"', formAction: '/api/links/a.b?c=<d>' }),
    );
    expect(html).toContain('<title>Marker som utført – Tilneste</title>');
    expect(html).toMatch(/<h1 [^>]*>Marker som utført<\/h1>/);
    expect(html).toContain('For Kari &lt;N></p>');
    expect(html).toContain('Vil du merke «Dele &quot;lista&quot;» som utført?</p>');
    expect(html).toContain('<form method="post" action="/api/links/a.b?c=&lt;d>" class="link-page">');
    expect(html).toMatch(/<button type="submit" class="ds-button"[^>]*>Ja, merk som utført<\/button>/);
    expect(html).not.toContain('<textarea');
    expect(render(form({ personName: HOSTILE, text: HOSTILE }))).not.toContain('<script>alert(1)');
  });

  it('asks for progress in English, in a labelled text field named "text"', () => {
    const html = render(form({ action: 'progress', personName: 'Kari', formAction: './e.f?lang=en' }), 'en');
    expect(html).toContain('<html lang="en"');
    expect(html).toMatch(/<h1 [^>]*>Report progress<\/h1>/);
    expect(html).toContain('For Kari</p>');
    expect(html).toContain('How is “<span lang="nb">Dele lista</span>” going?</p>');
    expect(html).toContain('<form method="post" action="./e.f?lang=en" class="link-page">');
    expect(html).toContain('<label class="ds-label" for="link-text">Progress</label>');
    expect(html).toMatch(/<textarea class="ds-input" id="link-text" name="text" required maxlength="5000"/);
    expect(html).toContain('>Send progress</button>');
  });

  it('gives an empty progress report back with the error tied to its field', () => {
    const html = render(form({ action: 'progress', refused: { text: ' ' } }));
    expect(html).toContain('id="link-text-error">Skriv litt om fremdriften før du sender.</p>');
    expect(html).toMatch(/aria-describedby="link-text-error" aria-invalid="true"/);
    expect(html).toContain('Hvordan går det med «Dele lista»?');
  });

  // Without it the page reloads with the focus at the top, and a screen reader never hears what was wrong.
  it('opens a refused progress report with an error summary that takes the focus and links the field', () => {
    const html = render(form({ action: 'progress', refused: { text: ' ' } }));
    expect(html).toMatch(
      /<div class="ds-error-summary" id="link-errors" tabindex="-1" autofocus data-error-summary/,
    );
    expect(html).toContain('<a href="#link-text">Fremdrift: Skriv litt om fremdriften før du sender.</a>');
    expect(html.indexOf('data-error-summary')).toBeLessThan(html.indexOf('<textarea'));
    expect(render(form({ action: 'progress' }))).not.toContain('data-error-summary');
  });

  it('says what was done, or why nothing was, with no form', () => {
    const cases: [LinkPage, string][] = [
      [thanked('recorded-done'), 'Takk! Oppgaven er merket som utført: «Dele lista».'],
      [thanked('recorded-progress'), 'Takk! Fremdriften er registrert for «Dele lista».'],
      [thanked('already-done'), '«Dele lista» er allerede merket som utført. Ingenting ble endret.'],
      [told('closed'), 'Denne oppgaven er ikke lenger åpen. Ingenting ble endret.'],
      [told('not-found', null), 'Fant ikke oppgaven. Ingenting ble endret.'],
      [told('superseded'), 'Denne lenken gjelder ikke lenger'],
      [told('used'), 'Denne lenken er allerede brukt.'],
      [
        { kind: 'outcome', action: 'done', personName: null, outcome: 'reassigned', owner: null },
        'Oppgaven er flyttet til en annen etter at e-posten ble sendt, så lenken gjelder ikke lenger. Ingenting ble registrert.',
      ],
      [
        { kind: 'outcome', action: 'done', personName: null, outcome: 'reassigned', owner: 'Ola Leder' },
        'Oppgaven er flyttet til Ola Leder etter',
      ],
    ];
    for (const [data, text] of cases) {
      const html = render(data);
      expect([data, html]).toEqual([data, expect.stringMatching(/class="ds-alert"[^>]*role="status"/)]);
      expect([data, html]).toEqual([data, expect.stringContaining(text)]);
      expect([data, html]).toEqual([data, expect.stringMatching(/<h1 [^>]*>Marker som utført<\/h1>/)]);
      expect([data, html.slice(html.indexOf('<main'))]).toEqual([data, expect.not.stringContaining('<form')]);
    }
  });

  it('names the item the button acted on in its thanks, escaped, marked bokmål on the English page', () => {
    const nb = render(thanked('recorded-done', 'Bestille <møterom> & "kaffe"'));
    expect(nb).toContain(
      '<p class="ds-paragraph">Takk! Oppgaven er merket som utført: «Bestille &lt;møterom> &amp; &quot;kaffe&quot;».</p>',
    );
    const en = render(thanked('recorded-done'), 'en');
    expect(en).toContain(
      '<p class="ds-paragraph">Thank you! The item is marked as done: “<span lang="nb">Dele lista</span>”.</p>',
    );
    expect(render(thanked('recorded-progress'), 'en')).toContain(
      'Thank you! Your progress is recorded for “<span lang="nb">Dele lista</span>”.',
    );
    expect(render(thanked('already-done'), 'en')).toContain(
      '“<span lang="nb">Dele lista</span>” is already marked as done. Nothing was changed.',
    );
    const hostile = render(thanked('recorded-progress', HOSTILE));
    expect(hostile).toContain('Takk! Fremdriften er registrert for «&lt;script>alert(1)&lt;/script>');
    expect(hostile).not.toContain('<script>alert(1)');
  });

  it('marks a working group it was handed to as bokmål on an English page (WCAG 3.1.2), not a person', () => {
    const reassigned = (owner: string, ownerIsWorkingGroup: boolean): LinkPage => ({
      kind: 'outcome',
      action: 'done',
      personName: null,
      outcome: 'reassigned',
      owner,
      ownerIsWorkingGroup,
    });
    expect(render(reassigned('Arbeidsgruppe 5', true), 'en')).toContain(
      'This item was handed to <span lang="nb">Arbeidsgruppe 5</span> after the e-mail was sent',
    );
    expect(render(reassigned('Ola Leder', false), 'en')).toContain('This item was handed to Ola Leder after');
    expect(render(reassigned('Arbeidsgruppe 5', true))).toContain(
      'Oppgaven er flyttet til Arbeidsgruppe 5 etter',
    );
  });

  it('gives a way on from every outcome: sign in to see all the tasks, and after progress how to mark it done', () => {
    const outcomes: LinkPage[] = [
      thanked('recorded-done'),
      thanked('recorded-progress'),
      thanked('already-done'),
      told('closed'),
      told('not-found', null),
      told('superseded'),
      told('used'),
      { kind: 'outcome', action: null, personName: null, outcome: 'invalid' },
      { kind: 'outcome', action: null, personName: null, outcome: 'expired' },
      { kind: 'outcome', action: 'done', personName: null, outcome: 'reassigned', owner: 'Ola' },
    ];
    for (const data of outcomes) {
      const main = render(data).slice(render(data).indexOf('<main'));
      expect([data, main]).toEqual([
        data,
        expect.stringContaining(
          '<p class="ds-paragraph" data-onward="true"><a class="ds-link" href="/">Logg inn for å se alle oppgavene dine</a></p>',
        ),
      ]);
    }
    // A progress link cannot mark the item done: the page says which link can, and offers no form for it.
    const progress = render({ ...thanked('recorded-progress'), action: 'progress' });
    expect(progress).toContain('Bruk lenken «Marker som utført» ved oppgaven i e-posten');
    expect(progress.slice(progress.indexOf('<main'))).not.toContain('<form');
    expect(render(thanked('recorded-done'))).not.toContain('data-done-too');
    const en = render({ ...thanked('recorded-progress'), action: 'progress' }, 'en');
    expect(en).toContain('Use the “Mark as done” link by the task in the e-mail');
    expect(en).toContain('<a class="ds-link" href="/">Sign in to see all your tasks</a>');
    // The form pages keep to their one form.
    expect(render(form())).not.toContain('data-onward');
  });

  it('names a link it cannot read generically, in the reader language', () => {
    const bad = (outcome: 'invalid' | 'expired', lang: 'nb' | 'en') =>
      render({ kind: 'outcome', action: null, personName: null, outcome }, lang);
    expect(bad('invalid', 'nb')).toMatch(/<h1 [^>]*>Lenke fra en påminnelse<\/h1>/);
    expect(bad('invalid', 'nb')).toContain('Lenken er ugyldig. Ingenting ble registrert.');
    expect(bad('expired', 'en')).toMatch(/<h1 [^>]*>Link from a reminder<\/h1>/);
    expect(bad('expired', 'en')).toContain('The link has expired. Nothing was recorded.');
  });
});
