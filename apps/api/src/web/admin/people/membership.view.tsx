import { seg } from '../../shared/format';
import { Checkbox, Form, Select } from '../../shared/form';
import { Layout } from '../../shared/layout';
import type { PageContext } from '../../shared/page-context';
import { personName, Section } from '../../shared/parts';
import { adminForm, type FieldErrors, type FormValues } from '../form';
import type { MembershipPage } from './admin-people.page-query';
import { membershipPath, ROLES } from './admin-people.view';

export type MembershipForm = 'role' | 'remove';

export interface MembershipView {
  data: MembershipPage;
  /** The form that came back with errors, what was typed in it, and the errors. */
  back: { form: MembershipForm; values: FormValues; errors: FieldErrors } | null;
}

/**
 * One person's place in one group: its role changed, or the person removed. Removing asks for a ticked
 * confirmation in the form itself, so it needs no script.
 */
export function membershipView(view: MembershipView, page: PageContext) {
  const { data } = view;
  const { m } = page;
  const t = m.admin.people;
  const name = personName(data.person.name, m);
  const group = data.group.name;
  const back = (form: MembershipForm) => (view.back?.form === form ? view.back : null);
  const role = adminForm(page, 'role', back('role'), { role: t.newRole });
  const remove = adminForm(page, 'remove', back('remove'), { confirm: t.removeConfirm(name, group) });
  const path = membershipPath(data.person.id, data.group.id);
  return (
    <Layout page={page} title={t.membershipTitle(name, group)}>
      <p class="ds-paragraph">
        <a class="ds-link" href="/personer#groups">
          {t.backToPeople}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {t.membershipTitle(name, group)}
      </h1>
      <dl class="facts" id="membership">
        <div>
          <dt>{t.person}</dt>
          <dd>{name}</dd>
        </div>
        <div>
          <dt>{t.group}</dt>
          <dd>
            {page.may('group.read', { kind: 'group', groupId: data.group.id }) ? (
              <a class="ds-link" href={`/grupper/${seg(data.group.id)}`}>
                {group}
              </a>
            ) : (
              group
            )}
          </dd>
        </div>
        <div>
          <dt>{t.currentRole}</dt>
          <dd>{t.roles[data.role] ?? data.role}</dd>
        </div>
      </dl>
      <Section id="change-role" title={t.roleHeading}>
        <Form f={role} action={`${path}/rolle`} submit={t.roleButton}>
          <Select
            f={role}
            name="role"
            label={t.newRole}
            options={ROLES.map((r) => ({ value: r, label: t.roles[r] }))}
            value={data.role}
          />
        </Form>
      </Section>
      <Section id="remove-member" title={t.removeHeading}>
        <p class="ds-paragraph">{t.removeHelp(name, group)}</p>
        <Form f={remove} action={`${path}/fjern`} submit={t.removeButton} variant="secondary" danger>
          <Checkbox f={remove} name="confirm" label={t.removeConfirm(name, group)} />
        </Form>
      </Section>
    </Layout>
  );
}
