import { seg } from '../../shared/format';
import { Layout } from '../../shared/layout';
import type { PageContext } from '../../shared/page-context';
import { Empty, Section } from '../../shared/parts';
import { ErrorSummary, Flash, PostForm, SelectField, TextField, type FieldErrors, type FormValues } from '../form';
import type { AdminPeoplePage, PersonRow } from './admin-people.page-query';

export type PeopleForm = 'add' | 'member' | 'merge' | `email-${string}`;

export interface AdminPeopleView {
  data: AdminPeoplePage;
  flash: string | null;
  /** The form that came back with errors, what was typed in it, and the errors. */
  back: { form: PeopleForm; values: FormValues; errors: FieldErrors } | null;
}

const ROLES = ['member', 'chair', 'secretariat', 'observer'] as const;

function personLabel(p: PersonRow): string {
  return p.email ? `${p.name} (${p.email})` : p.organisation ? `${p.name} (${p.organisation})` : p.name;
}

export function adminPeopleView(view: AdminPeopleView, page: PageContext) {
  const { data } = view;
  const { m } = page;
  const t = m.admin.people;
  const back = (form: PeopleForm) => (view.back?.form === form ? view.back : null);
  const add = back('add');
  const member = back('member');
  const merge = back('merge');
  const personOptions = data.people.map((p) => ({ value: p.id, label: personLabel(p) }));
  const noEmail = data.people.filter((p) => !p.email);
  return (
    <Layout page={page} title={t.title}>
      <h1 class="ds-heading" data-size="lg">
        {t.title}
      </h1>
      <div role="status" aria-live="polite" class="flash">
        <Flash text={view.flash} />
      </div>
      <Section id="no-email" title={`${t.noEmailHeading} (${noEmail.length})`}>
        <p class="ds-paragraph">{t.noEmailHelp}</p>
        {noEmail.length === 0 ? (
          <Empty>{t.noEmailNone}</Empty>
        ) : (
          <ul class="ds-list no-email-list">
            {noEmail.map((p) => {
              const form = `email-${p.id}` as const;
              const formId = `email-${noEmail.indexOf(p)}`;
              const b = back(form);
              const errors = b?.errors ?? {};
              return (
                <li key={p.id} class="ds-card" data-person={p.id}>
                  <PostForm id={formId} action={`/personer/${seg(p.id)}/epost`} page={page}>
                    <ErrorSummary id={formId} errors={errors} labels={{ email: t.fixEmailLabel(p.name) }} m={m} />
                    <TextField
                      form={formId}
                      name="email"
                      type="email"
                      autocomplete="off"
                      label={t.fixEmailLabel(p.name)}
                      value={b?.values.email}
                      errors={errors}
                    />
                    <button type="submit" class="ds-button" data-variant="secondary">
                      {t.fixEmailButton}
                    </button>
                  </PostForm>
                </li>
              );
            })}
          </ul>
        )}
      </Section>
      <Section id="add-person" title={t.addHeading}>
        <PostForm id="add" action="/personer/ny" page={page}>
          <ErrorSummary
            id="add"
            errors={add?.errors ?? {}}
            labels={{ name: t.name, email: t.email, organisation: t.organisation }}
            m={m}
          />
          <TextField form="add" name="name" label={t.name} value={add?.values.name} errors={add?.errors ?? {}} required />
          <TextField
            form="add"
            name="email"
            type="email"
            label={`${t.email} ${m.admin.form.optional}`}
            value={add?.values.email}
            errors={add?.errors ?? {}}
          />
          <TextField
            form="add"
            name="organisation"
            label={`${t.organisation} ${m.admin.form.optional}`}
            value={add?.values.organisation}
            errors={add?.errors ?? {}}
          />
          <button type="submit" class="ds-button" data-variant="primary">
            {t.addButton}
          </button>
        </PostForm>
      </Section>
      <Section id="add-member" title={t.memberHeading}>
        <PostForm id="member" action="/personer/medlem" page={page}>
          <ErrorSummary
            id="member"
            errors={member?.errors ?? {}}
            labels={{ personId: t.person, groupId: t.group, role: t.role }}
            m={m}
          />
          <SelectField
            form="member"
            name="personId"
            label={t.person}
            placeholder={t.choosePerson}
            options={personOptions}
            value={member?.values.personId}
            errors={member?.errors ?? {}}
          />
          <SelectField
            form="member"
            name="groupId"
            label={t.group}
            placeholder={t.chooseGroup}
            options={data.groups.map((g) => ({ value: g.id, label: g.name }))}
            value={member?.values.groupId}
            errors={member?.errors ?? {}}
          />
          <SelectField
            form="member"
            name="role"
            label={t.role}
            options={ROLES.map((r) => ({ value: r, label: t.roles[r] }))}
            value={member?.values.role ?? 'member'}
            errors={member?.errors ?? {}}
          />
          <button type="submit" class="ds-button" data-variant="primary">
            {t.addMemberButton}
          </button>
        </PostForm>
      </Section>
      <Section id="merge" title={t.mergeHeading}>
        <p class="ds-paragraph">{t.mergeHelp}</p>
        <PostForm id="merge-form" action="/personer/sla-sammen" page={page}>
          <ErrorSummary
            id="merge-form"
            errors={merge?.errors ?? {}}
            labels={{ intoPersonId: t.survivor, personId: t.duplicate }}
            m={m}
          />
          <SelectField
            form="merge-form"
            name="intoPersonId"
            label={t.survivor}
            placeholder={t.choosePerson}
            options={personOptions}
            value={merge?.values.intoPersonId}
            errors={merge?.errors ?? {}}
          />
          <SelectField
            form="merge-form"
            name="personId"
            label={t.duplicate}
            placeholder={t.choosePerson}
            options={personOptions}
            value={merge?.values.personId}
            errors={merge?.errors ?? {}}
          />
          <button type="submit" class="ds-button" data-variant="primary">
            {t.mergeButton}
          </button>
        </PostForm>
      </Section>
      <Section id="people" title={t.listHeading}>
        <div class="table-scroll">
          <table class="ds-table" data-size="sm" id="people-table">
            <thead>
              <tr>
                <th scope="col">{t.colName}</th>
                <th scope="col">{t.colEmail}</th>
                <th scope="col">{t.colGroups}</th>
              </tr>
            </thead>
            <tbody>
              {data.people.map((p) => (
                <tr key={p.id} data-person={p.id}>
                  <td>
                    <a class="ds-link" href={`/personer/${seg(p.id)}/oppgaver`}>
                      {p.name}
                    </a>
                    {p.aliases.length > 0 && (
                      <span class="muted">{` (${t.aliases(p.aliases.join(', '))})`}</span>
                    )}
                  </td>
                  <td>{p.email ?? <span class="ds-tag" data-color="warning">{t.noEmail}</span>}</td>
                  <td>
                    {p.groups.length === 0
                      ? m.common.none
                      : p.groups.map((g, i) => (
                          <span key={g.id}>
                            {i > 0 && ', '}
                            <a class="ds-link" href={`/grupper/${seg(g.id)}`}>
                              {g.name}
                            </a>
                            {` (${t.roles[g.role] ?? g.role})`}
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </Layout>
  );
}
