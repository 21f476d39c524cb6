import { Catalog } from '@tilneste/projections';
import { renderDocument } from '../shared/render';
import { HOSTILE, testPage } from '../shared/view-testing';
import { dashboardLists, dashboardPage, type DashboardData } from './dashboard.page-query';
import { dashboardView } from './dashboard.view';
import { DASHBOARD_LIST_SIZE, groupListPage, groupMatters, groupMeetings } from './group-lists.page-query';
import { groupMattersView, groupMeetingsView } from './group-lists.view';

/** A group with a meeting every month of 2025 (the fourth cancelled, the last three ahead) and three matters. */
function story() {
  const catalog = new Catalog();
  const ids: string[] = [];
  for (let month = 1; month <= 12; month++) {
    const id = `m${month}`;
    ids.push(id);
    catalog.meetings.set(id, {
      id,
      groupId: 'g',
      title: month === 2 ? HOSTILE : null,
      startsAt: `2025-${String(month).padStart(2, '0')}-10T09:00:00+01:00`,
      endsAt: null,
      location: null,
      online: null,
      status: month === 4 ? 'cancelled' : month >= 10 ? 'scheduled' : 'held',
      items: [],
      attendance: [],
      minutesApproved: false,
      noticeIssued: false,
    });
  }
  catalog.groups.set('g', {
    id: 'g',
    name: 'Faggruppen',
    members: new Map(),
    reminderOffsets: null,
    meetingIds: ids,
    commitmentIds: new Set(),
    workingGroupIds: new Set(),
    matterIds: new Set(['old', 'recent', 'unmet']),
  });
  const matter = (id: string, title: string, status: 'open' | 'closed') =>
    catalog.matters.set(id, { id, groupId: 'g', title, status });
  matter('old', 'Handlingsprogram 2024', 'closed');
  matter('recent', HOSTILE, 'open');
  matter('unmet', 'Posisjonsnotat', 'open');
  const step = (at: string, meetingId: string | null) => ({
    at,
    type: meetingId ? 'MatterDiscussed' : 'MatterOpened',
    meetingId,
    text: null,
    previousText: null,
    actor: null,
  });
  // Recorded in one go (an import) long after: the meetings date them, not when they were recorded.
  catalog.timelines.set('old', [step('2025-12-01T10:00:00Z', null), step('2025-12-01T10:00:00Z', 'm2')]);
  catalog.timelines.set('recent', [step('2025-12-01T10:00:00Z', null), step('2025-12-01T10:00:00Z', 'm9')]);
  // No meeting has dealt with it yet: dated by when it was opened.
  catalog.timelines.set('unmet', [step('2025-01-05T10:00:00Z', null)]);
  return catalog;
}

const data = {
  groupId: 'g',
  open: 0,
  overdue: 0,
  carriedOver: 0,
  byOwner: [],
  workingGroups: [],
  deferredItems: [],
  unowned: [],
  history: [],
  reminders: { sent: 0, failed: 0, pending: 0, needsAttention: 0 },
  cannotRemind: [],
} as unknown as DashboardData;

const dashboard = (catalog: Catalog, lang: 'nb' | 'en' = 'nb') =>
  renderDocument(
    dashboardView(
      dashboardPage(
        data,
        { next: null, unclosed: [] },
        'Faggruppen',
        {},
        [],
        [],
        dashboardLists(catalog, 'g'),
      ),
      testPage(lang, '/grupper/g'),
    ),
  );

const section = (html: string, id: string) => {
  const start = html.indexOf(`<section id="${id}"`);
  return html.slice(start, html.indexOf('</section>', start));
};
const rowIds = (html: string, kind: string) =>
  [...html.matchAll(new RegExp(`data-${kind}="([^"]+)"`, 'g'))].map((m) => m[1]);

describe("the group's meetings", () => {
  it('are every meeting, whatever its status, the latest start first', () => {
    expect(groupMeetings(story(), 'g').map((m) => [m.id, m.status])).toEqual([
      ['m12', 'scheduled'],
      ['m11', 'scheduled'],
      ['m10', 'scheduled'],
      ['m9', 'held'],
      ['m8', 'held'],
      ['m7', 'held'],
      ['m6', 'held'],
      ['m5', 'held'],
      ['m4', 'cancelled'],
      ['m3', 'held'],
      ['m2', 'held'],
      ['m1', 'held'],
    ]);
    expect(groupMeetings(story(), 'other')).toEqual([]);
  });

  it('on the dashboard: the latest few in a captioned table, linked by date, status in words, and a link to all', () => {
    const html = section(dashboard(story()), 'meetings');
    expect(rowIds(html, 'meeting')).toEqual(['m12', 'm11', 'm10', 'm9', 'm8'].slice(0, DASHBOARD_LIST_SIZE));
    expect(html).toContain('<h2 id="meetings-h" class="ds-heading" data-size="sm">Møter</h2>');
    expect(html).toContain('<caption id="meetings-caption">De 5 siste møtene</caption>');
    expect(html).toContain('<th scope="col">Dato</th><th scope="col">Møte</th><th scope="col">Status</th>');
    expect(html).toContain(
      '<tr data-meeting="m9" data-status="held"><th scope="row"><a class="ds-link" href="/moter/m9">10. september 2025</a></th><td>Møte</td><td>avholdt</td></tr>',
    );
    expect(html).toContain('<a class="ds-link" href="/grupper/g/moter">Se alle møtene (12)</a>');
    const en = section(dashboard(story(), 'en'), 'meetings');
    expect(en).toContain('<caption id="meetings-caption">The latest 5 meetings</caption>');
    expect(en).toContain('<td>Meeting</td><td>scheduled</td>');
    expect(en).toContain('See all the meetings (12)');
  });

  it('says so when the group has none, with no link to a list', () => {
    const catalog = story();
    catalog.groups.get('g')!.meetingIds = [];
    catalog.groups.get('g')!.matterIds = new Set();
    const html = dashboard(catalog);
    expect(section(html, 'meetings')).toContain('Gruppen har ingen møter ennå.');
    expect(section(html, 'matters')).toContain('Gruppen har ingen saker ennå.');
    expect(html).not.toContain('/grupper/g/moter');
    expect(html).not.toContain('/grupper/g/saker');
  });

  it('on their own page: all of them, a cancelled one in words, typed text escaped, a way back', () => {
    const catalog = story();
    const html = renderDocument(
      groupMeetingsView(
        groupListPage(catalog, 'g', groupMeetings(catalog, 'g')),
        testPage('nb', '/grupper/g/moter'),
      ),
    );
    expect(rowIds(html, 'meeting')).toHaveLength(12);
    expect(html).toContain('<h1 class="ds-heading" data-size="lg">Møter i Faggruppen</h1>');
    expect(html).toContain('<caption id="meetings-caption">Møtene, det siste først</caption>');
    // Wider than a phone, the table scrolls in a box the keyboard reaches, named by the caption.
    expect(html).toContain(
      '<div class="table-scroll" tabindex="0" role="region" aria-labelledby="meetings-caption" data-hint="Tabellen er bredere enn skjermen: rull sidelengs, eller bruk piltastene">',
    );
    expect(html).toContain(
      '<a class="ds-link" href="/moter/m4">10. april 2025</a></th><td>Møte</td><td>avlyst</td>',
    );
    expect(html).toContain('<a class="ds-link" href="/grupper/g">Tilbake til oversikten for gruppen</a>');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
  });
});

describe("the group's matters", () => {
  it('are dated by the latest meeting that dealt with them, else when recorded, the latest first', () => {
    expect(groupMatters(story(), 'g')).toEqual([
      { id: 'recent', title: HOSTILE, status: 'open', lastAt: '2025-09-10T09:00:00+01:00' },
      { id: 'old', title: 'Handlingsprogram 2024', status: 'closed', lastAt: '2025-02-10T09:00:00+01:00' },
      { id: 'unmet', title: 'Posisjonsnotat', status: 'open', lastAt: '2025-01-05T10:00:00Z' },
    ]);
  });

  it('are worked out once between two events, and again after the next one', () => {
    const catalog = story();
    catalog.position = 41n;
    const first = groupMatters(catalog, 'g');
    expect(groupMatters(catalog, 'g')).toBe(first);
    // A matter taken up at the November meeting, then the position the event that recorded it had.
    catalog.matters.set('late', { id: 'late', groupId: 'g', title: 'Årsmelding', status: 'open' });
    catalog.groups.get('g')!.matterIds.add('late');
    catalog.timelines.set('late', [
      {
        at: '2025-11-10T10:00:00Z',
        type: 'MatterDiscussed',
        meetingId: 'm11',
        text: null,
        previousText: null,
        actor: null,
      },
    ]);
    expect(groupMatters(catalog, 'g')).toBe(first);
    catalog.position = 42n;
    expect(groupMatters(catalog, 'g').map((m) => m.id)).toEqual(['late', 'recent', 'old', 'unmet']);
  });

  it('on the dashboard and their own page: title linked to the history, when last dealt with, state in words', () => {
    const catalog = story();
    const html = section(dashboard(catalog), 'matters');
    expect(rowIds(html, 'matter')).toEqual(['recent', 'old', 'unmet']);
    // All of them shown: the caption is the full list's.
    expect(html).toContain('<caption id="matters-caption">Sakene, den sist behandlede først</caption>');
    expect(html).toMatch(
      /<div class="table-scroll" tabindex="0" role="region" aria-labelledby="matters-caption"/,
    );
    expect(html).toContain(
      '<tr data-matter="old" data-status="closed"><th scope="row"><a class="ds-link" href="/saker/old">Handlingsprogram 2024</a></th><td>10. feb. 25</td><td>avsluttet</td></tr>',
    );
    expect(html).toContain('<a class="ds-link" href="/grupper/g/saker">Se alle sakene (3)</a>');
    const page = renderDocument(
      groupMattersView(
        groupListPage(catalog, 'g', groupMatters(catalog, 'g')),
        testPage('en', '/grupper/g/saker'),
      ),
    );
    expect(page).toContain(
      '<h1 class="ds-heading" data-size="lg">Matters of <span lang="nb">Faggruppen</span></h1>',
    );
    expect(page).toContain(
      '<a class="ds-link" href="/saker/old"><span lang="nb">Handlingsprogram 2024</span></a></th><td>10 Feb 25</td><td>closed</td>',
    );
    expect(page).not.toContain('<script>alert');
  });
});
