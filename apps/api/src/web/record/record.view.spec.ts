import mammoth from 'mammoth';
import { en, nb } from '@tilneste/i18n';
import { renderDocument } from '../shared/render';
import { HOSTILE, testPage } from '../shared/view-testing';
import { agendaTitle } from '@tilneste/projections';
import { noticeDocx, noticeText, type NoticeModel } from './notice';
import type { RecordPage } from './record.page-query';
import { formShown, recordView, wallFields, type RecordView } from './record.view';
import { scheduleView } from './schedule.view';

const page = (over: Partial<RecordPage> = {}): RecordPage =>
  ({
    id: 'm1',
    groupId: 'g',
    groupName: HOSTILE,
    title: HOSTILE,
    startsAt: '2026-03-20T09:00:00+01:00',
    endsAt: '2026-03-20T11:00:00+01:00',
    location: HOSTILE,
    online: true,
    status: 'scheduled',
    minutesApproved: false,
    minutesApproval: null,
    items: [
      {
        itemId: 'i1',
        number: 3,
        title: HOSTILE,
        kind: 'decision',
        deferred: false,
        commitments: [],
      },
    ],
    otherCommitments: [],
    decisions: [
      {
        matterId: 'mt',
        matterTitle: HOSTILE,
        decisionId: 'd1',
        kind: 'adopted',
        text: HOSTILE,
        amended: false,
      },
    ],
    attendance: [{ personId: 'p', name: HOSTILE, remote: true, substituteFor: { id: 'q', name: HOSTILE } }],
    deferredOffer: [{ meetingId: 'm0', itemId: 'i0', number: 5, title: HOSTILE, kind: 'discussion' }],
    draftOffer: [
      { key: 'notice-approval', number: 1, wording: { key: 'notice-approval' }, kind: 'notice-approval' },
      {
        key: 'follow-up:c9',
        number: 6,
        wording: { key: 'follow-up', text: HOSTILE, owner: { name: HOSTILE } },
        kind: 'information',
        commitmentId: 'c9',
      },
    ],
    members: [{ id: 'q', name: HOSTILE }],
    attendanceFinal: false,
    people: [{ id: 'p', name: HOSTILE }],
    workingGroups: [{ id: 'w', name: HOSTILE }],
    matters: [{ id: 'mt', title: HOSTILE }],
    laterMeetings: [{ id: 'm2', startsAt: '2026-06-19T09:00:00+02:00', title: HOSTILE }],
    previous: { id: 'm0', startsAt: '2025-12-04T09:00:00+01:00', minutesApproved: false },
    ...over,
  }) as RecordPage;

const hostileNotice: NoticeModel = {
  meetingId: 'm1',
  group: HOSTILE,
  title: HOSTILE,
  startsAt: '2026-03-20T09:00:00+01:00',
  endsAt: null,
  location: HOSTILE,
  online: false,
  items: [{ number: 3, title: HOSTILE, wording: { key: 'stored', title: HOSTILE } }],
};

const view = (over: Partial<RecordView> = {}, data = page()): RecordView => ({
  data,
  notice: hostileNotice,
  noticeMeetingId: 'm1',
  flash: null,
  form: null,
  ...over,
});

const render = (v: RecordView, lang: 'nb' | 'en' = 'nb', csrf: string | null = null) =>
  renderDocument(recordView(v, { ...testPage(lang, '/moter/m1/registrer'), csrfToken: csrf }));

describe('The record page', () => {
  it('escapes every name and title, and runs no script of them', () => {
    const html = render(view());
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('posts every form with the session’s CSRF token, and validates on the server', () => {
    const html = render(view(), 'nb', 'tok-123');
    const forms = html.match(/<form /g)!.length;
    expect(forms).toBeGreaterThan(10);
    expect(html.match(/name="_csrf" value="tok-123"/g)!.length).toBe(forms);
    // Every form with fields leaves checking to the server; the header's sign-out form has none.
    expect(html.match(/<form [^>]*novalidate/g)!.length).toBe(forms - 1);
    expect(html).toMatch(/<form method="post" action="\/logg-ut"/);
  });

  it('gives every form that records a key of its own, so a second post of it records nothing', () => {
    let n = 0;
    const html = renderDocument(
      recordView(view(), {
        ...testPage('nb', '/moter/m1/registrer'),
        csrfToken: 't',
        formKey: () => `k${++n}`,
      }),
    );
    const keys = [...html.matchAll(/name="_key" value="([^"]+)"/g)].map((k) => k[1]);
    // Every form but the header's sign-out, each key once.
    expect(keys).toHaveLength(html.match(/<form /g)!.length - 1);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('shows a refused form open, its errors beside the fields and in a summary, with what was typed', () => {
    const html = render(
      view({
        form: {
          form: 'commitment-i1',
          values: {
            text: 'Noe å gjøre',
            ownerKind: 'person',
            ownerPerson: '',
            dueKind: 'date',
            dueDate: 'x',
          },
          errors: [{ field: 'ownerPerson', message: 'Feltet må fylles ut.' }],
          formError: null,
        },
      }),
    );
    expect(html).toMatch(
      /<select[^>]*id="commitment-i1-ownerPerson"[^>]*aria-describedby="commitment-i1-ownerPerson-hint commitment-i1-ownerPerson-error"[^>]*aria-invalid="true"/,
    );
    // Needed only under a choice: its label is not marked optional, and its hint says when it is needed.
    expect(html).toContain(
      '<label class="ds-label" for="commitment-i1-ownerPerson">Ansvarlig person</label>',
    );
    expect(html).toContain('id="commitment-i1-ownerPerson-hint">Må fylles ut når «En person» er valgt.</p>');
    expect(html).toContain(
      'id="commitment-i1-ownerWorkingGroup-hint">Må fylles ut når «En arbeidsgruppe» er valgt.</p>',
    );
    expect(html).toContain(
      'id="commitment-i1-dueMeeting-hint">Må fylles ut når «Et bestemt møte» er valgt.</p>',
    );
    expect(html).toContain('<label class="ds-label" for="commitment-i1-dueDate">Datoen</label>');
    expect(html).toContain('id="commitment-i1-dueDate-hint">Må fylles ut når «En dato» er valgt.</p>');
    expect(html).not.toMatch(
      /for="commitment-i1-(ownerPerson|ownerWorkingGroup|dueMeeting|dueDate)">[^<]*<span/,
    );
    // The text itself is required, and still says so.
    expect(html).toMatch(/for="commitment-i1-text">[^<]*<span class="muted field-note">\(må fylles ut\)/);
    expect(html).toContain('id="commitment-i1-ownerPerson-error">Feltet må fylles ut.</p>');
    expect(html).toContain('<a href="#commitment-i1-ownerPerson">Ansvarlig person: Feltet må fylles ut.</a>');
    expect(html).toMatch(/<details class="ds-details record-details" open><summary>Registrer forpliktelse/);
    expect(html).toMatch(/<textarea[^>]*id="commitment-i1-text"[^>]*>Noe å gjøre<\/textarea>/);
    expect(html).toMatch(/id="commitment-i1-dueKind-date" name="dueKind" value="date" checked/);
    // Only that form: the others are closed and clean.
    expect(html.match(/data-error-summary/g)!.length).toBe(1);
    expect(html.match(/aria-invalid/g)!.length).toBe(1);
  });

  it('shows a refusal at the top when its form is no longer on the page', () => {
    const data = page({
      previous: { id: 'm0', startsAt: '2025-12-04T09:00:00+01:00', minutesApproved: true, approvedAt: null },
    });
    expect(formShown('approve', data)).toBe(false);
    const html = render(
      view(
        { form: { form: 'approve', values: {}, errors: [], formError: 'Referatet er allerede godkjent' } },
        data,
      ),
    );
    expect(html).toMatch(
      /<div class="ds-alert" data-color="danger" tabindex="-1" data-error-summary="true">.*Referatet er allerede godkjent/s,
    );
  });

  it('offers moving, cancelling and holding only while the meeting is ahead, and the minutes once held', () => {
    const ahead = render(view());
    expect(ahead).toContain('/moter/m1/registrer/avholdt');
    expect(ahead).toContain('/moter/m1/registrer/flytt');
    expect(ahead).not.toContain('/referat.docx');
    const held = render(view({ noticeMeetingId: 'm2' }, page({ status: 'held' })));
    expect(held).not.toContain('/registrer/avholdt');
    expect(held).not.toContain('/registrer/flytt');
    expect(held).toContain('href="/moter/m1/referat.docx"');
    expect(held).toContain('href="/moter/m2/innkalling.docx"');
    expect(held).toContain('Last ned innkalling til neste møte (Word)');
    const cancelled = render(view({ noticeMeetingId: null, notice: null }, page({ status: 'cancelled' })));
    expect(cancelled).not.toContain('/registrer/saker"');
    expect(cancelled).not.toContain('/registrer/oppmote');
  });

  it("offers to change an item's number, filled with the one it has, only while the meeting is ahead", () => {
    const ahead = render(view());
    const form = ahead.match(
      /<form [^>]*action="\/moter\/m1\/registrer\/saker\/i1\/nummer"[\s\S]*?<\/form>/,
    )?.[0];
    expect(form).toBeDefined();
    expect(form).toMatch(/<input[^>]*name="number"[^>]*value="3"/);
    expect(form).toContain('Endre saksnummer');
    expect(render(view({ noticeMeetingId: 'm2' }, page({ status: 'held' })))).not.toContain('/nummer"');
  });

  it('offers to remove each attendee with a form of its own, named for a screen reader, until the minutes are approved', () => {
    const two = page({
      attendance: [
        { personId: 'p', name: 'Ola Leder', remote: false, substituteFor: null },
        { personId: 'r/1', name: 'Kari Nordmann', remote: true, substituteFor: null },
      ],
    });
    const html = render(view({}, two), 'nb', 'tok');
    expect(html).toContain('action="/moter/m1/registrer/oppmote/p/fjern"');
    expect(html).toContain('action="/moter/m1/registrer/oppmote/r%2F1/fjern"');
    expect(html).toContain('Fjern<span class="ds-sr-only"> Ola Leder fra oppmøtet</span>');
    expect(html).toContain('Fjern<span class="ds-sr-only"> Kari Nordmann fra oppmøtet</span>');
    expect(render(view({}, two), 'en')).toContain(
      'Remove<span class="ds-sr-only"> Ola Leder from the attendance</span>',
    );
    const held = render(view({}, page({ ...two, status: 'held' })));
    expect(held).toContain('/oppmote/p/fjern');
    const final = render(view({}, page({ ...two, status: 'held', attendanceFinal: true })));
    expect(final).not.toContain('/fjern"');
    expect(final).toContain('Referatet er godkjent, så oppmøtet kan ikke lenger endres.');
    const cancelled = render(view({}, page({ ...two, status: 'cancelled' })));
    expect(cancelled).not.toContain('/fjern"');
  });

  it('shows a refused removal beside its attendee, or at the top once the attendee is gone', () => {
    const refused = {
      form: 'withdraw-p',
      values: {},
      errors: [],
      formError: 'Referatet fra møtet er godkjent, så oppmøtet kan ikke lenger endres.',
    };
    const html = render(view({ form: refused }));
    expect(html).toMatch(
      /<form[^>]*action="\/moter\/m1\/registrer\/oppmote\/p\/fjern"[^>]*>.*data-error-summary/s,
    );
    expect(formShown('withdraw-p', page())).toBe(true);
    expect(formShown('withdraw-gone', page())).toBe(false);
    expect(formShown('withdraw-p', page({ attendanceFinal: true }))).toBe(false);
  });

  it('lists the attendance without the form to record more once the minutes are approved, and shows a stale post refused at the top', () => {
    const recorded = page({
      status: 'held',
      attendance: [{ personId: 'p', name: 'Ola Leder', remote: true, substituteFor: null }],
    });
    expect(render(view({}, recorded))).toContain('action="/moter/m1/registrer/oppmote"');
    const final = page({ ...recorded, attendanceFinal: true });
    const html = render(view({}, final));
    expect(html).not.toContain('action="/moter/m1/registrer/oppmote"');
    expect(html).not.toContain('name="substituteFor"');
    expect(html).toMatch(/data-attendee="p"[^>]*>Ola Leder<span class="muted"> \(digitalt\)/);
    expect(html).toContain('Referatet er godkjent, så oppmøtet kan ikke lenger endres.');
    // Nobody recorded, and final: the list says so, and so does the note.
    const none = render(view({}, page({ ...final, attendance: [] })), 'en');
    expect(none).not.toContain('action="/moter/m1/registrer/oppmote"');
    expect(none).toContain('The minutes are approved, so the attendance can no longer be changed.');

    expect(formShown('attendance', recorded)).toBe(true);
    expect(formShown('attendance', final)).toBe(false);
    const refused = {
      form: 'attendance',
      values: { personId: 'p', remote: '', substituteFor: '' },
      errors: [],
      formError: en.rules.MEETING.MINUTES_FINAL as string,
    };
    const stale = render(view({ form: refused }, final), 'en');
    expect(stale).toMatch(
      /data-error-summary[^>]*>.*The meeting's minutes are approved, so its attendance can no longer be changed\./s,
    );
    expect(stale).not.toContain('action="/moter/m1/registrer/oppmote"');
  });

  it('asks for a ticked box before marking the meeting held, and shows it refused beside the box', () => {
    const html = render(view());
    expect(html).toMatch(
      /<form[^>]*action="\/moter\/m1\/registrer\/avholdt"[^>]*>.*type="checkbox" id="hold-confirm" name="confirm" value="on".*Ja, møtet er avholdt\. Åpne forpliktelser med frist på dette møtet flyttes til neste møte/s,
    );
    expect(render(view(), 'en')).toContain('Yes, the meeting has been held.');
    const refused = render(
      view({
        form: {
          form: 'hold',
          values: { confirm: '' },
          errors: [{ field: 'confirm', message: 'Kryss av for å bekrefte at møtet er avholdt.' }],
          formError: null,
        },
      }),
    );
    expect(refused).toMatch(/id="hold-confirm"[^>]*aria-invalid="true"/);
    expect(refused).toContain('id="hold-confirm-error">Kryss av for å bekrefte at møtet er avholdt.</p>');
  });

  describe("a held meeting's own minutes", () => {
    const held = (over: Partial<RecordPage> = {}) => page({ status: 'held', ...over });
    const form = /<form[^>]*action="\/moter\/m1\/registrer\/referat-godkjent"[^>]*>.*?<\/form>/s;

    it('offers to record them approved another way, with a box to tick, until they are approved', () => {
      const html = render(view({}, held()), 'nb', 'tok');
      expect(html).toContain(
        '<h2 id="own-minutes-h" class="ds-heading" data-size="sm">Referatet fra dette møtet</h2>',
      );
      expect(html).toContain('Referatet er ikke godkjent ennå.');
      expect(html).toContain(
        'Er det godkjent på annen måte, for eksempel per e-post, registrerer du det her.',
      );
      const shown = form.exec(html)![0];
      expect(shown).toContain('name="_csrf" value="tok"');
      expect(shown).toMatch(
        /<input[^>]*type="checkbox" id="approve-otherwise-confirm" name="confirm" value="on"[^>]*>\s*<label[^>]*for="approve-otherwise-confirm"[^>]*>Referatet er godkjent på annen måte \(for eksempel per e-post\)<\/label>/,
      );
      expect(shown).toContain('Registrer at referatet er godkjent</button>');
      const en = render(view({}, held()), 'en');
      expect(en).toContain('The minutes of this meeting');
      expect(form.exec(en)![0]).toContain(
        'The minutes have been approved another way (for example by e-mail)</label>',
      );
      expect(form.exec(en)![0]).toContain('Record that the minutes are approved</button>');
      expect(en).not.toContain('Referatet');
    });

    it('says how they were approved, and offers the form no more', () => {
      const otherwise = render(view({}, held({ minutesApproval: { atMeeting: null } })));
      expect(otherwise).toContain('Referatet er godkjent på annen måte (for eksempel per e-post).');
      expect(otherwise).not.toContain('/referat-godkjent');
      const at = render(
        view(
          {},
          held({
            minutesApproval: { atMeeting: { id: 'm2', startsAt: '2026-06-19T09:00:00+02:00', title: null } },
          }),
        ),
        'en',
      );
      expect(at).toContain(
        'The minutes were approved at the meeting of <a class="ds-link" href="/moter/m2">19 June 2026</a>.',
      );
      expect(at).not.toContain('/referat-godkjent');
    });

    it('is not offered before the meeting is held', () => {
      expect(render(view())).not.toContain('/referat-godkjent');
      expect(render(view())).not.toContain('Referatet fra dette møtet');
    });

    it('shows a refusal beside the box, in bokmål and in English, whatever the meeting has become', () => {
      for (const [lang, message] of [
        ['nb', 'Referatet er allerede godkjent.'],
        ['en', 'The minutes are already approved.'],
      ] as const) {
        const html = render(
          view(
            {
              form: {
                form: 'approve-otherwise',
                values: { confirm: 'on' },
                errors: [{ field: 'confirm', message }],
                formError: null,
              },
            },
            held({ minutesApproval: { atMeeting: null } }),
          ),
          lang,
        );
        const shown = form.exec(html)![0];
        expect(shown).toMatch(/id="approve-otherwise-confirm"[^>]*aria-invalid="true"/);
        expect(shown).toContain(`id="approve-otherwise-confirm-error">${message}</p>`);
        expect(shown).toContain(`<a href="#approve-otherwise-confirm">`);
      }
      // A meeting not held: refused beside the box too, not at the top of the page.
      const early = render(
        view({
          form: {
            form: 'approve-otherwise',
            values: {},
            errors: [{ field: 'confirm', message: 'Møtet er ikke avholdt ennå.' }],
            formError: null,
          },
        }),
      );
      expect(form.exec(early)![0]).toContain(
        'id="approve-otherwise-confirm-error">Møtet er ikke avholdt ennå.</p>',
      );
      expect(formShown('approve-otherwise', page())).toBe(true);
    });
  });

  it("says how the previous meeting's minutes were approved", () => {
    const previous = (approvedAt: { id: string; startsAt: string } | null) =>
      page({
        previous: { id: 'm0', startsAt: '2025-12-04T09:00:00+01:00', minutesApproved: true, approvedAt },
      });
    expect(render(view({}, previous({ id: 'm1', startsAt: '2026-03-20T09:00:00+01:00' })))).toContain(
      'Referatet fra møtet 4. desember 2025 er godkjent.',
    );
    expect(render(view({}, previous(null)))).toContain(
      'Referatet fra møtet 4. desember 2025 er godkjent på annen måte (for eksempel per e-post).',
    );
    expect(render(view({}, previous({ id: 'mx', startsAt: '2026-01-15T09:00:00+01:00' })), 'en')).toContain(
      'The minutes of the meeting 4 December 2025 were approved at the meeting of 15 January 2026.',
    );
  });

  it('offers the deferred items of the previous meeting on their own once the draft has nothing to offer, chosen', () => {
    expect(render(view())).not.toContain('Utsatte saker fra forrige møte');
    const html = render(view({}, page({ draftOffer: [] })));
    const offer = html.indexOf('Utsatte saker fra forrige møte');
    expect(offer).toBeGreaterThan(0);
    expect(offer).toBeLessThan(html.indexOf('class="record-items"'));
    expect(html).toMatch(/type="checkbox" id="deferred-itemId-i0" name="itemId" value="i0" checked/);
  });

  it("offers the draft agenda's items not on the agenda yet, chosen, with the draft's numbers and words", () => {
    const html = render(view());
    const offer = html.indexOf('Fra utkastet til saksliste');
    expect(offer).toBeGreaterThan(0);
    expect(offer).toBeLessThan(html.indexOf('class="record-items"'));
    expect(html).toContain('action="/moter/m1/registrer/fra-utkastet"');
    expect(html).toMatch(
      /type="checkbox" id="draft-key-notice-approval" name="key" value="notice-approval" checked/,
    );
    expect(html).toMatch(/name="key" value="follow-up:c9" checked/);
    expect(html).toContain('1. Godkjenning av innkalling og saksliste</label>');
    const en = render(view({}, page({ draftOffer: [page().draftOffer[1]] })), 'en');
    expect(en).toContain('From the draft agenda');
    // The reader's words around what people typed, which is marked as bokmål.
    expect(en).toMatch(/6\. Follow-up: <span lang="nb">&lt;script>alert/);
    // Held or cancelled, nothing is offered.
    expect(render(view({}, page({ draftOffer: [] })))).not.toContain('fra-utkastet');
  });

  it('reads in English', () => {
    const html = render(view(), 'en');
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Record the meeting');
    expect(html).toContain('Record commitment');
    expect(html).not.toContain('Registrer forpliktelse');
  });

  it('marks what people typed as bokmål on an English page (WCAG 3.1.2), and neither catalogue text nor names', () => {
    const typed = page({
      groupName: 'Faggruppen',
      title: 'Budsjettmøte',
      location: 'Rådhuset',
      items: [
        {
          itemId: 'i1',
          number: 3,
          title: 'Kommuneplanen',
          kind: 'decision',
          deferred: false,
          commitments: [
            {
              id: 'c1',
              text: 'Sende ut forslaget',
              owner: { kind: 'person', personId: 'p' },
              ownerName: 'Kari Nordmann',
              dueAt: null,
              dueMeetingId: null,
            },
          ],
        },
      ] as unknown as RecordPage['items'],
      decisions: [
        {
          matterId: 'mt',
          matterTitle: 'Planarbeid',
          decisionId: 'd1',
          kind: 'adopted',
          text: 'Planen sendes på høring',
          amended: false,
        },
      ],
      attendance: [{ personId: 'p', name: 'Kari Nordmann', remote: false, substituteFor: null }],
      deferredOffer: [
        { meetingId: 'm0', itemId: 'i0', number: 5, title: 'Posisjonsnotat', kind: 'discussion' },
      ],
      draftOffer: [],
      people: [{ id: 'p', name: 'Kari Nordmann' }],
      workingGroups: [{ id: 'w', name: 'Arbeidsgruppe 5' }],
      matters: [{ id: 'mt', title: 'Planarbeid' }],
    });
    const en = render(view({}, typed), 'en');
    expect(en).toContain('Record the meeting: <span lang="nb">Budsjettmøte</span></h1>');
    expect(en).toContain('<a class="ds-link" href="/grupper/g" lang="nb">Faggruppen</a>');
    expect(en).toContain('<dd><span lang="nb">Rådhuset</span>, Online</dd>');
    expect(en).toContain('data-weight="regular">5. <span lang="nb">Posisjonsnotat</span></label>');
    expect(en).toContain('3. <span lang="nb">Kommuneplanen</span></h3>');
    expect(en).toContain(
      '<li data-commitment="c1"><span lang="nb">Sende ut forslaget</span> – <a class="ds-link" href="/personer/p/oppgaver">Kari Nordmann</a>',
    );
    expect(en).toContain(
      '<a class="ds-link" href="/saker/mt" lang="nb">Planarbeid</a>: <span lang="nb">Planen sendes på høring</span>',
    );
    expect(en).toContain('<option value="mt" lang="nb">Planarbeid</option>');
    expect(en).toContain('<option value="w" lang="nb">Arbeidsgruppe 5</option>');
    expect(en).toContain('<option value="p">Kari Nordmann</option>');
    // Fields filled with what was typed: the matter's title from the item's, the decision to amend.
    expect(en).toMatch(
      /<input class="ds-input" id="decision-i1-matterTitle" name="matterTitle" lang="nb"[^>]* value="Kommuneplanen"/,
    );
    expect(en).toMatch(
      /<textarea class="ds-input" id="amend-d1-text" name="text" lang="nb"[^>]*>Planen sendes på høring<\/textarea>/,
    );
    expect(en).toMatch(/<textarea class="ds-input" id="amend-d1-reason" name="reason" required/);
    const nb = render(view({}, typed));
    expect(nb).toContain('Registrer møtet: Budsjettmøte</h1>');
    // Only <html lang="nb">.
    expect((nb.match(/ lang="nb"/g) ?? []).length).toBe(1);
  });

  it('fills the date and time fields in the group’s zone', () => {
    expect(wallFields('2026-03-20T08:00:00Z')).toEqual({ date: '2026-03-20', time: '09:00' });
    expect(wallFields('2026-06-20T08:00:00Z')).toEqual({ date: '2026-06-20', time: '10:00' });
    expect(wallFields(null)).toEqual({ date: '', time: '' });
  });
});

describe('The schedule page', () => {
  it('marks the required fields and posts to the group', () => {
    const html = renderDocument(
      scheduleView({ group: { id: 'g 1', name: HOSTILE }, form: null }, testPage()),
    );
    expect(html).toContain('action="/grupper/g%201/nytt-mote"');
    expect(html).toMatch(/<input[^>]*id="schedule-date"[^>]*required[^>]*type="date"/);
    expect(html).not.toContain('<script>alert');
  });
});

describe('The notice', () => {
  const model: NoticeModel = {
    meetingId: 'm2',
    group: 'Faggruppe for plan',
    title: 'Møte i faggruppen',
    startsAt: '2026-06-19T09:00:00+02:00',
    endsAt: '2026-06-19T11:30:00+02:00',
    location: 'Rådhuset',
    online: true,
    items: [
      { number: 1, title: 'Godkjenning av innkalling og saksliste', wording: { key: 'notice-approval' } },
      { number: 2, title: 'Budsjett <2027>', wording: { key: 'stored', title: 'Budsjett <2027>' } },
    ],
  };

  it('is plain text for an e-mail: when, where, and the agenda numbered', () => {
    expect(noticeText(model, nb)).toBe(
      [
        'Innkalling til møte i Faggruppe for plan',
        'Møte i faggruppen',
        '',
        'Tid: 19. juni 2026 kl. 09:00 – 11:30',
        'Sted: Rådhuset, digitalt',
        '',
        'Velkommen til møte.',
        '',
        'Saksliste:',
        '1. Godkjenning av innkalling og saksliste',
        '2. Budsjett <2027>',
        '',
        'Vennlig hilsen sekretariatet',
      ].join('\n'),
    );
    expect(noticeText({ ...model, location: null, online: null, endsAt: null }, en)).toContain(
      'Where: not given',
    );
  });

  it('is on the record page as the same text, with what people typed marked on an English page (WCAG 3.1.2)', () => {
    // The items' titles in the reader's words, as noticeModel words them.
    const withFollowUp = (m: typeof nb): NoticeModel => {
      const follow = { key: 'follow-up' as const, text: 'Sende ut forslaget', owner: 'secretariat' as const };
      const items = [...model.items, { number: 3, title: '', wording: follow }];
      return { ...model, items: items.map((i) => ({ ...i, title: agendaTitle(i.wording, m.agenda.draft) })) };
    };
    const shown = (lang: 'nb' | 'en') => {
      const html = render(view({ notice: withFollowUp(lang === 'nb' ? nb : en) }), lang);
      return html.match(/<pre id="notice-text"[^>]*>([\s\S]*?)<\/pre>/)![1];
    };
    const text = (pre: string) =>
      pre
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
    const enPre = shown('en');
    // What is copied (the box's textContent) is the notice as text, word for word.
    expect(text(enPre)).toBe(noticeText(withFollowUp(en), en));
    expect(text(shown('nb'))).toBe(noticeText(withFollowUp(nb), nb));
    expect(enPre).toContain('Notice of meeting: <span lang="nb">Faggruppe for plan</span>\n');
    expect(enPre).toContain('\n<span lang="nb">Møte i faggruppen</span>\n');
    expect(enPre).toContain('Where: <span lang="nb">Rådhuset</span>, online\n');
    expect(enPre).toContain('\n1. Approval of the notice and agenda\n');
    expect(enPre).toContain('\n2. <span lang="nb">Budsjett &lt;2027></span>\n');
    expect(enPre).toContain('\n3. Follow-up: <span lang="nb">Sende ut forslaget</span> (The secretariat)\n');
    expect(shown('nb')).not.toContain(' lang=');
  });

  it('is a Word document with the same agenda', async () => {
    const text = (await mammoth.extractRawText({ buffer: await noticeDocx(model, nb) })).value;
    expect(text).toContain('Innkalling til møte i Faggruppe for plan');
    expect(text).toContain('2. Budsjett <2027>');
    expect(text).toContain('Sted: Rådhuset, digitalt');
  });
});
