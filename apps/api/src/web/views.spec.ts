import { renderDocument } from './shared/render';
import { HOSTILE, testPage, testPrincipal } from './shared/view-testing';
import { agendaText, agendaView, type AgendaPage } from './agenda/agenda.view';
import { dashboardView } from './dashboard/dashboard.view';
import { dashboardPage, type DashboardData, type FollowUpTask } from './dashboard/dashboard.page-query';
import { matterView } from './matter/matter.view';
import type { MatterPage } from './matter/matter.page-query';
import { tasksView } from './tasks/tasks.view';
import { errorView } from './shared/error.view';
import { workingGroupView, type WorkingGroupPage } from './working-group/working-group.view';
import type { TaskView } from '@tilneste/projections';

const task = (over: Partial<TaskView> = {}): TaskView =>
  ({
    id: 'c1',
    text: 'Fordele arbeidet',
    owner: { personId: 'p1' },
    ownerName: 'Kari',
    due: { nextMeeting: true },
    dueAt: '2025-06-19T09:00:00+02:00',
    dueMeetingId: 'm2',
    meetingId: 'm1',
    groupId: 'g',
    source: {
      meetingId: 'm1',
      meetingStartsAt: '2025-03-20T09:00:00+01:00',
      agendaItemId: 'i',
      agendaItemTitle: 'Arbeidsgrupper',
      agendaItemNumber: 4,
      imported: null,
    },
    workingGroup: null,
    carriedOver: 0,
    overdue: false,
    status: 'open',
    progress: [],
    as: 'owner',
    ...over,
  }) as TaskView;

/** Neither a tag nor an attribute came from the hostile text: only its escaped form is in the page. */
function expectEscaped(html: string) {
  expect(html).not.toContain('<script>alert');
  expect(html).not.toContain('<img src=x');
  expect(html).not.toMatch(/href="\s*javascript:/i);
  expect(html).toContain('&lt;script>alert(1)&lt;/script>');
}

/**
 * The elements marked bokmål beside the one every page has (<html lang="nb"> on a bokmål page, the link to the
 * bokmål page on an English one): typed text on an English page (WCAG 3.1.2, audit L6).
 */
const bokmalMarks = (html: string) => (html.match(/ lang="nb"/g) ?? []).length - 1;

describe('the layout', () => {
  it('sets <html lang> and links to the other language on the same path', () => {
    const nb = renderDocument(errorView('not-found', testPage('nb', '/grupper/x')));
    expect(nb).toMatch(/^<!doctype html><html lang="nb"/);
    expect(nb).toContain('href="/grupper/x?lang=en"');
    const en = renderDocument(errorView('not-found', testPage('en', '/grupper/x')));
    expect(en).toMatch(/<html lang="en"/);
    expect(en).toContain('Page not found');
    expect(en).toContain('href="/grupper/x?lang=nb"');
  });

  it('has no inline script or style: scripts and CSS are files', () => {
    const html = renderDocument(errorView('server', testPage()));
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toContain('<style');
  });
});

describe('the dashboard view', () => {
  const follow = (over: Partial<FollowUpTask>) => ({ ...task(), ...over }) as unknown as FollowUpTask;
  const data = (tasks: FollowUpTask[]) =>
    ({
      groupId: 'g',
      open: tasks.length,
      overdue: 1,
      carriedOver: 1,
      byOwner: [
        {
          owner: { personId: 'p1' },
          name: HOSTILE,
          open: tasks.length,
          overdue: 1,
          carriedOver: 1,
          commitments: tasks,
        },
      ],
      workingGroups: [
        {
          id: 'w1',
          name: 'Arbeidsgruppe 5',
          lead: null,
          status: 'not-started',
          statusText: HOSTILE,
          open: 1,
          done: 0,
        },
      ],
      deferredItems: [],
      unowned: [],
      history: [
        { meetingId: 'm1', startsAt: '2025-03-20T09:00:00+01:00', open: 4, closed: 0 },
        { meetingId: 'm2', startsAt: '2025-06-19T09:00:00+02:00', open: 3, closed: 2 },
      ],
      reminders: { sent: 2, failed: 1, pending: 0, needsAttention: 0 },
      cannotRemind: [{ id: 'p5', name: 'Leder 5', reason: 'no-email' }],
    }) as unknown as DashboardData;

  it('draws one pair of bars per held meeting, and has the figures in a table as well', () => {
    const page = dashboardPage(
      data([follow({ text: HOSTILE, overdue: true, carriedOver: 3 })]),
      { next: null, unclosed: [] },
      HOSTILE,
      {},
    );
    const html = renderDocument(dashboardView(page, testPage()));
    expect(html.match(/<rect /g)).toHaveLength(4);
    expect(html).toContain('<caption>Tallene i diagrammet</caption>');
    expect(html.match(/<th scope="row">\d+\. (mars|juni) 2025<\/th><td>\d<\/td><td>\d<\/td>/g)).toHaveLength(
      2,
    );
    expect(html).toContain('href="/grupper/g/oppfolging.csv?status=open"');
    expect(html).toContain('href="/grupper/g/neste-saksliste"');
    expectEscaped(html);
  });

  it('marks what people typed as bokmål on an English page: the group, commitments, working groups, their status', () => {
    const page = dashboardPage(data([follow({})]), { next: null, unclosed: [] }, 'Faggruppe for plan', {});
    const en = renderDocument(dashboardView(page, testPage('en')));
    expect(en).toContain(
      '<h1 class="ds-heading" data-size="lg">Overview: <span lang="nb">Faggruppe for plan</span></h1>',
    );
    expect(en).toContain('<a class="ds-link" href="/forpliktelser/c1" lang="nb">Fordele arbeidet</a>');
    expect(en).toContain('<a class="ds-link" href="/arbeidsgrupper/w1" lang="nb">Arbeidsgruppe 5</a>');
    expect(en).toContain('<option value="w1" lang="nb">Arbeidsgruppe 5</option>');
    expect(en).toMatch(/ – <span lang="nb">&lt;script>alert\(1\)/);
    const nb = renderDocument(dashboardView(page, testPage()));
    expect(nb).toContain('<h1 class="ds-heading" data-size="lg">Oversikt: Faggruppe for plan</h1>');
    expect(bokmalMarks(nb)).toBe(0);
  });

  it('keeps the chosen filter selected, and the form works as a plain GET', () => {
    const page = dashboardPage(data([follow({})]), { next: null, unclosed: [] }, 'G', {
      arbeidsgruppe: 'w1',
      status: 'overdue',
    });
    const html = renderDocument(dashboardView(page, testPage()));
    expect(html).toMatch(/<form method="get" action="\/grupper\/g"/);
    expect(html).toContain('<option value="w1" selected>Arbeidsgruppe 5</option>');
    expect(html).toContain('<option value="overdue" selected>Forfalt</option>');
    expect(html).toContain('Ingen forpliktelser passer filteret.');
    // The CSV link carries the filter, inside the part the form swaps in place (htmx), so it keeps up.
    expect(html).toMatch(
      /<div id="follow-up-results"[^>]*>(?:(?!<\/section>).)*href="\/grupper\/g\/oppfolging\.csv\?arbeidsgruppe=w1&amp;status=overdue"/s,
    );
  });

  it('offers "Utført" and "Alle" in the status filter, and says which listed ones are done or withdrawn', () => {
    const open = follow({ id: 'o', text: 'Åpen oppgave', carriedOver: 1 });
    const done = follow({ id: 'd', text: 'Ferdig oppgave', status: 'completed' });
    const gone = follow({ id: 'w', text: HOSTILE, status: 'withdrawn' });
    const render = (status: 'done' | 'all', lang: 'nb' | 'en' = 'nb') =>
      renderDocument(
        dashboardView(
          dashboardPage(data([open]), { next: null, unclosed: [] }, 'G', { status }, [done, gone]),
          testPage(lang),
        ),
      );
    const all = render('all');
    expect(all).toContain('<option value="done">Utført</option>');
    expect(all).toContain('<option value="all" selected>Alle, også utførte og trukne</option>');
    expect(all).toContain('data-shown="3">Viser 3 av 3</p>');
    expect(all).toContain('<tr data-commitment="d" data-status="completed">');
    expect(all).toMatch(
      /data-status="completed">.*?<span class="ds-tag" data-color="success">Utført<\/span>/,
    );
    expect(all).toMatch(
      /data-status="withdrawn">.*?<span class="ds-tag" data-color="neutral">Trukket tilbake<\/span>/,
    );
    expect(all).toMatch(/data-status="open">.*?utsatt 1 gang/);
    expect(all).toContain('href="/forpliktelser/d"');
    expectEscaped(all);
    const done1 = render('done');
    expect(done1).toContain('<option value="done" selected>Utført</option>');
    expect(done1).toContain('data-shown="1">Viser 1 av 1</p>');
    expect(done1).not.toContain('Åpen oppgave');
    const en = render('all', 'en');
    expect(en).toContain('<option value="done">Done</option>');
    expect(en).toContain('<option value="all" selected>All, done and withdrawn too</option>');
    expect(en).toContain('>Withdrawn</span>');
  });
});

describe('the tasks view', () => {
  it('has "Marker som utført" and a progress form per task, as plain posts with htmx beside them', () => {
    const html = renderDocument(
      tasksView(
        {
          person: { id: 'p1', name: HOSTILE },
          tasks: [
            task({
              text: HOSTILE,
              carriedOver: 2,
              progress: [{ at: '2025-05-01T10:00:00Z', text: HOSTILE }],
            }),
          ],
          flash: 'done',
          answerable: new Set(['c1']),
        },
        testPage(),
      ),
    );
    expect(html).toContain(
      '<form method="post" action="/personer/p1/oppgaver/c1/utfort" hx-post="/personer/p1/oppgaver/c1/utfort"',
    );
    expect(html).toContain('action="/personer/p1/oppgaver/c1/fremdrift"');
    expect(html).toContain('Marker som utført');
    expect(html).toContain('utsatt 2 ganger');
    expect(html).toContain('Registrert som utført.');
    expect(html).toContain('sak 4: Arbeidsgrupper');
    expectEscaped(html);
  });

  it('marks what people typed as bokmål on an English page, and neither catalogue text nor names', () => {
    const data = {
      person: { id: 'p1', name: 'Kari Nordmann' },
      tasks: [
        task({
          workingGroup: { id: 'w5', name: 'Arbeidsgruppe 5' },
          as: 'working-group-lead',
          progress: [{ at: '2025-05-01T10:00:00Z', text: 'Halvveis, møte avtalt' }],
        }),
      ],
      flash: null,
      answerable: new Set<string>(),
    };
    const en = renderDocument(tasksView(data, testPage('en')));
    // Not linked: this reader may not read the group (the link is marked too, see the dashboard).
    expect(en).toContain('data-size="xs"><span lang="nb">Fordele arbeidet</span></h2>');
    expect(en).toContain('item 4: <span lang="nb">Arbeidsgrupper</span>');
    expect(en).toContain(' – <span lang="nb">Arbeidsgruppe 5</span>');
    const member = testPage('en', '/', testPrincipal({ roles: { g: 'member' } }));
    expect(renderDocument(tasksView(data, member))).toContain(
      '<a class="ds-link" href="/arbeidsgrupper/w5" lang="nb">Arbeidsgruppe 5</a>',
    );
    expect(en).toContain('<dd><span lang="nb">Halvveis, møte avtalt</span> (1 May 2025');
    expect(en).toMatch(/<h1 class="ds-heading" data-size="lg">Tasks of Kari Nordmann<\/h1>/);
    expect(bokmalMarks(en)).toBe(4);
    // On a bokmål page the mark would repeat <html lang="nb">: none.
    const nb = renderDocument(tasksView(data, testPage()));
    expect(nb).toContain('data-size="xs">Fordele arbeidet</h2>');
    expect(nb).toContain('sak 4: Arbeidsgrupper');
    expect(bokmalMarks(nb)).toBe(0);
  });

  it("links a working group's lead from outside its group to the working group, not to the group's pages", () => {
    const links = (html: string) =>
      [...html.matchAll(/<a class="ds-link" href="([^"]+)"/g)]
        .map((x) => x[1])
        .filter((h) => /^\/(arbeidsgrupper|forpliktelser|moter)\//.test(h));
    // testPrincipal is the person "reader": here the lead of working group w5, outside group g.
    const data = {
      person: { id: 'reader', name: 'Rita' },
      tasks: [task({ workingGroup: { id: 'w5', name: 'Arbeidsgruppe 5' }, as: 'working-group-lead' })],
      flash: null,
      answerable: new Set(['c1']),
    };
    const lead = renderDocument(tasksView(data, testPage('nb', '/', testPrincipal())));
    expect(links(lead)).toEqual(['/arbeidsgrupper/w5']);
    expect(lead).toContain('<dd>20. mars 2025');
    // Someone in another group of the lead's reads the list: the working group is not theirs to open either.
    const other = testPage('nb', '/', testPrincipal({ roles: { h: 'member' } }));
    expect(links(renderDocument(tasksView({ ...data, person: { id: 'p9', name: 'Per' } }, other)))).toEqual(
      [],
    );
    const member = testPage('nb', '/', testPrincipal({ roles: { g: 'member' } }));
    expect(links(renderDocument(tasksView({ ...data, person: { id: 'p9', name: 'Per' } }, member)))).toEqual([
      '/forpliktelser/c1',
      '/moter/m2',
      '/moter/m1',
      '/arbeidsgrupper/w5',
    ]);
  });

  it('shows the two forms only on the tasks the reader may answer for', () => {
    const data = {
      person: { id: 'p1', name: 'X' },
      tasks: [task({ id: 'mine', text: 'Min oppgave' }), task({ id: 'theirs', text: 'Ikke min' })],
      flash: null,
      answerable: new Set(['mine']),
    };
    const html = renderDocument(tasksView(data, testPage()));
    expect(html).toContain('Ikke min');
    expect(html).toContain('action="/personer/p1/oppgaver/mine/utfort"');
    expect(html).not.toContain('/oppgaver/theirs/');
    expect(html.match(/Marker som utført/g)).toHaveLength(1);
  });

  it("sends the session's CSRF token with every form once there is one", () => {
    const data = {
      person: { id: 'p1', name: 'X' },
      tasks: [task()],
      flash: null,
      answerable: new Set(['c1']),
    };
    expect(renderDocument(tasksView(data, testPage()))).not.toContain('_csrf');
    const html = renderDocument(tasksView(data, { ...testPage(), csrfToken: 'tok"en' }));
    // mark done, report progress, and sign-out in the header
    expect(html.match(/<input type="hidden" name="_csrf" value="tok&quot;en"\/>/g)).toHaveLength(3);
    expect(html).toContain('<form method="post" action="/logg-ut"');
  });

  it("gives a refused progress report back open, with what was typed, its error tied to that task's field", () => {
    const data = {
      person: { id: 'p1', name: 'X' },
      tasks: [task({ id: 'a' }), task({ id: 'b' })],
      flash: null,
      answerable: new Set(['a', 'b']),
      refused: { commitmentId: 'b', text: `   ${HOSTILE}`, problem: 'empty' as const },
    };
    const html = renderDocument(tasksView(data, testPage('nb', '/personer/p1/oppgaver')));
    // Only b's disclosure is open, and only b's field is marked.
    expect(html.match(/<details class="ds-details task__progress" open/g)).toHaveLength(1);
    const b = html.slice(html.indexOf('data-commitment="b"'));
    expect(b).toMatch(/<details class="ds-details task__progress" open/);
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(1);
    expect(b).toContain(
      '<textarea class="ds-input" id="progress-b" name="text" required maxlength="5000" aria-describedby="progress-b-error" aria-invalid="true" rows="3">   &lt;script>',
    );
    expect(b).toContain(
      '<p class="ds-validation-message" data-field="validation" data-color="danger" id="progress-b-error">Skriv litt om fremdriften før du sender.</p>',
    );
    // The summary at the form's top takes the focus and links to the field, named by its label.
    expect(b).toMatch(
      /<div class="ds-error-summary" id="progress-b-errors" tabindex="-1" autofocus data-error-summary/,
    );
    expect(b).toContain('<a href="#progress-b">Hva er gjort?: Skriv litt om fremdriften før du sender.</a>');
    expectEscaped(html);
    const en = renderDocument(
      tasksView({ ...data, refused: { ...data.refused, problem: 'too-long' } }, testPage('en')),
    );
    expect(en).toContain('The text is too long: at most 5000 characters.');
    expect(en).not.toContain('fremdriften');
  });

  it('lets the focus land on the status message after a mark done or a report sent with htmx', () => {
    const data = { person: { id: 'p1', name: 'X' }, tasks: [task()], answerable: new Set(['c1']) };
    const done = renderDocument(tasksView({ ...data, flash: 'done' }, testPage()));
    expect(done).toContain(
      '<div class="ds-alert" data-color="success" tabindex="-1" data-focus-after-swap="true"><p class="ds-paragraph">Registrert som utført.',
    );
    expect(renderDocument(tasksView({ ...data, flash: null }, testPage()))).not.toContain(
      'data-focus-after-swap',
    );
  });

  it("names each task's buttons after their visible text, for a screen reader's list of buttons", () => {
    const data = {
      person: { id: 'p1', name: 'X' },
      tasks: [task({ id: 'a', text: 'Bestille møterom' }), task({ id: 'b', text: HOSTILE })],
      flash: null,
      answerable: new Set(['a', 'b']),
    };
    const html = renderDocument(tasksView(data, testPage()));
    const a = html.slice(html.indexOf('data-commitment="a"'), html.indexOf('data-commitment="b"'));
    expect(a).toContain('Marker som utført<span class="ds-sr-only"> – «Bestille møterom»</span></button>');
    expect(a).toContain(
      '<summary>Meld fremdrift<span class="ds-sr-only"> – «Bestille møterom»</span></summary>',
    );
    expect(a).toContain('Send<span class="ds-sr-only"> – «Bestille møterom»</span></button>');
    const b = html.slice(html.indexOf('data-commitment="b"'));
    expect(b).toContain('Marker som utført<span class="ds-sr-only"> – «&lt;script>alert(1)&lt;/script>');
    expectEscaped(html);
    // On an English page the typed text inside is marked bokmål.
    const en = renderDocument(tasksView(data, testPage('en')));
    expect(en).toContain(
      'Mark as done<span class="ds-sr-only"> – “<span lang="nb">Bestille møterom</span>”</span></button>',
    );
  });

  it('names the task in the flash after a mark done or a report, where the page was given it', () => {
    const data = { person: { id: 'p1', name: 'X' }, tasks: [task()], answerable: new Set(['c1']) };
    const flash = (html: string) =>
      /data-focus-after-swap="true"><p class="ds-paragraph">(.*?)<\/p>/.exec(html)?.[1];
    const done = { ...data, flash: 'done' as const, flashTask: 'Bestille møterom' };
    expect(flash(renderDocument(tasksView(done, testPage())))).toBe(
      '«Bestille møterom» er registrert som utført.',
    );
    expect(flash(renderDocument(tasksView(done, testPage('en'))))).toBe(
      '“<span lang="nb">Bestille møterom</span>” is recorded as done.',
    );
    const progress = { ...data, flash: 'progress' as const, flashTask: HOSTILE };
    const reported = renderDocument(tasksView(progress, testPage()));
    expect(flash(reported)).toMatch(
      /^Fremdriften på «&lt;script>alert\(1\)&lt;\/script> .*» er registrert\.$/,
    );
    expectEscaped(reported);
    // Without a task to name (an address edited by hand), the plain confirmation.
    expect(flash(renderDocument(tasksView({ ...done, flashTask: null }, testPage())))).toBe(
      'Registrert som utført.',
    );
  });

  it('encodes ids that end up in a link or a form action', () => {
    const html = renderDocument(
      tasksView(
        {
          person: { id: 'a/b?c', name: 'X' },
          tasks: [task({ id: '"x' })],
          flash: null,
          answerable: new Set(['"x']),
        },
        testPage(),
      ),
    );
    expect(html).toContain('action="/personer/a%2Fb%3Fc/oppgaver/%22x/utfort"');
  });

  it('says which imported document and line a task came from, escaped, linked to the import for staff only', () => {
    const imported = (document: string | null, line: number | null) =>
      task({
        source: { ...task().source, imported: { importId: 'a'.repeat(64), document, line } },
      });
    const data = {
      person: { id: 'p1', name: 'X' },
      tasks: [imported(HOSTILE, 42)],
      flash: null,
      answerable: new Set<string>(),
    };
    const owner = renderDocument(tasksView(data, testPage()));
    expect(owner).toContain('Importert fra «&lt;script>alert(1)&lt;/script>');
    expect(owner).toContain(', linje 42');
    expect(owner).not.toContain('href="/import/');
    expectEscaped(owner);

    const secretariat = testPage('nb', '/', testPrincipal({ roles: { g: 'secretariat' } }));
    const staff = renderDocument(tasksView(data, secretariat));
    expect(staff).toContain(`<a class="ds-link" href="/import/${'a'.repeat(64)}">Importert fra «`);
    expectEscaped(staff);
    // The secretariat of another group is not staff here.
    const other = testPage('nb', '/', testPrincipal({ roles: { h: 'secretariat', g: 'member' } }));
    expect(renderDocument(tasksView(data, other))).not.toContain('href="/import/');

    const pasted = { ...data, tasks: [imported(null, null)] };
    expect(renderDocument(tasksView(pasted, testPage('en')))).toContain('Imported from pasted text<');
    const plain = renderDocument(tasksView({ ...data, tasks: [task()] }, testPage()));
    expect(plain).not.toContain('Importert fra');
  });
});

describe('the matter view', () => {
  it('shows a change as <del> and <ins> named in words, the new text in full, who recorded it and where', () => {
    const data: MatterPage = {
      id: 's',
      groupId: 'g',
      groupName: 'G',
      title: HOSTILE,
      status: 'open',
      timeline: [
        {
          at: '2025-03-20T10:00:00+01:00',
          type: 'DecisionAmended',
          meeting: { id: 'm1', title: null, startsAt: '2025-03-20T09:00:00+01:00' },
          text: 'ny',
          reason: HOSTILE,
          kind: null,
          commitmentId: null,
          changes: [
            { kind: 'same', text: 'Utkastet ' },
            { kind: 'removed', text: HOSTILE },
            { kind: 'added', text: 'godkjennes' },
          ],
          recordedBy: { kind: 'person', id: 'p', name: 'Siri Sekretær' },
          importedFrom: null,
        },
      ],
    };
    const html = renderDocument(matterView(data, testPage()));
    // Each removed and added run is said in words a screen reader reads, not only struck through or underlined.
    expect(html).toContain(
      '<ins><span class="ds-sr-only">lagt til: </span>godkjennes<span class="ds-sr-only"> slutt på lagt til, </span></ins>',
    );
    expect(html).toMatch(/<del><span class="ds-sr-only">fjernet: <\/span>&lt;script>/);
    expect(html).not.toMatch(/<p [^>]*aria-label=/);
    // The new wording is there whole, and the diff is under a label of its own.
    expect(html).toContain('<span class="diff__label">Ny tekst:</span> ny</p>');
    expect(html).toContain('>Endringer fra forrige tekst:</p>');
    const en = renderDocument(matterView(data, testPage('en')));
    expect(en).toContain('<span class="ds-sr-only">removed: </span>');
    expect(en).toContain('<span class="ds-sr-only"> end of added, </span>');
    expect(en).toContain('<span class="diff__label">New text:</span> <span lang="nb">ny</span></p>');
    expect(html).toContain('Registrert av Siri Sekretær');
    expect(html).toContain('href="/moter/m1"');
    expectEscaped(html);
  });

  it('says which imported document and line an entry was read from, linked to the import for an admin', () => {
    const entry: MatterPage['timeline'][number] = {
      at: '2025-03-20T10:00:00+01:00',
      type: 'DecisionRecorded',
      meeting: { id: 'm1', title: null, startsAt: '2025-03-20T09:00:00+01:00' },
      text: 'Planen vedtas',
      reason: null,
      kind: 'adopted',
      commitmentId: null,
      changes: null,
      recordedBy: { kind: 'person', id: 'p', name: 'Siri Sekretær' },
      importedFrom: { importId: 'c'.repeat(64), document: `${HOSTILE}.docx`, line: 7 },
    };
    const data: MatterPage = {
      id: 's',
      groupId: 'g',
      groupName: 'G',
      title: 'Sak',
      status: 'open',
      timeline: [entry],
    };
    const reader = renderDocument(matterView(data, testPage('en')));
    expect(reader).toContain('Imported from “&lt;script>alert(1)&lt;/script>');
    expect(reader).toContain('.docx”, line 7');
    expect(reader).not.toContain('href="/import/');
    expectEscaped(reader);
    const admin = renderDocument(matterView(data, testPage('nb', '/', testPrincipal({ admin: true }))));
    expect(admin).toContain(`href="/import/${'c'.repeat(64)}"`);
    expect(admin).toContain('.docx», linje 7');
    expectEscaped(admin);
  });
});

describe('the draft agenda', () => {
  const data: AgendaPage = {
    groupId: 'g',
    groupName: 'Faggruppen',
    meetingId: 'm',
    meeting: {
      id: 'm',
      title: null,
      startsAt: '2025-06-19T09:00:00+02:00',
      endsAt: null,
      location: null,
      online: null,
    },
    items: [
      { number: 1, wording: { key: 'notice-approval' }, kind: 'notice-approval', source: {} },
      { number: 2, wording: { key: 'stored', title: HOSTILE }, kind: 'decision', source: {} },
      {
        number: 3,
        wording: { key: 'follow-up', text: 'Sende ut forslaget', owner: 'secretariat' },
        kind: 'follow-up',
        source: {},
      },
      { number: 4, wording: { key: 'aob' }, kind: 'aob', source: {} },
    ],
  };

  /** With a working group's report, whose name is typed inside our own words. */
  const typed: AgendaPage = {
    ...data,
    items: [
      ...data.items,
      {
        number: 5,
        wording: { key: 'working-group-report', workingGroup: 'Arbeidsgruppe 5' },
        kind: 'report',
        source: {},
      },
    ],
  } as AgendaPage;
  it('gives the agenda as numbered plain text for the notice', () => {
    expect(agendaText(data, testPage().m).split('\n')).toEqual([
      'Utkast til saksliste – Faggruppen',
      'Til møtet 19. juni 2025 kl. 09:00',
      '',
      '1. Godkjenning av innkalling og saksliste',
      `2. ${HOSTILE}`,
      '3. Oppfølging: Sende ut forslaget (Sekretariatet)',
      '4. Eventuelt',
    ]);
  });

  it('words the items it adds in the reader’s language, and a stored item as it was stored', () => {
    expect(agendaText(data, testPage('en').m).split('\n')).toEqual([
      'Draft agenda – Faggruppen',
      'For the meeting on 19 June 2025 at 09:00',
      '',
      '1. Approval of the notice and agenda',
      `2. ${HOSTILE}`,
      '3. Follow-up: Sende ut forslaget (The secretariat)',
      '4. Any other business',
    ]);
    const html = renderDocument(agendaView(data, testPage('en')));
    expect(html).toContain('<span class="agenda__title">Approval of the notice and agenda</span>');
    expect(html).not.toContain('Godkjenning');
  });

  it('marks typed titles and text in an item as bokmål on an English page, the words around them not', () => {
    const en = renderDocument(agendaView(typed, testPage('en')));
    expect(en).toContain('<span class="agenda__title"><span lang="nb">&lt;script>alert(1)');
    expect(en).toContain(
      '<span class="agenda__title">Follow-up: <span lang="nb">Sende ut forslaget</span> (The secretariat)</span>',
    );
    expect(en).toContain(
      '<span class="agenda__title">Report from <span lang="nb">Arbeidsgruppe 5</span></span>',
    );
    expect(en).toContain('<span class="agenda__title">Approval of the notice and agenda</span>');
    expect(en).toContain('href="/grupper/g" lang="nb">Faggruppen</a>');
    const nb = renderDocument(agendaView(typed, testPage()));
    expect(nb).toContain('<span class="agenda__title">Oppfølging: Sende ut forslaget (Sekretariatet)</span>');
    expect(bokmalMarks(nb)).toBe(0);
  });

  it('has the copy button hidden until the script can copy, and the text on the page without it', () => {
    const html = renderDocument(agendaView(data, testPage()));
    expect(html).toMatch(
      /<button type="button" class="ds-button" data-variant="primary" data-copy-target="agenda-text"[^>]* hidden>/,
    );
    expect(html).toContain('<pre id="agenda-text"');
    expectEscaped(html);
  });

  it('shows the text to copy as agendaText, word for word, with what people typed marked on an English page', () => {
    const pre = (lang: 'nb' | 'en') =>
      renderDocument(agendaView(typed, testPage(lang))).match(
        /<pre id="agenda-text"[^>]*>([\s\S]*?)<\/pre>/,
      )![1];
    const text = (html: string) =>
      html
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
    // The copy button copies the box's textContent: the agenda as text, whatever is marked in it.
    expect(text(pre('en'))).toBe(agendaText(typed, testPage('en').m));
    expect(text(pre('nb'))).toBe(agendaText(typed, testPage().m));
    // The box mixes the reader's words and typed ones: it has no lang of its own, only its typed parts do.
    expect(renderDocument(agendaView(typed, testPage('en')))).toContain(
      '<pre id="agenda-text" class="agenda-text__pre">',
    );
    expect(pre('en')).toContain('Draft agenda – <span lang="nb">Faggruppen</span>\n');
    expect(pre('en')).toContain('\n2. <span lang="nb">&lt;script>alert(1)');
    expect(pre('en')).toContain(
      '\n3. Follow-up: <span lang="nb">Sende ut forslaget</span> (The secretariat)\n',
    );
    expect(pre('en')).toContain('\n5. Report from <span lang="nb">Arbeidsgruppe 5</span>');
    expect(pre('en')).toContain('\n1. Approval of the notice and agenda\n');
    expect(pre('nb')).not.toContain(' lang=');
  });

  it('offers the chair and the secretariat a form to add an item, and nobody else, nor without a meeting', () => {
    const form = (html: string) => html.includes('action="/grupper/g/neste-saksliste/saker"');
    const as = (role: 'chair' | 'secretariat' | 'member' | 'observer') =>
      testPage('nb', '/grupper/g/neste-saksliste', testPrincipal({ roles: { g: role } }));
    expect(
      (['chair', 'secretariat', 'member', 'observer'] as const).map((role) => [
        role,
        form(renderDocument(agendaView(data, as(role)))),
      ]),
    ).toEqual([
      ['chair', true],
      ['secretariat', true],
      ['member', false],
      ['observer', false],
    ]);
    expect(form(renderDocument(agendaView({ ...data, meeting: null }, as('chair'))))).toBe(false);
    const added = renderDocument(agendaView(data, as('chair'), { added: true, form: null }));
    expect(added).toContain('Saken er lagt til på sakslisten.');
  });
});

describe('the working group view', () => {
  const wg = (reports: WorkingGroupPage['reports']): WorkingGroupPage => ({
    id: 'wg',
    groupId: 'g',
    groupName: 'Hovedutvalget',
    name: 'Budsjettgruppen',
    mandate: null,
    lead: { id: 'p1', name: 'Kari' },
    members: [{ id: 'p1', name: 'Kari' }],
    status: reports[0]?.status ?? 'not-started',
    statusText: reports[0]?.text ?? null,
    statusReportedAt: reports[0]?.at ?? null,
    reports,
    dissolved: false,
    open: [],
    done: [],
    readablePeople: new Set(['p1']),
  });

  it('marks its name, its group and its status reports as bokmål on an English page', () => {
    const page = wg([{ status: 'active', text: 'Har møttes to ganger', at: '2025-03-20T10:00:00Z' }]);
    const member = testPrincipal({ roles: { g: 'member' } });
    const en = renderDocument(workingGroupView(page, testPage('en', '/arbeidsgrupper/wg', member)));
    expect(en).toContain('<h1 class="ds-heading" data-size="lg" lang="nb">Budsjettgruppen</h1>');
    expect(en).toContain('href="/grupper/g" lang="nb">Hovedutvalget</a>');
    expect(en).toContain(' – <span lang="nb">Har møttes to ganger</span>');
    expect(bokmalMarks(renderDocument(workingGroupView(page, testPage())))).toBe(0);
  });

  it('shows the latest status report and lists the earlier ones, escaped', () => {
    const html = renderDocument(
      workingGroupView(
        wg([
          { status: 'done', text: 'Levert til hovedutvalget', at: '2025-06-19T10:00:00Z' },
          { status: 'active', text: HOSTILE, at: '2025-03-20T10:00:00Z' },
        ]),
        testPage(),
      ),
    );
    expect(html).toContain('Levert til hovedutvalget');
    expect(html).toContain('Tidligere statusrapporter');
    const earlier = html.slice(html.indexOf('data-reports'));
    expect(earlier).toContain('&lt;script>alert(1)&lt;/script>');
    expect(earlier).not.toContain('Levert til hovedutvalget');
    expectEscaped(html);
  });

  it("offers the group's secretariat its forms while the working group lasts, and nobody else", () => {
    const edit = {
      flash: null,
      form: null,
      groupMembers: [
        { id: 'p1', name: 'Kari' },
        { id: 'p2', name: 'Ola' },
      ],
    };
    const forms = (html: string) =>
      [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((x) => x[1]);
    const as = (role: 'secretariat' | 'chair' | 'member') =>
      testPage('nb', '/arbeidsgrupper/wg', testPrincipal({ roles: { g: role } }));
    const withOla = { ...wg([]), members: [...wg([]).members, { id: 'p2', name: 'Ola' }] };
    expect(forms(renderDocument(workingGroupView(withOla, as('secretariat'), edit)))).toEqual([
      '/arbeidsgrupper/wg/status',
      '/arbeidsgrupper/wg/leder',
      '/arbeidsgrupper/wg/medlemmer',
      '/arbeidsgrupper/wg/medlemmer/fjern',
      '/arbeidsgrupper/wg/avvikle',
    ]);
    // With only the lead, there is nobody to remove: no such form.
    expect(forms(renderDocument(workingGroupView(wg([]), as('secretariat'), edit)))).not.toContain(
      '/arbeidsgrupper/wg/medlemmer/fjern',
    );
    // Ola may join; Kari, the lead, is neither offered to join again nor for removal.
    const html = renderDocument(workingGroupView(wg([]), as('secretariat'), edit));
    const addForm = html.slice(
      html.indexOf('action="/arbeidsgrupper/wg/medlemmer"'),
      html.indexOf('action="/arbeidsgrupper/wg/medlemmer/fjern"'),
    );
    expect(addForm).toContain('<option value="p2">Ola</option>');
    expect(addForm).not.toContain('value="p1"');
    for (const role of ['chair', 'member'] as const)
      expect([role, forms(renderDocument(workingGroupView(wg([]), as(role), edit)))]).toEqual([role, []]);
    const dissolved = { ...wg([]), dissolved: true };
    expect(forms(renderDocument(workingGroupView(dissolved, as('secretariat'), edit)))).toEqual([]);
  });

  it('offers its lead the status report and nothing else, in the status section, even from outside the group', () => {
    const edit = { flash: null, form: null, groupMembers: [] };
    const forms = (html: string) =>
      [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((x) => x[1]);
    // testPrincipal is the person "reader": here the lead of the working group.
    const ledByReader = { ...wg([]), lead: { id: 'reader', name: 'Rita' } };
    for (const roles of [{ g: 'member' }, {}] as Record<string, 'member'>[]) {
      const html = renderDocument(
        workingGroupView(ledByReader, testPage('nb', '/arbeidsgrupper/wg', testPrincipal({ roles })), edit),
      );
      expect(forms(html)).toEqual(['/arbeidsgrupper/wg/status']);
      const statusSection = html.slice(html.indexOf('id="status"'), html.indexOf('id="open"'));
      expect(statusSection).toContain('action="/arbeidsgrupper/wg/status"');
      expect(html).not.toContain('Endre arbeidsgruppen');
    }
    const dissolved = { ...ledByReader, dissolved: true };
    const page = testPage('nb', '/arbeidsgrupper/wg', testPrincipal({ roles: { g: 'member' } }));
    expect(forms(renderDocument(workingGroupView(dissolved, page, edit)))).toEqual([]);
  });

  it('links its group, people, commitments and meetings only where the reader may open them; an outside lead sees text', () => {
    const links = (html: string) => [...html.matchAll(/<a class="ds-link" href="([^"]+)"/g)].map((x) => x[1]);
    const team = {
      ...wg([]),
      lead: { id: 'reader', name: 'Rita' },
      members: [
        { id: 'reader', name: 'Rita' },
        { id: 'p1', name: 'Kari' },
      ],
      open: [task({ id: 'c1', text: 'Fordele arbeidet', dueMeetingId: 'm2' })],
      done: [task({ id: 'c2', text: 'Skrive mandatet', status: 'completed' })],
    };
    // The controller's `person.read`: the outside lead opens only their own list, a group member every one.
    const outside = testPage('nb', '/arbeidsgrupper/wg', testPrincipal());
    const html = renderDocument(workingGroupView({ ...team, readablePeople: new Set(['reader']) }, outside));
    expect(links(html).filter((h) => /^\/(grupper|personer|forpliktelser|moter)\//.test(h))).toEqual([
      '/personer/reader/oppgaver',
      '/personer/reader/oppgaver',
    ]);
    expect(html).toContain('<p class="ds-paragraph lead">Hovedutvalget</p>');
    expect(html).toContain('<span>, Kari</span>');
    expect(html).toContain('<li data-commitment="c1">Fordele arbeidet – ');
    expect(html).toContain('<li data-commitment="c2">Skrive mandatet</li>');
    expect(html).toContain('action="/arbeidsgrupper/wg/status"');
    const member = testPage('nb', '/arbeidsgrupper/wg', testPrincipal({ roles: { g: 'member' } }));
    const all = renderDocument(
      workingGroupView({ ...team, readablePeople: new Set(['reader', 'p1']) }, member),
    );
    expect(links(all).filter((h) => /^\/(grupper|personer|forpliktelser|moter)\//.test(h))).toEqual([
      '/grupper/g',
      '/personer/reader/oppgaver',
      '/personer/reader/oppgaver',
      '/personer/p1/oppgaver',
      '/forpliktelser/c1',
      '/moter/m2',
      '/forpliktelser/c2',
    ]);
    const secretariat = testPage('nb', '/arbeidsgrupper/wg', testPrincipal({ roles: { g: 'secretariat' } }));
    const staff = renderDocument(
      workingGroupView({ ...team, readablePeople: new Set(['reader', 'p1']) }, secretariat),
    );
    expect(staff).toContain('<a class="ds-link" href="/grupper/g">Hovedutvalget</a>');
  });

  it('has no list of earlier reports when there is at most one', () => {
    const html = renderDocument(
      workingGroupView(wg([{ status: 'active', text: 'I rute', at: '2025-03-20T10:00:00Z' }]), testPage()),
    );
    expect(html).toContain('I rute');
    expect(html).not.toContain('data-reports');
  });
});
