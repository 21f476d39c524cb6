import { renderDocument } from '../shared/render';
import { HOSTILE, testPage, testPrincipal } from '../shared/view-testing';
import { fieldErrors } from './form';
import { adminPeopleView } from './people/admin-people.view';
import type { AdminPeoplePage, MembershipPage } from './people/admin-people.page-query';
import { membershipView } from './people/membership.view';
import { adminRemindersView, type AdminRemindersView } from './reminders/admin-reminders.view';
import type { AdminRemindersPage, ReminderRow } from './reminders/admin-reminders.page-query';

const row = (over: Partial<ReminderRow> = {}): ReminderRow => ({
  meetingId: 'm1',
  meetingLabel: { title: HOSTILE, startsAt: '2030-06-19T09:00:00+02:00' },
  recipientId: 'p1',
  recipientName: HOSTILE,
  offset: 'P7D',
  version: 1,
  status: 'needs-attention',
  when: '2030-06-12T07:00:00Z',
  reason: HOSTILE,
  messageId: '<rem.m1.p1.P7D.v1@example.no>',
  requestedBy: null,
  ...over,
});

const reminders = (rows: ReminderRow[]): AdminRemindersPage => ({
  group: { id: 'g1', name: HOSTILE },
  offsets: null,
  defaultOffsets: ['P7D', 'P1D'],
  rows,
});

const people: AdminPeoplePage = {
  people: [
    { id: 'p1', name: HOSTILE, email: null, organisation: null, aliases: [HOSTILE], groups: [] },
    {
      id: 'p2',
      name: 'Kari',
      email: 'kari@example.no',
      organisation: null,
      aliases: [],
      groups: [{ id: 'g1', name: 'Plan', role: 'chair' }],
    },
  ],
  groups: [
    { id: 'g1', name: 'Plan', members: [{ personId: 'p2', name: 'Kari', role: 'chair' }] },
    { id: 'g2', name: HOSTILE, members: [] },
  ],
};

describe('the secretariat pages (views)', () => {
  it('escape every name, title, reason and alias, in both languages', () => {
    for (const lang of ['nb', 'en'] as const) {
      const html = [
        renderDocument(
          adminRemindersView(
            {
              data: reminders([row(), row({ status: 'sent', recipientId: 'p2' })]),
              flash: null,
              policy: null,
              resend: null,
            },
            testPage(lang),
          ),
        ),
        renderDocument(adminPeopleView({ data: people, flash: null, back: null }, testPage(lang))),
      ].join('');
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    }
  });

  it('offers "send again" only for a reminder needing attention, with its key in hidden fields and the CSRF token', () => {
    const page = { ...testPage(), csrfToken: 'tok"en' };
    const html = renderDocument(
      adminRemindersView(
        {
          data: reminders([row(), row({ status: 'sent', recipientId: 'p2' })]),
          flash: null,
          policy: null,
          resend: null,
        },
        page,
      ),
    );
    expect(html.match(/Send igjen/g)).toHaveLength(1);
    expect(html).toContain('name="_csrf" value="tok&quot;en"');
    expect(html).toContain('name="recipientId" value="p1"');
    expect(html).not.toContain('/admin/ko');
    // An admin, by the policy, is linked to the queue.
    const admin = renderDocument(
      adminRemindersView(
        { data: reminders([row()]), flash: null, policy: null, resend: null },
        testPage('nb', '/', testPrincipal({ admin: true })),
      ),
    );
    expect(admin).toContain('href="/admin/ko"');
  });

  it('shows reminder times in words, and "no reminders" as a choice of its own, in both languages', () => {
    const html = (
      data: AdminRemindersPage,
      lang: 'nb' | 'en' = 'nb',
      policy: AdminRemindersView['policy'] = null,
    ) => renderDocument(adminRemindersView({ data, flash: null, policy, resend: null }, testPage(lang)));
    const rows = [row(), row({ status: 'pending', recipientId: 'p2', offset: 'PT18H' })];
    const byDefault = html(reminders(rows));
    // ISO only in the hidden fields and the Message-ID, never in what is read.
    for (const iso of ['<td>PT18H</td>', '– P7D', '(P7D, P1D)']) expect(byDefault).not.toContain(iso);
    expect(byDefault).toContain('Nå: standarden, 7 dager før og 1 dag før møtet.');
    expect(byDefault).toMatch(/<h3[^>]*>.* – 7 dager før<\/h3>/s);
    expect(byDefault).toContain('<td>18 timer</td>');
    expect(byDefault).toMatch(/id="policy-mode-times" name="mode" value="times" checked/);
    expect(byDefault).toMatch(/id="policy-offsets"[^>]*value="7 dager, 1 dag"/);
    const own = html({ ...reminders(rows), offsets: ['P3D', 'PT2H'] }, 'en');
    expect(own).toContain('Now: 3 days before and 2 hours before the meeting.');
    expect(own).toContain('<td>18 hours</td>');
    expect(own).toMatch(/id="policy-offsets"[^>]*value="3 days, 2 hours"/);
    const none = html({ ...reminders([]), offsets: [] });
    expect(none).toContain('Nå: ingen påminnelser.');
    expect(none).toMatch(/id="policy-mode-none" name="mode" value="none" checked/);
    const refused = html(reminders([]), 'nb', {
      values: { mode: 'times', offsets: '7 dagr' },
      errors: { offsets: '«7 dagr» er ikke en tid før møtet.' },
    });
    expect(refused).toMatch(/id="policy-offsets"[^>]*value="7 dagr"/);
    expect(refused).toContain('«7 dagr» er ikke en tid før møtet.');
  });

  it('shows errors next to their field, in the summary with links, and marks the field invalid', () => {
    const errors = fieldErrors(
      [
        { path: ['name'], message: 'Too small: expected string to have >=1 characters', code: 'too_small' },
        { path: ['email'], message: 'Invalid email address', code: 'invalid_format' },
      ],
      testPage().m,
    );
    expect(errors).toEqual({
      name: 'Fyll ut feltet.',
      email: expect.stringContaining('gyldig e-postadresse'),
    });
    const html = renderDocument(
      adminPeopleView(
        { data: people, flash: null, back: { form: 'add', values: { name: '', email: 'x' }, errors } },
        testPage(),
      ),
    );
    expect(html).toContain('<a href="#add-name">Navn: Fyll ut feltet.</a>');
    expect(html).toMatch(/id="add-name"[^>]*aria-describedby="add-name-error"/);
    expect(html).toMatch(/id="add-name"[^>]*aria-invalid="true"/);
    expect(html).toContain('id="add-email-error"');
    expect(html).toMatch(/class="ds-error-summary" id="add-errors" tabindex="-1" autofocus/);
  });

  it('marks group names as bokmål on the English pages (WCAG 3.1.2), not on the bokmål ones', () => {
    const en = renderDocument(adminPeopleView({ data: people, flash: null, back: null }, testPage('en')));
    // This reader may not open the group: its name is not linked, and marked all the same.
    expect(en).toContain('<h3 class="ds-heading" data-size="xs" lang="nb">Plan</h3>');
    expect(en).toContain(
      '<caption class="ds-sr-only" id="members-g1-caption">The members of <span lang="nb">Plan</span></caption>',
    );
    expect(en).toMatch(
      /<div class="table-scroll" tabindex="0" role="region" aria-labelledby="members-g1-caption"/,
    );
    expect(en).toContain('<span lang="nb">Plan</span> (Chair)');
    expect(en).toContain('<option value="g1" lang="nb">Plan</option>');
    const reminderPage = (lang: 'nb' | 'en') =>
      renderDocument(
        adminRemindersView({ data: reminders([]), flash: null, policy: null, resend: null }, testPage(lang)),
      );
    expect(reminderPage('en')).toMatch(
      /<h1 class="ds-heading" data-size="lg">[^<]*<span lang="nb">&lt;script>/,
    );
    const nb = renderDocument(adminPeopleView({ data: people, flash: null, back: null }, testPage()));
    expect((nb.match(/ lang="nb"/g) ?? []).length).toBe(1);
    expect((reminderPage('nb').match(/ lang="nb"/g) ?? []).length).toBe(1);
  });

  it('lists only people without an e-mail address under "no e-mail", each with its own form', () => {
    const html = renderDocument(adminPeopleView({ data: people, flash: null, back: null }, testPage('en')));
    expect(html).toContain('action="/personer/p1/epost"');
    expect(html).not.toContain('action="/personer/p2/epost"');
    expect(html).toContain('Without an e-mail address (1)');
  });

  it('offers to establish a group to an admin only, as the API allows (system.admin)', () => {
    const admin = renderDocument(
      adminPeopleView(
        { data: people, flash: null, back: null },
        testPage('nb', '/personer', testPrincipal({ admin: true })),
      ),
    );
    expect(admin).toContain('action="/personer/ny-gruppe"');
    expect(admin).toMatch(/<label class="ds-label" for="new-group-name">Navn på gruppen<\/label>/);
    const secretary = renderDocument(
      adminPeopleView(
        { data: people, flash: null, back: null },
        testPage('nb', '/personer', testPrincipal({ roles: { g1: 'secretariat' } })),
      ),
    );
    expect(secretary).not.toContain('/personer/ny-gruppe');
    expect(secretary).not.toContain('id="new-group"');
  });

  it('brings a refused group back with the error beside the name and in the summary', () => {
    const html = renderDocument(
      adminPeopleView(
        {
          data: people,
          flash: null,
          back: { form: 'group', values: { name: '  ' }, errors: { name: 'Fyll ut feltet.' } },
        },
        testPage('nb', '/personer', testPrincipal({ admin: true })),
      ),
    );
    expect(html).toContain('<a href="#new-group-name">Navn på gruppen: Fyll ut feltet.</a>');
    expect(html).toMatch(/id="new-group-name"[^>]*aria-describedby="new-group-name-error"/);
    expect(html).toMatch(/id="new-group-name"[^>]*aria-invalid="true"/);
  });

  it('lists each group with its members and their roles, each linked to change or remove it', () => {
    const html = renderDocument(
      adminPeopleView({ data: people, flash: null, back: null, newGroupId: 'g2' }, testPage()),
    );
    const section = html.slice(html.indexOf('id="groups"'), html.indexOf('id="merge"'));
    expect(section).toContain('<td>Kari</td><td>Møteleder</td>');
    expect(section).toContain('href="/personer/p2/grupper/g1"');
    expect(section).toContain(
      'aria-label="Endre rolle eller fjern: Kari i Plan">Endre rolle eller fjern</a>',
    );
    expect(section).toContain('Ingen medlemmer ennå.');
    // A group just established is chosen already in "add a member".
    expect(html).toMatch(/<option value="g2" selected/);
  });

  describe('the membership page', () => {
    const membership: MembershipPage = {
      person: { id: 'p2', name: HOSTILE },
      group: { id: 'g1', name: 'Plan' },
      role: 'chair',
    };

    it('shows the person, the group and the role, the role chosen in its form, and removal behind a confirmation', () => {
      for (const lang of ['nb', 'en'] as const) {
        const html = renderDocument(membershipView({ data: membership, back: null }, testPage(lang)));
        expect(html).not.toContain('<script>alert(1)');
        expect(html).toContain('action="/personer/p2/grupper/g1/rolle"');
        expect(html).toContain('action="/personer/p2/grupper/g1/fjern"');
        expect(html).toMatch(/<option value="chair" selected/);
        expect(html).toMatch(/type="checkbox" id="remove-confirm" name="confirm" value="on"/);
      }
      const nb = renderDocument(membershipView({ data: membership, back: null }, testPage()));
      expect(nb).toContain('<dt>Rolle nå</dt><dd>Møteleder</dd>');
    });

    it('brings an unconfirmed removal back with the error beside the checkbox, linked from the summary', () => {
      const html = renderDocument(
        membershipView(
          {
            data: { ...membership, person: { id: 'p2', name: 'Kari' } },
            back: { form: 'remove', values: {}, errors: { confirm: 'Kryss av.' } },
          },
          testPage(),
        ),
      );
      expect(html).toContain('<a href="#remove-confirm">Ja, fjern Kari fra Plan: Kryss av.</a>');
      expect(html).toMatch(/id="remove-confirm"[^>]*aria-describedby="remove-confirm-error"/);
      expect(html).toMatch(/id="remove-confirm"[^>]*aria-invalid="true"/);
      expect(html).toContain('id="remove-confirm-error"');
      expect(html).not.toMatch(/id="remove-confirm"[^>]*checked/);
    });
  });
});
