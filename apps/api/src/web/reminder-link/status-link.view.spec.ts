import { renderDocument } from '../shared/render';
import { HOSTILE, testPage } from '../shared/view-testing';
import { statusLinkView, type StatusLinkGroup, type StatusLinkPage } from './status-link.view';

// Read without signing in: nobody, so the header offers nothing the reader may not use.
const page = (lang: 'nb' | 'en' = 'nb') => ({
  ...testPage(lang, '/api/links/a.b'),
  viewer: null,
  formKey: () => '00000000-0000-4000-8000-000000000000',
});
const render = (data: StatusLinkPage, lang: 'nb' | 'en' = 'nb') =>
  renderDocument(statusLinkView(data, page(lang)));
const group: StatusLinkGroup = {
  name: 'Kartgruppa',
  status: 'active',
  statusText: 'Første møte holdt',
  statusReportedAt: '2025-05-02T10:00:00Z',
};
const form = (over: Partial<StatusLinkPage & { kind: 'form' }> = {}): StatusLinkPage => ({
  kind: 'form',
  personName: 'Kari Nordmann',
  workingGroup: group,
  formAction: './a.b',
  refused: null,
  ...over,
});

describe("the page a working group's status link opens", () => {
  it('shows the latest report and a keyed form with the signed-in form’s fields, in the common layout', () => {
    const html = render(form());
    expect(html).toContain('<title>Meld status for arbeidsgruppen – Tilneste</title>');
    expect(html).toContain('href="/api/links/a.b?lang=en"');
    expect(html).not.toMatch(/<style|style="/);
    expect(html).toContain('Hvordan står det til med arbeidsgruppen «Kartgruppa»?');
    expect(html).toMatch(/<strong>i gang<\/strong> – Første møte holdt/);
    expect(html).toContain('<form method="post" action="./a.b" novalidate');
    expect(html).toContain('<input type="hidden" name="_key" value="00000000-0000-4000-8000-000000000000"/>');
    expect(html).not.toContain('name="_csrf"');
    expect(html).toMatch(/name="status" value="active" checked/);
    expect(html).toContain('<legend class="ds-label">Status');
    expect(html).toContain('Hva er status?');
    expect(html).toMatch(/<textarea[^>]*maxlength="5000"/);
    expect(html).toContain('Lagre statusrapporten');
  });

  it('says so when nothing has been reported yet, and marks typed text in English pages', () => {
    const html = render(form({ workingGroup: { ...group, statusReportedAt: null, statusText: null } }));
    expect(html).toContain('Ingen statusrapport ennå.');
    const en = render(form(), 'en');
    expect(en).toContain('<html lang="en"');
    expect(en).toContain('How is the working group “<span lang="nb">Kartgruppa</span>” getting on?');
    expect(en).toContain('<span lang="nb">Første møte holdt</span>');
  });

  it('shows a refused form with what was typed and each error beside its field', () => {
    const html = render(
      form({
        refused: {
          form: 'status',
          values: { status: '', text: 'Uten status' },
          errors: [{ field: 'status', message: 'Velg et av alternativene.' }],
          formError: null,
        },
      }),
    );
    expect(html).toContain('data-error-summary');
    expect(html).toContain('<a href="#status-status">Status: Velg et av alternativene.</a>');
    expect(html).toContain('id="status-status-error"');
    expect(html).toContain('>Uten status</textarea>');
    expect(html).not.toMatch(/name="status" value="active" checked/);
  });

  it('confirms a report with a way to correct it, and a way on, without a form', () => {
    const html = render({
      kind: 'recorded',
      personName: 'Kari',
      workingGroup: group,
      again: './a.b?lang=en',
    });
    expect(html).toContain('Takk! Statusen for arbeidsgruppen er registrert.');
    expect(html).toContain('<a class="ds-link" href="./a.b?lang=en">Meld status på nytt</a>');
    expect(html).toContain('Logg inn for å se alle oppgavene dine');
    expect(html).not.toContain('<form method="post" action="./a.b');
  });

  it('says why the link reports nothing: a new lead (named or not), dissolved, unknown', () => {
    const refused = (over: Partial<StatusLinkPage & { kind: 'refused' }>) =>
      render({
        kind: 'refused',
        reason: 'lead-changed',
        lead: null,
        personName: 'Kari',
        ...over,
      } as StatusLinkPage);
    expect(refused({ lead: 'Ola Leder' })).toContain('Arbeidsgruppen ledes nå av Ola Leder, så lenken');
    expect(refused({ lead: null })).toContain('Du er ikke lenger leder for arbeidsgruppen');
    expect(refused({ reason: 'dissolved' })).toContain('Arbeidsgruppen er avviklet');
    expect(refused({ reason: 'not-found' })).toContain('Fant ikke arbeidsgruppen.');
    for (const html of [refused({ lead: 'Ola' }), refused({ reason: 'dissolved' })])
      expect(html).not.toContain('<textarea');
  });

  it('escapes every piece of data', () => {
    const html = render(
      form({ personName: HOSTILE, workingGroup: { ...group, name: HOSTILE, statusText: HOSTILE } }),
    );
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
  });
});
