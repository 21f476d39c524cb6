import { commitment, council } from '../../../../../libs/projections/testing/history';
import { renderDocument } from '../shared/render';
import { HOSTILE, testPage, testPrincipal } from '../shared/view-testing';
import { commitmentPage, type StoredEvent } from './commitment.page-query';
import { commitmentView } from './commitment.view';

const now = new Date('2026-03-01T12:00:00Z');
const by = (id: string, at: string, extra: Record<string, unknown> = {}) => ({
  metadata: { at, actor: { kind: 'person', id }, via: 'web', ...extra },
  recordedAt: at,
});

/** Kari's commitment from the February meeting, handed to Ola, moved to a date, with progress reported. */
function story() {
  const { catalog, apply } = council();
  const made = commitment('c1', { kind: 'person', personId: 'kari' });
  const events: StoredEvent[] = [
    { type: 'CommitmentMade', data: made, ...by('siri', '2026-02-05T12:00:00.000Z') },
    {
      type: 'CommitmentReassigned',
      data: {
        commitmentId: 'c1',
        owner: { kind: 'person', personId: 'ola' },
        previousOwner: { kind: 'person', personId: 'kari' },
      },
      ...by('siri', '2026-02-10T09:00:00.000Z'),
    },
    {
      type: 'CommitmentDueChanged',
      data: {
        commitmentId: 'c1',
        due: { kind: 'date', date: '2026-05-01' },
        previousDue: { kind: 'next-meeting' },
      },
      ...by('siri', '2026-02-11T09:00:00.000Z'),
    },
    {
      type: 'CommitmentProgressReported',
      data: { commitmentId: 'c1', text: 'Utkast sendt' },
      ...by('ola', '2026-02-20T09:00:00.000Z'),
    },
    // Written by a later version: named by its type, nothing else read from it.
    { type: 'CommitmentPrioritised', data: { level: 9 }, ...by('siri', '2026-02-21T09:00:00.000Z') },
  ];
  for (const e of events.slice(0, 4)) apply('commitment-c1', e.type, e.data as Record<string, unknown>);
  return { catalog, apply, events };
}

describe('a commitment page', () => {
  it('tells its history from the stream, naming who did what and what it was before', () => {
    const { catalog, events } = story();
    const data = commitmentPage(catalog, 'c1', events, now)!;
    expect(data.history.map((e) => e.type)).toEqual([
      'CommitmentMade',
      'CommitmentReassigned',
      'CommitmentDueChanged',
      'CommitmentProgressReported',
      'unknown',
    ]);
    expect(data.history[1]).toMatchObject({
      owner: { kind: 'person', id: 'ola', name: 'Ola' },
      previous: { kind: 'person', id: 'kari', name: 'Kari' },
      recordedBy: { kind: 'person', id: 'siri', name: 'Siri' },
      at: '2026-02-10T09:00:00.000Z',
    });
    expect(data.history[0]).toMatchObject({ meeting: { id: 'm1' }, due: { kind: 'next-meeting' } });
    expect(data.current).toEqual({
      ownerKind: 'person',
      ownerPerson: 'ola',
      ownerWorkingGroup: '',
      dueKind: 'date',
      dueMeeting: '',
      dueDate: '2026-05-01',
    });
    // Where it could fall due: the group's meetings after the one it was made at.
    expect(data.choices.meetings.map((m) => m.id)).toEqual(['m2', 'm3', 'm4']);

    const html = renderDocument(commitmentView({ data, flash: null, form: null }, testPage('nb')));
    expect(html).toContain('<h1 class="ds-heading" data-size="lg">Oppfølging c1</h1>');
    expect(html).toContain('Ola <span class="muted">(før: Kari)</span>');
    expect(html).toContain('Utkast sendt');
    expect(html).toContain('Registrert av Siri');
    expect(html).toContain('CommitmentPrioritised');
    expect(html).not.toContain('level');
  });

  it("offers the group's secretariat its three changes, and nobody else", () => {
    const { catalog, events } = story();
    const data = commitmentPage(catalog, 'c1', events, now)!;
    const forms = (html: string) =>
      [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]);
    const secretary = testPage(
      'nb',
      '/forpliktelser/c1',
      testPrincipal({ roles: { hovedutvalg: 'secretariat' } }),
    );
    const html = renderDocument(commitmentView({ data, flash: null, form: null }, secretary));
    expect(forms(html)).toEqual([
      '/forpliktelser/c1/ansvarlig',
      '/forpliktelser/c1/frist',
      '/forpliktelser/c1/trekk-tilbake',
    ]);
    // A field needed only under a choice is not called optional: its hint says when it is needed.
    expect(html).toContain('<label class="ds-label" for="owner-ownerPerson">Ansvarlig person</label>');
    expect(html).toContain('id="owner-ownerPerson-hint">Må fylles ut når «En person» er valgt.</p>');
    expect(html).toContain(
      'id="owner-ownerWorkingGroup-hint">Må fylles ut når «En arbeidsgruppe» er valgt.</p>',
    );
    expect(html).toContain('id="due-dueMeeting-hint">Må fylles ut når «Et bestemt møte» er valgt.</p>');
    expect(html).toContain('id="due-dueDate-hint">Må fylles ut når «En dato» er valgt.</p>');
    expect(html).not.toMatch(
      /for="(owner-ownerPerson|owner-ownerWorkingGroup|due-dueMeeting|due-dueDate)">[^<]*<span/,
    );
    for (const role of ['member', 'chair'] as const) {
      const reader = testPage('nb', '/forpliktelser/c1', testPrincipal({ roles: { hovedutvalg: role } }));
      const html = renderDocument(commitmentView({ data, flash: null, form: null }, reader));
      expect([role, forms(html).filter((a) => a.startsWith('/forpliktelser'))]).toEqual([role, []]);
    }
  });

  it('offers no change once it is closed, and says so', () => {
    const { catalog, apply, events } = story();
    apply('commitment-c1', 'CommitmentWithdrawn', { commitmentId: 'c1', reason: 'Ikke aktuelt lenger' });
    const withdrawn: StoredEvent[] = [
      ...events,
      {
        type: 'CommitmentWithdrawn',
        data: { commitmentId: 'c1', reason: 'Ikke aktuelt lenger' },
        ...by('siri', '2026-02-25T09:00:00.000Z'),
      },
    ];
    const data = commitmentPage(catalog, 'c1', withdrawn, now)!;
    const secretary = testPage(
      'en',
      '/forpliktelser/c1',
      testPrincipal({ roles: { hovedutvalg: 'secretariat' } }),
    );
    const html = renderDocument(commitmentView({ data, flash: null, form: null }, secretary));
    expect(html).not.toContain('/forpliktelser/c1/ansvarlig');
    expect(html).toContain('The commitment is closed and cannot be changed.');
    expect(html).toContain('<dd data-status="withdrawn">Withdrawn');
    expect(html).toContain('Reason: <span lang="nb">Ikke aktuelt lenger</span>');
  });

  it('shows a refused form open, with the error beside its field and the values as typed', () => {
    const { catalog, events } = story();
    const data = commitmentPage(catalog, 'c1', events, now)!;
    const secretary = testPage(
      'nb',
      '/forpliktelser/c1',
      testPrincipal({ roles: { hovedutvalg: 'secretariat' } }),
    );
    const form = {
      form: 'withdraw',
      values: { reason: 'Ikke lenger', confirm: '' },
      errors: [{ field: 'confirm', message: 'Kryss av for å bekrefte.' }],
      formError: null,
    };
    const html = renderDocument(commitmentView({ data, flash: null, form }, secretary));
    expect(html).toContain('id="withdraw-confirm-error"');
    expect(html).toMatch(/id="withdraw-confirm"[^>]*aria-invalid="true"/);
    expect(html).toContain('>Ikke lenger</textarea>');
    expect(html).toMatch(/<details class="ds-details record-details" open><summary>Trekk tilbake/);
    expect(html).not.toMatch(/<details class="ds-details record-details" open><summary>Endre ansvarlig/);
  });

  it('escapes stored text', () => {
    const { catalog, apply } = council();
    const made = { ...commitment('c9', { kind: 'person', personId: 'kari' }), text: HOSTILE };
    apply('commitment-c9', 'CommitmentMade', made);
    const events: StoredEvent[] = [
      { type: 'CommitmentMade', data: made, ...by('siri', '2026-02-05T12:00:00.000Z') },
    ];
    const html = renderDocument(
      commitmentView(
        { data: commitmentPage(catalog, 'c9', events, now)!, flash: null, form: null },
        testPage(),
      ),
    );
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
  });
});
