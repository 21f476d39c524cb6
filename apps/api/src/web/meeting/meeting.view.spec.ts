import { Catalog } from '@tilneste/projections';
import { renderDocument } from '../shared/render';
import { HOSTILE, testPage } from '../shared/view-testing';
import { meetingPage, type MeetingPage } from './meeting.page-query';
import { meetingView, minutesNotReadyView } from './meeting.view';

/** A group with a meeting held (one item deferred), the next meeting with no items yet, and one after it. */
function story() {
  const catalog = new Catalog();
  const meeting = (id: string, startsAt: string, status: 'scheduled' | 'held' | 'cancelled') =>
    catalog.meetings.set(id, {
      id,
      groupId: 'g',
      title: null,
      startsAt,
      endsAt: null,
      location: null,
      online: null,
      status,
      items:
        id === 'held'
          ? [{ itemId: 'i1', number: 5, title: 'Posisjonsnotat', kind: 'discussion', deferred: true }]
          : [],
      attendance: [],
      minutesApproved: false,
      noticeIssued: false,
    });
  meeting('held', '2025-03-20T09:00:00+01:00', 'held');
  meeting('next', '2025-06-19T09:00:00+02:00', 'scheduled');
  meeting('later', '2025-09-18T09:00:00+02:00', 'scheduled');
  meeting('cancelled', '2025-05-02T09:00:00+02:00', 'cancelled');
  catalog.groups.set('g', {
    id: 'g',
    name: 'Faggruppen',
    members: new Map(),
    reminderOffsets: null,
    meetingIds: ['held', 'cancelled', 'next', 'later'],
    commitmentIds: new Set(),
    workingGroupIds: new Set(),
    matterIds: new Set(),
  });
  return catalog;
}

const now = new Date('2025-04-01T10:00:00Z');

describe('a meeting page', () => {
  it("counts the draft agenda's items for the next meeting only", () => {
    const catalog = story();
    // Approval of the notice and of the minutes before, the item deferred in March, any other business.
    expect(meetingPage(catalog, 'next', now)!.draftAgenda).toEqual({ items: 4 });
    expect(meetingPage(catalog, 'later', now)!.draftAgenda).toBeNull();
    expect(meetingPage(catalog, 'held', now)!.draftAgenda).toBeNull();
    expect(meetingPage(catalog, 'cancelled', now)!.draftAgenda).toBeNull();
  });

  it("links to the group's meetings either side by start time, a cancelled one too, each named by its date", () => {
    const catalog = story();
    const neighbours = (id: string) => {
      const { previous, next } = meetingPage(catalog, id, now)!.neighbours;
      return [previous?.id ?? null, next?.id ?? null];
    };
    expect(neighbours('held')).toEqual([null, 'cancelled']);
    expect(neighbours('cancelled')).toEqual(['held', 'next']);
    expect(neighbours('later')).toEqual(['next', null]);
    const html = renderDocument(meetingView(meetingPage(catalog, 'next', now)!, testPage()));
    expect(html).toContain(
      '<nav class="meeting-neighbours" aria-label="Gruppens møter"><ul class="ds-list">' +
        '<li><a class="ds-link" href="/moter/cancelled" rel="prev" data-neighbour="previous">Forrige møte: 2. mai 2025 (avlyst)</a></li>' +
        '<li><a class="ds-link" href="/moter/later" rel="next" data-neighbour="next">Neste møte: 18. september 2025 (planlagt)</a></li>' +
        '<li><a class="ds-link" href="/grupper/g/moter">Alle møtene i gruppen</a></li></ul></nav>',
    );
    const first = renderDocument(meetingView(meetingPage(catalog, 'held', now)!, testPage('en')));
    expect(first).not.toContain('data-neighbour="previous"');
    expect(first).toContain('data-neighbour="next">Next meeting: 2 May 2025 (cancelled)</a>');
  });

  it('lists the items in the order of their numbers, not the order they were added in', () => {
    const catalog = story();
    const item = (itemId: string, number: number | null, kind = 'other') =>
      ({ itemId, number, title: itemId, kind, deferred: false }) as const;
    catalog.meetings
      .get('next')!
      .items.push(item('aob', 4, 'aob'), item('late', 3), item('typed', 9), item('open', null));
    expect(meetingPage(catalog, 'next', now)!.items.map((i) => [i.number, i.itemId])).toEqual([
      [3, 'late'],
      [4, 'aob'],
      [9, 'typed'],
      // Read out after the item added before it.
      [10, 'open'],
    ]);
  });

  it('on the next meeting, says what its draft agenda gathers and links to it, besides the items recorded', () => {
    const html = renderDocument(meetingView(meetingPage(story(), 'next', now)!, testPage()));
    expect(html).toContain('Utkastet til saksliste samler det som skal opp');
    expect(html).toContain(
      '<a class="ds-link" href="/grupper/g/neste-saksliste">Se utkastet til saksliste (4 saker)</a>',
    );
    expect(html).toContain('Ingen saker er registrert på selve møtet ennå.');
    expect(html).not.toContain('Ingen saker er registrert.');
    const en = renderDocument(meetingView(meetingPage(story(), 'next', now)!, testPage('en')));
    expect(en).toContain('See the draft agenda (4 items)');
    expect(en).toContain('No items are recorded on the meeting itself yet.');
    // A meeting further ahead is not what the draft agenda is for.
    expect(renderDocument(meetingView(meetingPage(story(), 'later', now)!, testPage()))).not.toContain(
      'neste-saksliste',
    );
  });

  it('gives a meeting that ends the day it starts its end as a time alone, as the notice does', () => {
    const catalog = story();
    const when = (endsAt: string, lang: 'nb' | 'en' = 'nb') => {
      catalog.meetings.get('next')!.endsAt = endsAt;
      const html = renderDocument(meetingView(meetingPage(catalog, 'next', now)!, testPage(lang)));
      return /<dt>(?:Tid|When)<\/dt><dd>([^<]*)<\/dd>/.exec(html)![1];
    };
    expect(when('2025-06-19T11:30:00+02:00')).toBe('19. juni 2025 kl. 09:00 – 11:30');
    expect(when('2025-06-19T11:30:00+02:00', 'en')).toBe('19 June 2025 at 09:00 – 11:30');
    // Past midnight in Oslo (22:30 UTC) is the next day: both dates are said.
    expect(when('2025-06-19T22:30:00Z')).toBe('19. juni 2025 kl. 09:00 – 20. juni 2025 kl. 00:30');
  });

  it('offers the minutes once the meeting is held, and before that says when they can be had', () => {
    const page = (id: string) => renderDocument(meetingView(meetingPage(story(), id, now)!, testPage()));
    const held = page('held');
    expect(held).toContain(
      '<a class="ds-link" href="/moter/held/referat.docx" download>Last ned referatet (Word)</a>',
    );
    expect(held).toContain('Referatet er ikke godkjent ennå.');
    const ahead = page('next');
    expect(ahead).not.toContain('referat.docx');
    expect(ahead).not.toContain('Referatet er ikke godkjent');
    expect(ahead).toContain('Referatet kan lastes ned når møtet er avholdt.');
    const cancelled = page('cancelled');
    expect(cancelled).not.toContain('referat.docx');
    expect(cancelled).toContain('Møtet ble avlyst, så det har ikke noe referat.');
  });

  it('says how the minutes were approved: at which meeting, linked, or another way', () => {
    const catalog = story();
    const held = catalog.meetings.get('held')!;
    const render = (lang: 'nb' | 'en') =>
      renderDocument(meetingView(meetingPage(catalog, 'held', now)!, testPage(lang)));
    held.minutesApproved = true;
    held.minutesApprovedAtMeetingId = 'next';
    expect(render('nb')).toContain(
      'Referatet ble godkjent på møtet <a class="ds-link" href="/moter/next">19. juni 2025</a>.',
    );
    expect(render('en')).toContain(
      'The minutes were approved at the meeting of <a class="ds-link" href="/moter/next">19 June 2025</a>.',
    );
    held.minutesApprovedAtMeetingId = null;
    expect(render('nb')).toContain('Referatet er godkjent på annen måte (for eksempel per e-post).');
    expect(render('nb')).not.toContain('ikke godkjent');
    expect(render('en')).toContain('The minutes were approved another way (for example by e-mail).');
  });

  it('has a page for the minutes asked for too early, with the way back to the meeting', () => {
    const html = renderDocument(minutesNotReadyView({ meetingId: 'm "1"', status: 'scheduled' }, testPage()));
    expect(html).toContain('<title>Referatet er ikke klart – Tilneste</title>');
    expect(html).toMatch(/<h1 [^>]*>Referatet er ikke klart<\/h1>/);
    expect(html).toContain('Referatet kan lastes ned når møtet er avholdt.');
    expect(html).toContain('<a class="ds-link" href="/moter/m%20%221%22">Gå til møtet</a>');
    const en = renderDocument(minutesNotReadyView({ meetingId: 'm', status: 'cancelled' }, testPage('en')));
    expect(en).toContain('The meeting was cancelled, so it has no minutes.');
    expect(en).toContain('>Go to the meeting</a>');
  });

  it('marks what people typed as bokmål on an English page (WCAG 3.1.2), and neither catalogue text nor names', () => {
    const catalog = story();
    const held = catalog.meetings.get('held')!;
    Object.assign(held, {
      title: 'Budsjettmøte',
      location: 'Rådhuset',
      online: true,
      minutesApproved: true,
      minutesApprovedAtMeetingId: 'next',
      attendance: [{ personId: 'p1', remote: false, substituteFor: null }],
    });
    catalog.meetings.get('next')!.title = 'Vårmøte';
    catalog.people.set('p1', { id: 'p1', name: 'Kari Nordmann' } as never);
    const data: MeetingPage = {
      ...meetingPage(catalog, 'held', now)!,
      decisions: [
        {
          matterId: 'mt',
          matterTitle: 'Kommuneplanen',
          decisionId: 'd1',
          kind: 'adopted',
          text: 'Planen sendes på høring',
          amended: false,
        },
      ],
    };
    const en = renderDocument(meetingView(data, testPage('en')));
    expect(en).toContain('<h1 class="ds-heading" data-size="lg" lang="nb">Budsjettmøte</h1>');
    expect(en).toContain('<a class="ds-link" href="/grupper/g" lang="nb">Faggruppen</a>');
    expect(en).toContain('<dd><span lang="nb">Rådhuset</span>, Online</dd>');
    expect(en).toContain('<span class="agenda__title"><span lang="nb">Posisjonsnotat</span></span>');
    expect(en).toContain(
      '<a class="ds-link" href="/saker/mt" lang="nb">Kommuneplanen</a>: <span lang="nb">Planen sendes på høring</span>',
    );
    expect(en).toContain('19 June 2025 (<span lang="nb">Vårmøte</span>)</a>');
    expect(en).toContain('<a class="ds-link" href="/personer/p1/oppgaver">Kari Nordmann</a>');
    // The link to the bokmål page carries the one other mark.
    expect((en.match(/ lang="nb"/g) ?? []).length).toBe(8);
    const nb = renderDocument(meetingView(data, testPage()));
    expect(nb).toContain('<dd>Rådhuset, Digitalt</dd>');
    expect(nb).toContain('<span class="agenda__title">Posisjonsnotat</span>');
    expect((nb.match(/ lang="nb"/g) ?? []).length).toBe(1);
    // A meeting without a title of its own is named by the catalogue: not marked.
    held.title = null;
    expect(renderDocument(meetingView(meetingPage(catalog, 'held', now)!, testPage('en')))).toMatch(
      /<h1 class="ds-heading" data-size="lg">Meeting<\/h1>/,
    );
  });

  it('escapes what was typed', () => {
    const data: MeetingPage = { ...meetingPage(story(), 'next', now)!, title: HOSTILE, groupName: HOSTILE };
    const html = renderDocument(meetingView(data, testPage()));
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
  });
});
