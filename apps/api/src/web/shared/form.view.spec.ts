import { h } from 'preact';
import {
  Checkbox,
  Choices,
  ErrorSummary,
  Field,
  Form,
  formScope,
  OwnerDueFields,
  Select,
  type Refused,
} from './form';
import { renderFragment } from './render';
import { HOSTILE, testPage } from './view-testing';

const page = { ...testPage(), csrfToken: 'tok"en', formKey: () => 'key-1' };
const refused: Refused = {
  values: { name: HOSTILE, role: 'chair', members: ['a', 'c'], kind: 'date', remote: 'on' },
  errors: [
    { field: 'name', message: 'Fyll ut feltet.' },
    { field: 'kind', message: 'Velg et av alternativene.' },
  ],
  formError: 'Møtet er avlyst.',
};
const options = [
  { value: 'member', label: 'Medlem' },
  { value: 'chair', label: 'Leder' },
];

describe('the shared form parts', () => {
  describe('a field', () => {
    it('is labelled by id, and says whether it must be filled in where the form marks that', () => {
      const f = formScope(page, 'add', null, { marks: true });
      const html = renderFragment(
        h(Field, { f, name: 'name', label: 'Navn', required: true, value: 'Kari' }),
      );
      expect(html).toContain(
        '<label class="ds-label" for="add-name">Navn <span class="muted field-note">(må fylles ut)</span></label>',
      );
      expect(html).toMatch(
        /<input class="ds-input" id="add-name" name="name" required type="text" value="Kari"/,
      );
      expect(html).not.toContain('aria-invalid');
      const plain = renderFragment(
        h(Field, { f: formScope(page, 'add', null), name: 'name', label: 'Navn' }),
      );
      expect(plain).not.toContain('field-note');
    });

    it('refused, shows what was typed, escaped, with its error tied to it after its hint', () => {
      const f = formScope(page, 'add', refused);
      const html = renderFragment(
        h(Field, { f, name: 'name', label: 'Navn', hint: 'Fullt navn', value: 'Kari' }),
      );
      expect(html).toContain(
        '<p class="ds-paragraph field-hint" data-size="sm" id="add-name-hint">Fullt navn</p>',
      );
      expect(html).toContain('id="add-name-error">Fyll ut feltet.</p>');
      expect(html).toMatch(
        /id="add-name"[^>]*aria-describedby="add-name-hint add-name-error" aria-invalid="true"/,
      );
      expect(html).not.toContain('<script>alert(1)');
      expect(html).toContain('value="&lt;script>alert(1)&lt;/script> &quot;>');
    });

    it('is a textarea when multiline, and a file input without a value', () => {
      const f = formScope(page, 'up', refused);
      expect(
        renderFragment(h(Field, { f, name: 'text', label: 'Tekst', multiline: true, rows: 8, value: 'abc' })),
      ).toMatch(/<textarea class="ds-input" id="up-text" name="text" rows="8">abc<\/textarea>/);
      const file = renderFragment(h(Field, { f, name: 'file', label: 'Fil', type: 'file', accept: '.docx' }));
      expect(file).toMatch(/<input class="ds-input" id="up-file" name="file" type="file" accept=".docx"\/>/);
    });
  });

  it('a select keeps the choice that was posted, and a multiple select every one', () => {
    const f = formScope(page, 'm', refused);
    const one = renderFragment(
      h(Select, { f, name: 'role', label: 'Rolle', options, value: 'member', empty: 'Velg' }),
    );
    expect(one).toContain('<option value="chair" selected>Leder</option>');
    expect(one).toContain('<option value="member">Medlem</option>');
    expect(one).toContain('<option value>Velg</option>');
    const fresh = renderFragment(
      h(Select, { f: formScope(page, 'm', null), name: 'role', label: 'Rolle', options, value: 'member' }),
    );
    expect(fresh).toContain('<option value="member" selected>Medlem</option>');
    const many = renderFragment(
      h(Select, {
        f,
        name: 'members',
        label: 'Medlemmer',
        multiple: true,
        options: ['a', 'b', 'c'].map((v) => ({ value: v, label: v.toUpperCase() })),
      }),
    );
    expect(many.match(/ selected/g)).toHaveLength(2);
    expect(many).toContain('<option value="b">B</option>');
  });

  it('choices are radio buttons in a fieldset, which names their error', () => {
    const f = formScope(page, 'c', refused);
    const html = renderFragment(
      h(Choices, {
        f,
        name: 'kind',
        legend: 'Frist',
        value: 'next',
        options: [
          { value: 'next', label: 'Neste møte' },
          { value: 'date', label: 'En dato' },
        ],
      }),
    );
    expect(html).toMatch(
      /<fieldset class="ds-fieldset" id="c-kind" tabindex="-1" aria-describedby="c-kind-error"><legend class="ds-label">Frist<\/legend>/,
    );
    expect(html).toContain('id="c-kind-date" name="kind" value="date" checked');
    expect(html).not.toMatch(/value="next" checked/);
    expect(html).toContain('<label class="ds-label" for="c-kind-date" data-weight="regular">En dato</label>');
  });

  it('a checkbox is checked as posted once refused, else as given', () => {
    const given = renderFragment(
      h(Checkbox, { f: formScope(page, 'a', null), name: 'remote', label: 'Digitalt', checked: true }),
    );
    expect(given).toMatch(/type="checkbox" id="a-remote" name="remote" value="on" checked/);
    const posted = renderFragment(
      h(Checkbox, { f: formScope(page, 'a', refused), name: 'online', label: 'Digitalt', checked: true }),
    );
    expect(posted).not.toContain('checked');
  });

  it('a checkbox on its own carries its error (a confirmation left unticked); one of a group leaves it to the group', () => {
    const unticked: Refused = { values: {}, errors: [{ field: 'confirm', message: 'Kryss av.' }] };
    const html = renderFragment(
      h(Checkbox, { f: formScope(page, 'remove', unticked), name: 'confirm', label: 'Ja, fjern' }),
    );
    expect(html).toMatch(
      /id="remove-confirm" name="confirm" value="on" aria-describedby="remove-confirm-error" aria-invalid="true"/,
    );
    expect(html).toContain('id="remove-confirm-error">Kryss av.</p>');
    const grouped = renderFragment(
      h(Checkbox, {
        f: formScope(page, 'remove', unticked),
        name: 'confirm',
        label: 'Sak 5',
        value: 'i5',
      }),
    );
    expect(grouped).not.toContain('aria-invalid');
    expect(grouped).not.toContain('Kryss av.');
  });

  describe('the error summary', () => {
    it('is there only when the form was refused', () => {
      expect(renderFragment(h(ErrorSummary, { f: formScope(page, 'add', null) }))).toBe('');
    });

    it('takes the focus, says nothing was saved, and links each error to its field by the field’s own id', () => {
      const f = formScope(page, 'review', refused, {
        id: (name) => `f-${name}`,
        labels: { name: 'Navn' },
      });
      const html = renderFragment(h(ErrorSummary, { f }));
      expect(html).toMatch(
        /^<div class="ds-error-summary" id="review-errors" tabindex="-1" autofocus data-error-summary="true" aria-labelledby="review-errors-h"><h2 class="ds-heading" data-size="2xs" id="review-errors-h">Skjemaet har feil som må rettes<\/h2><p class="ds-paragraph">Det ble ikke lagret noe.<\/p>/,
      );
      expect(html).toContain('<li>Møtet er avlyst.</li>');
      expect(html).toContain('<a href="#f-name">Navn: Fyll ut feltet.</a>');
      expect(html).toContain('<a href="#f-kind">Velg et av alternativene.</a>');
    });

    it('names each field by its label, found among the form’s fields however they are grouped', () => {
      const errors = [
        { field: 'startTime', message: 'Feltet må fylles ut.' },
        { field: 'kind', message: 'Velg et av alternativene.' },
        { field: 'ownerPerson', message: 'Velg en person.' },
        { field: 'itemIds', message: 'Velg minst én sak.' },
      ];
      const f = formScope(page, 'schedule', { values: {}, errors, formError: null });
      const html = renderFragment(
        h(
          Form,
          { f, action: '/x' },
          h('div', { class: 'row' }, h(Field, { f, name: 'startTime', label: 'Starter kl.', type: 'time' })),
          h(Choices, { f, name: 'kind', legend: 'Type vedtak', options, value: 'member' }),
          h(OwnerDueFields, {
            f,
            names: {
              ownerKind: 'ownerKind',
              owner: 'ownerPerson',
              ownerWorkingGroup: 'ownerWorkingGroup',
              dueKind: 'dueKind',
              dueMeeting: 'dueMeeting',
              dueDate: 'dueDate',
            },
            labels: {
              owner: 'Ansvarlig',
              owners: 'Ansvarlig person',
              due: 'Frist',
              dueDate: 'Datoen',
              choose: 'Velg',
            },
            ownerKinds: [{ value: 'person', label: 'En person' }],
            dueKinds: [{ value: 'date', label: 'En dato' }],
            ownerKind: 'person',
            people: [{ value: 'p1', label: 'Kari' }],
            dueKind: 'date',
          }),
          h(Checkbox, { f, name: 'itemIds', label: '5. Budsjett', value: 'i5' }),
        ),
      );
      expect(html).toContain('<a href="#schedule-startTime">Starter kl.: Feltet må fylles ut.</a>');
      expect(html).toContain('<a href="#schedule-kind">Type vedtak: Velg et av alternativene.</a>');
      expect(html).toContain('<a href="#schedule-ownerPerson">Ansvarlig person: Velg en person.</a>');
      // One checkbox of a group is not the group's name.
      expect(html).toContain('<a href="#schedule-itemIds">Velg minst én sak.</a>');
    });

    it('reads in English', () => {
      const html = renderFragment(h(ErrorSummary, { f: formScope(testPage('en'), 'x', refused) }));
      expect(html).toContain('The form has errors to correct');
      expect(html).toContain('Nothing was saved.');
    });

    it('lists the errors in the order of the fields in the form, whatever order they were found in', () => {
      const errors = [
        { field: 'groupId', message: 'Velg en gruppe.' },
        { field: 'elsewhere', message: 'Ikke i skjemaet.' },
        { field: 'personId', message: 'Velg en person.' },
      ];
      const f = formScope(page, 'member', { values: {}, errors, formError: null });
      const html = renderFragment(
        h(
          Form,
          { f, action: '/x' },
          h(Select, { f, name: 'personId', label: 'Person', options }),
          h(Select, { f, name: 'groupId', label: 'Gruppe', options }),
        ),
      );
      const summary = html.slice(html.indexOf('member-errors'), html.indexOf('</ul>'));
      expect([...summary.matchAll(/<li>(?:<a [^>]*>)?([^<]*)/g)].map((x) => x[1])).toEqual([
        'Person: Velg en person.',
        'Gruppe: Velg en gruppe.',
        'Ikke i skjemaet.',
      ]);
    });
  });

  it('a form posts with its CSRF token and its key, leaves checking to the server, and opens with its errors', () => {
    const f = formScope(page, 'item', refused);
    const html = renderFragment(
      h(
        Form,
        {
          f,
          action: '/moter/m 1/registrer/saker',
          submit: 'Legg til sak',
          class: 'record-form',
          danger: true,
        },
        h(Field, { f, name: 'title', label: 'Tittel' }),
      ),
    );
    expect(html).toMatch(
      /^<form method="post" action="\/moter\/m 1\/registrer\/saker" novalidate class="record-form" id="item-form">/,
    );
    expect(html).toContain(
      '<input type="hidden" name="_csrf" value="tok&quot;en"/><input type="hidden" name="_key" value="key-1"/><div class="ds-error-summary"',
    );
    expect(html).toMatch(
      /<button type="submit" class="ds-button" data-variant="primary" data-color="danger">Legg til sak<\/button><\/form>$/,
    );
    // Without a session there is no token, and without keys (a spec, a read token) no key.
    const bare = renderFragment(
      h(Form, { f: formScope(testPage(), 'x', null), action: '/x', multipart: true }),
    );
    expect(bare).toBe(
      '<form method="post" action="/x" novalidate id="x-form" enctype="multipart/form-data"></form>',
    );
  });

  describe('who answers and by when', () => {
    const kinds = {
      ownerKinds: [
        { value: 'person', label: 'En person' },
        { value: 'secretariat', label: 'Sekretariatet' },
      ],
      dueKinds: [
        { value: 'next-meeting', label: 'Neste møte' },
        { value: 'date', label: 'En dato' },
      ],
    };

    it('chooses among known people, working groups and meetings on the record page', () => {
      const f = formScope(page, 'commitment-i1', null);
      const html = renderFragment(
        h(OwnerDueFields, {
          f,
          names: {
            ownerKind: 'ownerKind',
            owner: 'ownerPerson',
            ownerWorkingGroup: 'ownerWorkingGroup',
            dueKind: 'dueKind',
            dueMeeting: 'dueMeeting',
            dueDate: 'dueDate',
          },
          labels: {
            owner: 'Ansvarlig',
            owners: 'Ansvarlig person',
            ownerWorkingGroup: 'Arbeidsgruppe',
            due: 'Frist',
            dueMeeting: 'Møtet',
            dueDate: 'Datoen',
            choose: 'Velg',
          },
          ...kinds,
          ownerKind: 'person',
          people: [{ value: 'p1', label: HOSTILE }],
          workingGroups: [{ value: 'w1', label: 'Klima' }],
          dueKind: 'next-meeting',
          meetings: [{ value: 'm2', label: '19. juni' }],
        }),
      );
      expect(html.match(/<fieldset /g)).toHaveLength(2);
      expect(html).toContain('<legend class="ds-label">Ansvarlig</legend>');
      expect(html).toContain('id="commitment-i1-ownerKind-person" name="ownerKind" value="person" checked');
      expect(html).toMatch(
        /<select class="ds-input" id="commitment-i1-ownerPerson" name="ownerPerson" aria-describedby="commitment-i1-ownerPerson-hint">/,
      );
      // No choice here names a working group or a meeting: nothing says when those are needed.
      expect(html).toContain(
        '<select class="ds-input" id="commitment-i1-ownerWorkingGroup" name="ownerWorkingGroup">',
      );
      expect(html).toContain('<select class="ds-input" id="commitment-i1-dueMeeting" name="dueMeeting">');
      expect(html).toMatch(
        /id="commitment-i1-dueDate" name="dueDate" aria-describedby="commitment-i1-dueDate-hint" type="date"/,
      );
      expect(html).not.toContain('<script>alert(1)');
    });

    it('marks the fields needed only under a choice neither required nor optional, and says when they are needed', () => {
      const props = {
        names: {
          ownerKind: 'ownerKind',
          owner: 'ownerPerson',
          ownerWorkingGroup: 'ownerWorkingGroup',
          dueKind: 'dueKind',
          dueMeeting: 'dueMeeting',
          dueDate: 'dueDate',
        },
        labels: {
          owner: 'Ansvarlig',
          owners: 'Ansvarlig person',
          ownerWorkingGroup: 'Ansvarlig arbeidsgruppe',
          due: 'Frist',
          dueMeeting: 'Møtet',
          dueDate: 'Datoen',
          choose: 'Velg',
        },
        ownerKinds: [
          { value: 'person', label: 'En person' },
          { value: 'working-group', label: 'En arbeidsgruppe' },
          { value: 'secretariat', label: 'Sekretariatet' },
        ],
        dueKinds: [
          { value: 'next-meeting', label: 'Neste møte' },
          { value: 'meeting', label: 'Et bestemt møte' },
          { value: 'date', label: 'En dato' },
        ],
        ownerKind: 'person',
        people: [{ value: 'p1', label: 'Kari' }],
        workingGroups: [{ value: 'w1', label: 'Klima' }],
        dueKind: 'next-meeting',
        meetings: [{ value: 'm2', label: '19. juni' }],
      };
      const html = renderFragment(
        h(OwnerDueFields, { f: formScope(page, 'c', null, { marks: true }), ...props }),
      );
      expect(html).not.toContain('(valgfritt)');
      expect(html).not.toContain('field-note');
      for (const [field, label, choice] of [
        ['ownerPerson', 'Ansvarlig person', 'En person'],
        ['ownerWorkingGroup', 'Ansvarlig arbeidsgruppe', 'En arbeidsgruppe'],
        ['dueMeeting', 'Møtet', 'Et bestemt møte'],
        ['dueDate', 'Datoen', 'En dato'],
      ]) {
        expect(html).toContain(`<label class="ds-label" for="c-${field}">${label}</label>`);
        expect(html).toContain(`id="c-${field}-hint">Må fylles ut når «${choice}» er valgt.</p>`);
        expect(html).toMatch(
          new RegExp(`id="c-${field}" name="${field}" aria-describedby="c-${field}-hint"`),
        );
      }
      const en = renderFragment(
        h(OwnerDueFields, { f: formScope(testPage('en'), 'c', null, { marks: true }), ...props }),
      );
      expect(en).not.toContain('(optional)');
      expect(en).toContain('id="c-dueDate-hint">Required when “En dato” is chosen.</p>');
      // Where the name is typed and no list of working groups is offered, the name is needed for either.
      const typed = renderFragment(
        h(OwnerDueFields, {
          f: formScope(page, 'r', null),
          names: { ownerKind: 'k', owner: 'o', dueKind: 'd', dueDate: 'dd' },
          labels: { owner: 'Ansvarlig er', owners: 'Navn på ansvarlig', due: 'Frist', dueDate: 'Dato' },
          ownerKinds: props.ownerKinds,
          dueKinds: props.dueKinds,
          ownerKind: 'person',
          people: { list: 'names', value: '' },
          dueKind: 'next-meeting',
        }),
      );
      expect(typed).toContain(
        'id="r-o-hint">Må fylles ut når «En person» eller «En arbeidsgruppe» er valgt.</p>',
      );
    });

    it('takes a name typed, with suggestions, in the import’s review', () => {
      const f = formScope(page, 'review', null, { id: (n) => `f-${n.replace(/\W+/g, '-')}` });
      const html = renderFragment(
        h(OwnerDueFields, {
          f,
          names: {
            ownerKind: 'item.0.commitment.1.ownerKind',
            owner: 'item.0.commitment.1.owner',
            dueKind: 'item.0.commitment.1.dueKind',
            dueDate: 'item.0.commitment.1.dueDate',
          },
          labels: { owner: 'Ansvarlig er', owners: 'Navn på ansvarlig', due: 'Frist', dueDate: 'Dato' },
          ...kinds,
          ownerKind: 'secretariat',
          people: { list: 'import-names', value: 'Kari Nordmann' },
          dueKind: 'date',
          dueDate: '2025-10-15',
        }),
      );
      expect(html.match(/<fieldset /g)).toHaveLength(2);
      expect(html).toContain(
        'id="f-item-0-commitment-1-ownerKind-secretariat" name="item.0.commitment.1.ownerKind" value="secretariat" checked',
      );
      expect(html).toMatch(
        /id="f-item-0-commitment-1-owner" name="item.0.commitment.1.owner" aria-describedby="f-item-0-commitment-1-owner-hint" type="text" value="Kari Nordmann" autocomplete="off" list="import-names"/,
      );
      expect(html).toContain('value="2025-10-15"');
      expect(html).not.toContain('<select');
    });
  });
});
