import { messagesFor } from '@tilneste/i18n';
import { parseMinutes } from '@tilneste/minutes-import';
import type { PageContext } from '../shared/page-context';
import { renderFragment } from '../shared/render';
import { emptyPlanDescription, recordedLines } from './import-preview';
import {
  erasedView,
  jobStatusFragment,
  previewView,
  reviewView,
  uploadView,
  type JobData,
  type PreviewData,
  type PreviewLine,
  type ReviewData,
} from './import.view';

const en = messagesFor('en');

const page = (lang: 'nb' | 'en' = 'nb'): PageContext => ({
  lang,
  m: messagesFor(lang),
  path: '/import/jobber/1',
  viewer: null,
  csrfToken: null,
  may: () => false,
});

const job = (changes: Partial<JobData> = {}): JobData => ({
  id: 'a1',
  kind: 'commit',
  state: 'running',
  done: 12,
  total: 40,
  seconds: 3,
  error: null,
  target: null,
  back: '/import',
  ...changes,
});

describe('the import progress', () => {
  it('shows how far a commit has come, and polls again while it runs', () => {
    const html = renderFragment(jobStatusFragment(job(), page()));
    expect(html).toContain('Lagrer 12 av 40');
    expect(html).toContain('<progress max="40" value="12"');
    expect(html).toContain('hx-get="/import/jobber/a1?del=status"');
    // Without script, a link reloads the page.
    expect(html).toContain('href="/import/jobber/a1"');
  });

  it('stops polling when done or failed, and says why it failed', () => {
    const done = renderFragment(jobStatusFragment(job({ state: 'done', target: '/import/abc' }), page('en')));
    expect(done).not.toContain('hx-get');
    expect(done).toContain('href="/import/abc"');
    const failed = renderFragment(
      jobStatusFragment(
        job({ kind: 'parse', state: 'failed', error: '<b>Word-filen</b> kan ikke leses' }),
        page(),
      ),
    );
    expect(failed).not.toContain('hx-get');
    expect(failed).toContain('&lt;b>Word-filen&lt;/b> kan ikke leses');
  });

  it('reads a document with a running time, as it cannot count pages', () => {
    const html = renderFragment(jobStatusFragment(job({ kind: 'parse', total: null, done: 0 }), page()));
    expect(html).toContain('Leser dokumentet … (3 s)');
    expect(html).toMatch(/<progress aria-label="Fremdrift"/);
  });
});

/** A preview line with no typed value in it. */
const plain = (text: string): PreviewLine => ({ text: () => text, value: '' });

describe('what a commit will record', () => {
  it('lists the new people, members, items, decisions, commitments with owner and due, and escapes them', () => {
    const html = renderFragment(
      previewView(
        {
          id: 'abc',
          revision: '3',
          fileName: 'referat.docx',
          groupName: 'Faggruppe',
          meeting: { date: '2025-09-09', existing: false },
          people: ['Eli <b>Bryhni</b>'],
          aliases: [{ name: 'Håkon Gjems', person: 'Haakon Gjems' }],
          items: [plain('Sak 19: Fagbrev'), plain('Sak 20: Høring – utsatt til neste møte')],
          renumbered: [plain('Sak 20, Eventuelt, blir sak 21.')],
          matters: ['Fagbrev'],
          decisions: [{ item: plain('Sak 19: Fagbrev'), text: 'Godkjent' }],
          commitments: [
            {
              item: plain('Sak 19: Fagbrev'),
              text: 'Lage et utkast',
              owner: 'Per Hansen',
              due: 'til neste møte',
            },
          ],
          workingGroups: [{ name: 'Rekruttering', lead: 'Per Hansen', members: ['Kari Nordmann'] }],
          workingGroupChanges: [plain('Kari Nordmann blir leder for Fagbrev-gruppen.')],
          members: ['Per Hansen (medlem)'],
          attendance: 3,
          held: true,
          approvals: ['Referatet fra møtet 10. januar 2025 blir godkjent, i møtet 9. september 2025.'],
          carriedOver: [
            plain(
              '«Kartlegge <i>behov</i>» er fortsatt åpen etter møtet 9. september 2025, og overføres til neste møte.',
            ),
          ],
          leads: [],
          summary: recordedLines({ people: 1, attendance: 3, minutesApproved: 1 }, messagesFor('nb')),
          committed: false,
          problems: [],
        },
        page(),
      ),
    );
    expect(html).toContain('Eli &lt;b>Bryhni&lt;/b>');
    expect(html).toContain('Nye medlemmer av gruppen (1)');
    expect(html).toContain('Sak 20: Høring – utsatt til neste møte');
    expect(html).toContain('Nye saker som følges opp (1)');
    expect(html).toContain('Saker på sakslisten som får nytt nummer (1)');
    expect(html).toContain('Sak 20, Eventuelt, blir sak 21.');
    expect(html).toContain('Rekruttering (leder: Per Hansen), medlemmer: Kari Nordmann');
    expect(html).toContain('Kari Nordmann blir leder for Fagbrev-gruppen.');
    expect(html).toContain('3 deltakere føres som til stede. Møtet merkes som avholdt.');
    expect(html).toContain('«Håkon Gjems» = Haakon Gjems');
    expect(html).toMatch(/Lage et utkast <span class="muted">— Per Hansen, til neste møte/);
    // What the commit records after the plan, each under its own heading; a kind with none has no heading.
    expect(html).toContain('Referater som blir godkjent (1)');
    expect(html).toContain('Referatet fra møtet 10. januar 2025 blir godkjent, i møtet 9. september 2025.');
    expect(html).toContain('Forpliktelser som overføres til neste møte (1)');
    expect(html).toContain('«Kartlegge &lt;i>behov&lt;/i>» er fortsatt åpen');
    expect(html).not.toContain('id="p-leads"');
    expect(html).not.toContain('Ledere av arbeidsgrupper');
    expect(html).not.toContain('Ingen.');
    // The summary first, as the summary after recording counts it; the headings one level under the title.
    expect(html).toMatch(
      /<h2 id="p-summary-h"[^>]*>I alt<\/h2><ul class="ds-list"><li data-kind="people" data-count="1">1 ny person<\/li>/,
    );
    expect(html).toContain('<li data-kind="minutesApproved" data-count="1">1 referat godkjent</li>');
    const headings = [...html.matchAll(/<h(\d)/g)].map((h) => Number(h[1]));
    expect(headings[0]).toBe(1);
    expect(headings.slice(1).every((h) => h === 2)).toBe(true);
    expect(html).toContain('<input type="hidden" name="revision" value="3"/>');
  });
  it('marks only the typed values in its lines as bokmål on an English page (WCAG 3.1.2), not names or its words', () => {
    const data = (): PreviewData => ({
      id: 'abc',
      revision: '3',
      fileName: 'referat.docx',
      groupName: 'Faggruppe',
      ...emptyPlanDescription({ date: '2025-09-09', existing: false }),
      people: ['Eli Bryhni'],
      items: [{ text: (title) => en.importPage.deferredItem(`Item 20: ${title}`), value: 'Høring' }],
      matters: ['Fagbrev'],
      decisions: [{ item: { text: (title) => `Item 19: ${title}`, value: 'Fagbrev' }, text: 'Godkjent' }],
      workingGroups: [{ name: 'Rekruttering', lead: 'Per Hansen', members: ['Kari Nordmann'] }],
      workingGroupChanges: [
        { text: (name) => en.importPage.wgMemberAdded(name, 'Kari Nordmann'), value: 'Rekruttering' },
      ],
      carriedOver: [
        { text: (text) => en.importPage.carriedOverLine(text, '9 September 2025'), value: 'Kartlegge behov' },
      ],
      leads: [{ text: (name) => en.importPage.wgLeadChange(name, 'Per Hansen'), value: 'Rekruttering' }],
      committed: false,
      problems: [],
    });
    const html = renderFragment(previewView(data(), page('en')));
    expect(html).toContain('From “referat.docx” in <span lang="nb">Faggruppe</span>. Check it');
    expect(html).toContain('<li>Item 20: <span lang="nb">Høring</span> – deferred to the next meeting</li>');
    expect(html).toContain('<li><span lang="nb">Fagbrev</span></li>');
    expect(html).toContain(
      '<li>Item 19: <span lang="nb">Fagbrev</span>: <span lang="nb">Godkjent</span></li>',
    );
    expect(html).toContain(
      '<li><span lang="nb">Rekruttering</span> (lead: Per Hansen), members: Kari Nordmann</li>',
    );
    expect(html).toContain('<li>Kari Nordmann joins <span lang="nb">Rekruttering</span>.</li>');
    expect(html).toContain('<span lang="nb">Kartlegge behov</span>');
    expect(html).toMatch(/<li><span lang="nb">Rekruttering<\/span>[^<]*Per Hansen[^<]*<\/li>/);
    expect(html).toContain('<li>Eli Bryhni</li>');
    // A bokmål page has <html lang="nb">: nothing else is marked.
    const nb = renderFragment(previewView(data(), page('nb')));
    expect(nb.match(/ lang="nb"/g)).toEqual([' lang="nb"']);
    expect(nb).toContain('<html lang="nb"');
  });

  it('says plainly when nothing would be recorded, and shows no section at all', () => {
    for (const lang of ['nb', 'en'] as const) {
      const m = messagesFor(lang);
      const html = renderFragment(
        previewView(
          {
            id: 'abc',
            revision: '3',
            fileName: 'referat.docx',
            groupName: 'Faggruppe',
            ...emptyPlanDescription({ date: '2025-09-09', existing: true }),
            committed: false,
            problems: [],
          },
          page(lang),
        ),
      );
      expect(html).toContain(m.importPage.previewNothing);
      expect([...html.matchAll(/<section id="([^"]+)"/g)].map((s) => s[1])).toEqual(['p-summary']);
      expect(html).not.toContain(m.importPage.attendanceLine(0));
    }
  });
});

describe('the review page just after recording', () => {
  const text =
    'Referat fra møte i faggruppe for vann\nMøtedato: 12.03.2026\n\nSak 1/26 Eventuelt\nIngen saker.';
  const review = (recorded: ReviewData['recorded']): ReviewData => ({
    id: 'a'.repeat(64),
    fileName: 'mars.docx',
    groupName: 'Vann',
    revision: '4',
    draft: parseMinutes(text),
    lines: text.split('\n'),
    proposals: [],
    known: [],
    newPeople: [],
    directoryNames: [],
    committed: { meetingId: 'm1', created: {} },
    flash: null,
    recorded,
    refused: null,
    planProblems: [],
  });

  it('lists what was recorded, one kind a line, each with its count for a reader or a test to check', () => {
    const lines = recordedLines({ attendance: 3, minutesApproved: 1 }, messagesFor('nb'));
    const html = renderFragment(reviewView(review(lines), page()));
    expect(html).toMatch(/role="status" id="recorded"><h2[^>]*>Lagret i Tilneste<\/h2>/);
    expect(html).toContain('<li data-kind="attendance" data-count="3">3 deltakere ført som til stede</li>');
    expect(html).toContain('<li data-kind="minutesApproved" data-count="1">1 referat godkjent</li>');
  });

  it('says so when everything had been recorded already, and shows nothing when it was not just recorded', () => {
    expect(renderFragment(reviewView(review([]), page('en')))).toContain(
      'Everything had been recorded already.',
    );
    expect(renderFragment(reviewView(review(null), page()))).not.toContain('id="recorded"');
  });

  it('no longer says that nothing is recorded until it is, once it is', () => {
    const html = renderFragment(reviewView(review(null), page()));
    expect(html).toContain('Dokumentet er lagret i Vann.');
    expect(html).not.toContain('Ingenting lagres');
    expect(renderFragment(reviewView({ ...review(null), committed: null }, page()))).toContain(
      'Ingenting lagres i Vann',
    );
  });
});

describe('the review page in English (WCAG 3.1.2)', () => {
  const text = 'Referat fra møte i faggruppe for vann\nMøtedato: 12.03.2026\n\nSak 1/26 Høring\nIngen saker.';
  const review = (): ReviewData => {
    const draft = parseMinutes(text);
    draft.meeting.location = 'Rådhuset';
    draft.agendaItems = [
      {
        number: 1,
        title: 'Høring',
        decisions: ['Planen sendes på høring'],
        commitments: [
          { owner: 'Per Hansen', text: 'Sende planen', due: 'next-meeting', sourceText: 'Per sender planen' },
        ],
        deferred: false,
      },
    ];
    draft.workingGroups = [{ name: 'Rekruttering', lead: 'Per Hansen', members: [], agendaItem: 1 }];
    return {
      id: 'a'.repeat(64),
      fileName: 'mars.docx',
      groupName: 'Vann',
      revision: '4',
      draft,
      lines: text.split('\n'),
      proposals: [],
      known: [],
      newPeople: [],
      directoryNames: [],
      committed: null,
      flash: null,
      recorded: null,
      refused: null,
      planProblems: [],
    };
  };

  it("marks the document's own text as bokmål: its lines, and the fields filled from it, not the names", () => {
    const html = renderFragment(reviewView(review(), page('en')));
    expect(html).toContain('Nothing is recorded in <span lang="nb">Vann</span> until');
    expect(html).toContain('<span class="source-content" lang="nb">Sak 1/26 Høring</span>');
    // The region around the lines is named in the reader's language, so it is not marked itself.
    expect(html).toContain(
      '<div class="source-text" tabindex="0" role="region" aria-label="The source text, line by line">',
    );
    expect(html).toMatch(/name="item\.0\.title" lang="nb"[^>]* value="Høring"/);
    expect(html).toMatch(
      /name="item\.0\.decision\.0\.text" lang="nb"[^>]*>Planen sendes på høring<\/textarea>/,
    );
    expect(html).toMatch(/name="item\.0\.commitment\.0\.text" lang="nb"[^>]*>Sende planen<\/textarea>/);
    expect(html).toMatch(/name="newdecision\.0\.text" lang="nb"/);
    expect(html).toMatch(/name="new\.0\.text" lang="nb"/);
    expect(html).toMatch(/name="meeting\.location" lang="nb"[^>]* value="Rådhuset"/);
    expect(html).toMatch(/name="wg\.0\.name" lang="nb"[^>]* value="Rekruttering"/);
    expect(html).toMatch(/name="newwg\.name" lang="nb"/);
    expect(html).toContain('«<span lang="nb">Per sender planen</span>»');
    expect(html).toContain('Remove the working group <span lang="nb">Rekruttering</span></button>');
    // People's names and dates are not the document's words to mark.
    expect(html).toMatch(/name="item\.0\.commitment\.0\.owner"(?![^>]*lang=)[^>]*value="Per Hansen"/);
    expect(html).toMatch(/name="wg\.0\.lead" type="text" value="Per Hansen"/);
    expect(html).toMatch(/name="meeting\.date" type="date"/);
    const nb = renderFragment(reviewView(review(), page()));
    expect(nb.match(/ lang="nb"/g)).toEqual([' lang="nb"']);
  });
});

describe('the review refused', () => {
  it("names the agenda item of each field in the error summary, as every item has a 'Vedtak 1'", () => {
    const text =
      'Referat fra møte i faggruppe for vann\nMøtedato: 12.03.2026\n\nSak 1/26 Budsjett\nVedtak: Godkjent.\n\nSak 2/26 Plan\nVedtak: Tatt til orientering.';
    const draft = parseMinutes(text);
    const data: ReviewData = {
      id: 'b'.repeat(64),
      fileName: 'mars.docx',
      groupName: 'Vann',
      revision: '4',
      draft,
      lines: text.split('\n'),
      proposals: [],
      known: [],
      newPeople: [],
      directoryNames: [],
      committed: null,
      flash: null,
      recorded: null,
      refused: {
        values: {},
        errors: [{ field: 'item.1.decision.0.text', message: 'Skriv vedtaket, eller fjern det.' }],
      },
      planProblems: [],
    };
    const html = renderFragment(reviewView(data, page()));
    const number = draft.agendaItems[1].number;
    expect(html).toContain(`>Sak ${number} – Vedtak 1: Skriv vedtaket, eller fjern det.</a>`);
  });
});

describe('an import whose document an erasure removed', () => {
  it('says so in bokmål and English, and still leads to the meeting it recorded', () => {
    const nb = renderFragment(erasedView({ groupName: 'Faggruppe for vann', meetingId: 'm1' }, page()));
    expect(nb).toContain('Dokumentet er fjernet');
    expect(nb).toContain('en person som er nevnt i det, er slettet');
    expect(nb).toContain('href="/moter/m1"');
    const en = renderFragment(erasedView({ groupName: 'Vann', meetingId: null }, page('en')));
    expect(en).toContain('a person it mentions was erased');
    expect(en).toContain('<span lang="nb">Vann</span>. <a');
    expect(nb.match(/ lang="nb"/g)).toEqual([' lang="nb"']);
    expect(en).not.toContain('/moter/');
  });

  it('is listed without its file name, tagged as removed', () => {
    const html = renderFragment(
      uploadView(
        {
          groups: [{ id: 'g1', name: 'Vann' }],
          reviews: [
            {
              id: 'a'.repeat(64),
              fileName: null,
              groupName: 'Vann',
              at: '2026-03-01T10:00:00Z',
              committed: true,
              erased: true,
            },
            {
              id: 'b'.repeat(64),
              fileName: 'mars.docx',
              groupName: 'Vann',
              at: '2026-03-02T10:00:00Z',
              committed: false,
              erased: false,
            },
          ],
          refused: null,
          maxMb: 5,
        },
        page(),
      ),
    );
    expect(html).toContain('Fjernet dokument');
    expect(html).toContain('fjernet ved sletting');
    expect(html).toContain('mars.docx');
    expect(html).not.toContain('Innlimt tekst');
    expect(html.match(/ lang="nb"/g)).toEqual([' lang="nb"']);
  });

  it('marks the groups, and the pasted text field, as bokmål on an English page (WCAG 3.1.2)', () => {
    const html = renderFragment(
      uploadView(
        {
          groups: [
            { id: 'g1', name: 'Vann' },
            { id: 'g2', name: 'Avløp' },
          ],
          reviews: [
            {
              id: 'b'.repeat(64),
              fileName: 'mars.docx',
              groupName: 'Vann',
              at: '2026-03-02T10:00:00Z',
              committed: false,
              erased: false,
            },
          ],
          refused: null,
          maxMb: 5,
        },
        page('en'),
      ),
    );
    expect(html).toContain('<option value="g2" lang="nb">Avløp</option>');
    expect(html).toMatch(/<textarea class="ds-input" id="[^"]*" name="text" lang="nb"/);
    expect(html).toContain('<span class="muted"><span lang="nb">Vann</span>, 2 March 2026');
    expect(html).toMatch(/<input class="ds-input" id="[^"]*" name="file"(?![^>]*lang=)/);
  });
});
