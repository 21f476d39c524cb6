import { renderDocument } from '../shared/render';
import { testPage } from '../shared/view-testing';
import {
  dashboardPage,
  readFollowUpFilter,
  type DashboardData,
  type FollowUpTask,
} from './dashboard.page-query';
import { dashboardView } from './dashboard.view';

const task = {
  id: 'c1',
  text: 'Fordele arbeidet',
  owner: { personId: 'p1' },
  ownerName: 'Kari',
  dueAt: '2025-06-19T09:00:00+02:00',
  dueMeetingId: 'm2',
  workingGroup: null,
  carriedOver: 0,
  overdue: false,
  status: 'open',
} as unknown as FollowUpTask;

const data = {
  groupId: 'g',
  open: 1,
  overdue: 0,
  carriedOver: 0,
  byOwner: [
    { owner: { personId: 'p1' }, name: 'Kari', open: 1, overdue: 0, carriedOver: 0, commitments: [task] },
  ],
  workingGroups: [],
  deferredItems: [],
  unowned: [],
  history: [],
  reminders: { sent: 0, failed: 0, pending: 0, needsAttention: 0 },
  cannotRemind: [],
} as unknown as DashboardData;

/** The dashboard as its controller draws it for this query. */
const render = (query: Record<string, unknown>, lang: 'nb' | 'en' = 'nb') => {
  const { filter, invalid } = readFollowUpFilter(query);
  const page = dashboardPage(data, { next: null, unclosed: [] }, 'G', filter, [], invalid);
  return renderDocument(dashboardView(page, testPage(lang, '/grupper/g')));
};

describe('the dashboard view, given a filter it does not know', () => {
  it('says beside the state field which states there are, tied to it for a screen reader, and lists nothing', () => {
    const html = render({ status: 'ferdig' });
    expect(html).toMatch(
      /<p class="ds-validation-message" data-field="validation" data-color="danger" id="f-state-error">Ukjent status i adressen\. Velg en av disse: open \(Åpne\), overdue \(Forfalt\), carried-over \(Utsatt\), done \(Utført\), all \(Alle, også utførte og trukne\)\.<\/p><select class="ds-input" id="f-state" name="status" aria-invalid="true" aria-describedby="f-state-error">/,
    );
    // A list filtered by less than was asked would pass for the answer: neither the list nor its CSV.
    expect(html).not.toContain('id="follow-up-results"');
    expect(html).not.toContain('data-commitment="c1"');
    expect(html).not.toContain('oppfolging.csv');
    // Sent whole, not swapped in place: the page must come back without these errors.
    expect(html).toMatch(/<form method="get" action="\/grupper\/g" class="filters">/);
    expect(html).not.toContain('hx-get');
    // The other fields are as they were.
    expect(html).toMatch(/<select class="ds-input" id="f-owner" name="ansvarlig">/);
  });

  it('sums the errors up at the top of the form, each a link to its field, taking the focus', () => {
    const html = render({ ansvarlig: 'Ola', status: ['open', 'done'] });
    expect(html).toMatch(
      /<form method="get" action="\/grupper\/g"[^>]*><div class="ds-error-summary" id="filter-errors" tabindex="-1" autofocus[^>]*aria-labelledby="filter-errors-h">/,
    );
    expect(html).toContain(
      '<h2 class="ds-heading" data-size="2xs" id="filter-errors-h">Skjemaet har feil som må rettes</h2>',
    );
    expect(html).toContain(
      '<a href="#f-owner">Ansvarlig: Ukjent ansvarlig i adressen. Velg en ansvarlig fra listen, eller «Alle».</a>',
    );
    expect(html).toMatch(/<a href="#f-state">Status: Ukjent status i adressen\./);
    // Nothing is stored by a filter: the summary does not say that nothing was.
    expect(html).not.toContain('Det ble ikke lagret noe.');
    expect(html).toMatch(
      /id="f-owner" name="ansvarlig" aria-invalid="true" aria-describedby="f-owner-error"/,
    );
  });

  it('says it in English on the English page', () => {
    const html = render({ arbeidsgruppe: ['w1', 'w2'], status: 'finished' }, 'en');
    expect(html).toContain(
      'Unknown state in the address. Choose one of these: open (Open), overdue (Overdue), carried-over (Carried over), done (Done), all (All, done and withdrawn too).',
    );
    expect(html).toContain(
      '<a href="#f-wg">Working group: Unknown working group in the address. Choose a working group from the list, or “All”.</a>',
    );
  });

  it('shows the open list with no error for an old link without a state, or the form’s empty choices', () => {
    for (const query of [{}, { ansvarlig: '', arbeidsgruppe: '', status: '' }]) {
      const html = render(query);
      expect(html).not.toContain('data-error-summary');
      expect(html).not.toContain('aria-invalid');
      expect(html).toContain('<tr data-commitment="c1" data-status="open">');
      expect(html).toContain('href="/grupper/g/oppfolging.csv?status=open"');
      expect(html).toContain('hx-get="/grupper/g"');
    }
  });
});
