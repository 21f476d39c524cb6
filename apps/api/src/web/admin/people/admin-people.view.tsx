import { seg } from '../../shared/format';
import { Layout } from '../../shared/layout';
import type { PageContext } from '../../shared/page-context';
import { Field, Form, Select } from '../../shared/form';
import {
  Empty,
  Flash,
  personName,
  Section,
  TableScroll,
  Typed,
  TypedIn,
  typedLang,
} from '../../shared/parts';
import { adminForm, type FieldErrors, type FormValues } from '../form';
import type { AdminPeoplePage, PersonRow } from './admin-people.page-query';

export type PeopleForm = 'add' | 'member' | 'merge' | 'group' | `email-${string}`;

export interface AdminPeopleView {
  data: AdminPeoplePage;
  flash: string | null;
  /** The form that came back with errors, what was typed in it, and the errors. */
  back: { form: PeopleForm; values: FormValues; errors: FieldErrors } | null;
  /** A group just established: chosen already in "add a member", its next step. */
  newGroupId?: string | null;
}

export const ROLES = ['member', 'chair', 'secretariat', 'observer'] as const;

/** The page where one person's role in one group is changed, or they are removed from it. */
export const membershipPath = (personId: string, groupId: string) =>
  `/personer/${seg(personId)}/grupper/${seg(groupId)}`;

function personLabel(p: PersonRow): string {
  return p.email ? `${p.name} (${p.email})` : p.organisation ? `${p.name} (${p.organisation})` : p.name;
}

export function adminPeopleView(view: AdminPeopleView, page: PageContext) {
  const { data } = view;
  const { m } = page;
  const t = m.admin.people;
  const back = (form: PeopleForm) => (view.back?.form === form ? view.back : null);
  const add = adminForm(page, 'add', back('add'), {
    name: t.name,
    email: t.email,
    organisation: t.organisation,
  });
  const member = adminForm(page, 'member', back('member'), {
    personId: t.person,
    groupId: t.group,
    role: t.role,
  });
  const newGroup = adminForm(page, 'new-group', back('group'), { name: t.groupName });
  const merge = adminForm(page, 'merge-form', back('merge'), {
    intoPersonId: t.survivor,
    personId: t.duplicate,
  });
  const personOptions = data.people.map((p) => ({ value: p.id, label: personLabel(p) }));
  const noEmail = data.people.filter((p) => !p.email);
  // A link only where the target's own check (`person.read` on the task list) lets the reader in.
  const mayReadPerson = (p: PersonRow) =>
    page.may('person.read', { kind: 'person', personId: p.id, groupIds: p.groups.map((g) => g.id) });
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
              const f = adminForm(page, `email-${noEmail.indexOf(p)}`, back(`email-${p.id}`), {
                email: t.fixEmailLabel(p.name),
              });
              return (
                <li key={p.id} class="ds-card" data-person={p.id}>
                  <Form
                    f={f}
                    action={`/personer/${seg(p.id)}/epost`}
                    submit={t.fixEmailButton}
                    variant="secondary"
                  >
                    <Field f={f} name="email" type="email" label={t.fixEmailLabel(p.name)} />
                  </Form>
                </li>
              );
            })}
          </ul>
        )}
      </Section>
      {/* establishing a group is the admins' (system.admin), as on the API */}
      {page.may('system.admin', { kind: 'system' }) && (
        <Section id="new-group" title={t.groupHeading}>
          <p class="ds-paragraph">{t.groupHelp}</p>
          <Form f={newGroup} action="/personer/ny-gruppe" submit={t.groupButton}>
            <Field f={newGroup} name="name" label={t.groupName} required maxLength={200} />
          </Form>
        </Section>
      )}
      <Section id="add-person" title={t.addHeading}>
        <Form f={add} action="/personer/ny" submit={t.addButton}>
          <Field f={add} name="name" label={t.name} required />
          <Field f={add} name="email" type="email" label={`${t.email} ${m.admin.form.optional}`} />
          <Field f={add} name="organisation" label={`${t.organisation} ${m.admin.form.optional}`} />
        </Form>
      </Section>
      <Section id="add-member" title={t.memberHeading}>
        <Form f={member} action="/personer/medlem" submit={t.addMemberButton}>
          <Select
            f={member}
            name="personId"
            label={t.person}
            empty={t.choosePerson}
            options={personOptions}
          />
          <Select
            f={member}
            name="groupId"
            label={t.group}
            empty={t.chooseGroup}
            options={data.groups.map((g) => ({ value: g.id, label: g.name, typed: true }))}
            value={view.newGroupId ?? undefined}
          />
          <Select
            f={member}
            name="role"
            label={t.role}
            options={ROLES.map((r) => ({ value: r, label: t.roles[r] }))}
            value="member"
          />
        </Form>
      </Section>
      <Section id="groups" title={t.groupsHeading}>
        {data.groups.length === 0 ? (
          <Empty>{t.groupsNone}</Empty>
        ) : (
          data.groups.map((g) => (
            <div key={g.id} class="group-members" data-group={g.id}>
              <h3 class="ds-heading" data-size="xs" lang={typedLang(m.lang)}>
                {page.may('group.read', { kind: 'group', groupId: g.id }) ? (
                  <a class="ds-link" href={`/grupper/${seg(g.id)}`}>
                    {g.name}
                  </a>
                ) : (
                  g.name
                )}
              </h3>
              {g.members.length === 0 ? (
                <Empty>{t.noMembers}</Empty>
              ) : (
                <TableScroll labelledBy={`members-${g.id}-caption`} m={m}>
                  <table class="ds-table" data-size="sm">
                    <caption class="ds-sr-only" id={`members-${g.id}-caption`}>
                      <TypedIn text={t.membersOf} value={g.name} />
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t.colName}</th>
                        <th scope="col">{t.colRole}</th>
                        <th scope="col">{t.colChange}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {g.members.map((member) => (
                        <tr key={member.personId} data-person={member.personId}>
                          <td>{personName(member.name, m)}</td>
                          <td>{t.roles[member.role] ?? member.role}</td>
                          <td>
                            <a
                              class="ds-link"
                              href={membershipPath(member.personId, g.id)}
                              aria-label={t.changeMembershipOf(personName(member.name, m), g.name)}
                            >
                              {t.changeMembership}
                            </a>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )}
            </div>
          ))
        )}
      </Section>
      <Section id="merge" title={t.mergeHeading}>
        <p class="ds-paragraph">{t.mergeHelp}</p>
        <Form f={merge} action="/personer/sla-sammen" submit={t.mergeButton}>
          <Select
            f={merge}
            name="intoPersonId"
            label={t.survivor}
            empty={t.choosePerson}
            options={personOptions}
          />
          <Select
            f={merge}
            name="personId"
            label={t.duplicate}
            empty={t.choosePerson}
            options={personOptions}
          />
        </Form>
      </Section>
      <Section id="people" title={t.listHeading}>
        <TableScroll labelledBy="people-caption" m={m}>
          <table class="ds-table" data-size="sm" id="people-table">
            <caption id="people-caption" class="ds-sr-only">
              {m.common.tableOf(t.listHeading)}
            </caption>
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
                    {mayReadPerson(p) ? (
                      <a class="ds-link" href={`/personer/${seg(p.id)}/oppgaver`}>
                        {p.name}
                      </a>
                    ) : (
                      p.name
                    )}
                    {p.aliases.length > 0 && (
                      <span class="muted">{` (${t.aliases(p.aliases.join(', '))})`}</span>
                    )}
                  </td>
                  <td>
                    {p.email ?? (
                      <span class="ds-tag" data-color="warning">
                        {t.noEmail}
                      </span>
                    )}
                  </td>
                  <td>
                    {p.groups.length === 0
                      ? m.common.none
                      : p.groups.map((g, i) => (
                          <span key={g.id}>
                            {i > 0 && ', '}
                            {page.may('group.read', { kind: 'group', groupId: g.id }) ? (
                              <a class="ds-link" href={`/grupper/${seg(g.id)}`} lang={typedLang(m.lang)}>
                                {g.name}
                              </a>
                            ) : (
                              <Typed>{g.name}</Typed>
                            )}
                            {` (${t.roles[g.role] ?? g.role})`}
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>
    </Layout>
  );
}
