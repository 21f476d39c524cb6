import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

describe('the dashboard view’s plot of held meetings', () => {
  /** `count` held meetings a fortnight apart, the latest on 26 November 2026. */
  const held = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      meetingId: `m${i}`,
      startsAt: new Date(Date.UTC(2026, 10, 26, 9) - (count - 1 - i) * 14 * 86_400_000).toISOString(),
      open: i,
      closed: 2 * i,
    }));
  const plot = (count: number) => {
    const page = dashboardPage(
      { ...data, history: held(count) },
      { next: null, unclosed: [] },
      'G',
      readFollowUpFilter({}).filter,
      [],
      undefined,
    );
    const html = renderDocument(dashboardView(page, testPage('nb', '/grupper/g')));
    const [svg, table] = /<svg[^]*?<\/svg>[^]*?<\/table>/.exec(html)![0].split('</svg>');
    // The dates under the bars in one of the two sizes (the axis's figures are drawn with text-anchor="end").
    const dates = (set: 'wide' | 'narrow' = 'wide') =>
      [
        ...svg.matchAll(
          new RegExp(
            `<text x="([\\d.]+)"[^>]*text-anchor="middle" class="plot__label plot__label--${set}">([^<]+)</text>`,
            'g',
          ),
        ),
      ].map(([, x, text]) => ({ x: Number(x), text }));
    return {
      bars: (svg.match(/<rect /g) ?? []).length,
      dates,
      table: table.match(/<th scope="row">/g) ?? [],
    };
  };

  it('dates every bar when they fit; on a phone, where the dates are larger, every other one', () => {
    const { bars, dates, table } = plot(4);
    expect(bars).toBe(8);
    expect(dates('wide').map((d) => d.text)).toEqual([
      '15. okt. 26',
      '29. okt. 26',
      '12. nov. 26',
      '26. nov. 26',
    ]);
    expect(dates('narrow').map((d) => d.text)).toEqual(['29. okt. 26', '26. nov. 26']);
    expect(table).toHaveLength(4);
  });

  it.each([
    ['wide', 13],
    ['narrow', 22],
  ] as const)(
    'dates only some bars of two years of meetings in the %s size, the latest always, never two on top of each other',
    (set, size) => {
      const { bars, dates: all, table } = plot(48);
      const dates = all(set);
      expect(bars).toBe(96);
      expect(table).toHaveLength(48);
      expect(dates.length).toBeGreaterThan(2);
      expect(dates.length).toBeLessThan(48);
      expect(dates.at(-1)!.text).toBe('26. nov. 26');
      // Nor cut off at either edge of the 640-wide drawing.
      const half = (text: string) => (text.length * size * 0.6) / 2;
      expect(dates[0].x - half(dates[0].text)).toBeGreaterThanOrEqual(0);
      expect(dates.at(-1)!.x + half(dates.at(-1)!.text)).toBeLessThan(640);
      for (let i = 1; i < dates.length; i++) {
        // A date is about 0.6 em a character: the next one starts where this one has ended.
        expect(dates[i].x - half(dates[i].text)).toBeGreaterThan(dates[i - 1].x + half(dates[i - 1].text));
      }
    },
  );

  it('draws the narrow dates larger and fewer, and app.css shows them on a narrow screen instead', () => {
    const { dates } = plot(48);
    expect(dates('narrow').length).toBeLessThan(dates('wide').length);
    const css = readFileSync(join(__dirname, '../assets/app.css'), 'utf8');
    expect(css).toMatch(/\.plot__label--narrow \{\s*font-size: 22px;\s*display: none;/);
    expect(css).toMatch(/@media \(max-width: 36rem\) \{\s*\.plot__label--wide \{\s*display: none;/);
  });
});

describe('the dashboard view’s commitments with no owner', () => {
  it('links each to its page, where the secretariat gives it one, its typed text marked bokmål in English', () => {
    const unowned = { ...task, id: 'c9', text: 'Innhente tall', owner: null, ownerName: null };
    const page = dashboardPage(
      { ...data, unowned: [unowned] } as unknown as DashboardData,
      { next: null, unclosed: [] },
      'G',
      readFollowUpFilter({}).filter,
      [],
      undefined,
    );
    const section = (lang: 'nb' | 'en') =>
      /<section[^>]*id="unowned"[^]*?<\/section>/.exec(
        renderDocument(dashboardView(page, testPage(lang, '/grupper/g'))),
      )![0];
    expect(section('nb')).toContain('<li><a class="ds-link" href="/forpliktelser/c9">Innhente tall</a></li>');
    expect(section('en')).toContain(
      '<a class="ds-link" href="/forpliktelser/c9" lang="nb">Innhente tall</a>',
    );
  });
});

describe("the dashboard's tables, which scroll sideways on a narrow screen", () => {
  /** Each scrolling box's opening tag, and whether the element naming it is on the page. */
  const boxes = (html: string) =>
    [...html.matchAll(/<div class="table-scroll"[^>]*>/g)].map(([tag]) => ({
      tag,
      namedBy: /aria-labelledby="([^"]+)"/.exec(tag)?.[1],
    }));

  it('are each a region the keyboard reaches, named by its heading or caption, with the hint in bokmål', () => {
    const html = render({});
    const found = boxes(html);
    // The follow-up list and the owners' table (the others are empty in this story).
    expect(found.map((b) => b.namedBy)).toEqual(['follow-up-caption', 'by-owner-caption']);
    for (const { tag, namedBy } of found) {
      expect(tag).toMatch(/ tabindex="0"/);
      expect(tag).toMatch(/ role="region"/);
      expect(tag).toContain(
        'data-hint="Tabellen er bredere enn skjermen: rull sidelengs, eller bruk piltastene"',
      );
      expect(html).toContain(` id="${namedBy}"`);
    }
    // Named apart from the section around it (a landmark of the same name twice confuses a list of landmarks).
    expect(html).toContain(
      '<caption id="follow-up-caption" class="ds-sr-only">Tabell: Oppfølgingsliste</caption>',
    );
  });

  it('hints in English on the English page', () => {
    for (const { tag } of boxes(render({}, 'en')))
      expect(tag).toContain(
        'data-hint="The table is wider than the screen: scroll sideways, or use the arrow keys"',
      );
  });

  it('shows the hint only while a box overflows, and the box where it has the focus (app.css)', () => {
    const css = readFileSync(join(__dirname, '../assets/app.css'), 'utf8');
    expect(css).toMatch(/\.table-scroll\[data-hint\]::before \{[^}]*content: attr\(data-hint\) \/ '';/);
    expect(css).toMatch(/animation-timeline: scroll\(nearest inline\);/);
    expect(css).toMatch(/\.table-scroll:focus-visible \{/);
  });
});
