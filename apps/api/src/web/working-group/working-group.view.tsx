import type { workingGroupStatus } from '@tilneste/projections';
import { formCtx, type FormState } from '../record/record-form';
import { LatestStatus, StatusFields, StatusReport } from './status-report';
import { Checkbox, Field, Form, FormDetails, Select, type Option } from '../shared/form';
import { seg } from '../shared/format';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import {
  CommitmentLink,
  Due,
  Empty,
  Flash,
  personName,
  Section,
  TaskTags,
  Typed,
  typedLang,
} from '../shared/parts';

export type WorkingGroupPage = NonNullable<ReturnType<typeof workingGroupStatus>> & {
  groupName: string;
  /** Whose task lists the reader may open (`person.read`, the list's own check): only these names are links. */
  readablePeople: ReadonlySet<string>;
};

/** The secretariat's forms on the page. */
export type WorkingGroupForm = 'status' | 'lead' | 'add-member' | 'remove-member' | 'dissolve';

export interface WorkingGroupEdit {
  /** The `?melding=` after a saved form. */
  flash: string | null;
  form: FormState | null;
  /** The members of the working group's group, whom the forms offer. */
  groupMembers: { id: string; name: string }[];
  /** The status form open, with the focus on it (`/arbeidsgrupper/:id/status`). */
  statusFirst?: boolean;
}

/** The status report: the working group's lead or the group's secretariat, as `POST /api/working-groups/:id/status`. */
function ReportStatus(props: { data: WorkingGroupPage; page: PageContext; edit: WorkingGroupEdit }) {
  const { data, page, edit } = props;
  const { m } = page;
  const w = m.workingGroup;
  const status = formCtx('status', edit.form, page);
  const form = (
    <Form
      class="record-form"
      f={status}
      action={`/arbeidsgrupper/${seg(data.id)}/status`}
      submit={w.saveStatus}
    >
      <StatusFields f={status} value={data.status} page={page} />
    </Form>
  );
  // Asked for by its own address: open, and its summary takes the focus (a refused form's errors take it instead).
  if (edit.statusFirst && !status.refused)
    return (
      <details class="ds-details record-details" open data-status-first>
        <summary autofocus>{w.reportStatus}</summary>
        <div>{form}</div>
      </details>
    );
  return (
    <FormDetails f={status} summary={w.reportStatus}>
      {form}
    </FormDetails>
  );
}

/** Change the lead, add or remove a member, dissolve: the API's working-group routes, as forms. */
function Manage(props: { data: WorkingGroupPage; page: PageContext; edit: WorkingGroupEdit }) {
  const { data, page, edit } = props;
  const { m } = page;
  const w = m.workingGroup;
  const base = `/arbeidsgrupper/${seg(data.id)}`;
  const f = (key: WorkingGroupForm) => formCtx(key, edit.form, page);
  const [lead, add, remove, dissolve] = (['lead', 'add-member', 'remove-member', 'dissolve'] as const).map(f);
  const name = (p: { name: string | null }) =>
    p.name === null ? m.common.unknownPerson : personName(p.name, m);
  const memberIds = new Set(data.members.map((p) => p.id));
  const option = (p: { id: string; name: string | null }): Option => ({ value: p.id, label: name(p) });
  // Anyone in the group or the working group may lead it; the lead stays choosable even from outside the group.
  const leadChoices = [
    ...edit.groupMembers,
    ...data.members.filter((p) => !edit.groupMembers.some((g) => g.id === p.id)),
  ].map(option);
  return (
    <Section id="manage" title={w.manage}>
      <p class="ds-paragraph">{w.manageHint}</p>
      <FormDetails f={lead} summary={w.changeLead}>
        <Form class="record-form" f={lead} action={`${base}/leder`} submit={w.saveLead}>
          <Select
            f={lead}
            name="leadPersonId"
            label={w.newLead}
            empty={w.noLeadChoice}
            value={data.lead?.id ?? ''}
            options={leadChoices}
          />
        </Form>
      </FormDetails>
      <FormDetails f={add} summary={w.addMember}>
        <Form class="record-form" f={add} action={`${base}/medlemmer`} submit={w.saveMember}>
          <Select
            f={add}
            name="personId"
            label={w.person}
            required
            empty={w.choose}
            options={edit.groupMembers.filter((p) => !memberIds.has(p.id)).map(option)}
          />
        </Form>
      </FormDetails>
      {data.members.some((p) => p.id !== data.lead?.id) && (
        <FormDetails f={remove} summary={w.removeMember}>
          <Form class="record-form" f={remove} action={`${base}/medlemmer/fjern`} submit={w.removeSubmit}>
            <Select
              f={remove}
              name="personId"
              label={w.person}
              required
              empty={w.choose}
              hint={w.removeHint}
              options={data.members.filter((p) => p.id !== data.lead?.id).map(option)}
            />
          </Form>
        </FormDetails>
      )}
      <FormDetails f={dissolve} summary={w.dissolve}>
        <Form class="record-form" f={dissolve} action={`${base}/avvikle`} submit={w.dissolve} danger>
          <p class="ds-paragraph">{w.dissolveHint}</p>
          <Field f={dissolve} name="reason" label={w.dissolveReason} multiline maxLength={2000} />
          <Checkbox f={dissolve} name="confirm" label={w.dissolveConfirm} />
        </Form>
      </FormDetails>
    </Section>
  );
}

export function workingGroupView(
  data: WorkingGroupPage,
  page: PageContext,
  edit: WorkingGroupEdit = { flash: null, form: null, groupMembers: [] },
) {
  const { m } = page;
  const w = m.workingGroup;
  const mayChange = !data.dissolved && page.may('group.record', { kind: 'group', groupId: data.groupId });
  const mayReport =
    !data.dissolved &&
    page.may('working-group.report', {
      kind: 'working-group',
      groupId: data.groupId,
      leadPersonId: data.lead?.id ?? null,
    });
  // A link only where its page lets the reader in: a lead from outside the group reads this page, not the
  // group's, its meetings or its commitments.
  const readsGroup = page.may('group.read', { kind: 'group', groupId: data.groupId });
  const commitment = (c: { id: string; text: string }) =>
    readsGroup ? <CommitmentLink id={c.id} text={c.text} /> : <Typed>{c.text}</Typed>;
  const person = (p: { id: string; name: string | null }) => {
    const name = p.name === null ? m.common.unknownPerson : personName(p.name, m);
    return data.readablePeople.has(p.id) ? (
      <a class="ds-link" href={`/personer/${seg(p.id)}/oppgaver`}>
        {name}
      </a>
    ) : (
      name
    );
  };
  return (
    <Layout page={page} title={w.title(data.name)}>
      <h1 class="ds-heading" data-size="lg" lang={typedLang(m.lang)}>
        {data.name}
      </h1>
      <p class="ds-paragraph lead">
        {readsGroup ? (
          <a class="ds-link" href={`/grupper/${seg(data.groupId)}`} lang={typedLang(m.lang)}>
            {data.groupName}
          </a>
        ) : (
          <Typed>{data.groupName}</Typed>
        )}
      </p>
      <Flash text={edit.flash ? (w.flash[edit.flash] ?? null) : null} />
      {data.dissolved && (
        <div class="ds-alert" data-color="warning">
          <p class="ds-paragraph">{w.dissolved}</p>
        </div>
      )}
      <dl class="facts">
        <div>
          <dt>{w.lead}</dt>
          <dd>{data.lead ? person(data.lead) : w.noLead}</dd>
        </div>
        <div>
          <dt>{w.members}</dt>
          <dd>
            {data.members.length === 0
              ? w.noMembers
              : data.members.map((p, i) => (
                  <span key={p.id}>
                    {i > 0 && ', '}
                    {person(p)}
                  </span>
                ))}
          </dd>
        </div>
        {data.mandate && (
          <div>
            <dt>{w.mandate}</dt>
            <dd lang={typedLang(m.lang)}>{data.mandate}</dd>
          </div>
        )}
      </dl>
      <Section id="status" title={w.status}>
        <LatestStatus status={data.status} text={data.statusText} at={data.statusReportedAt} page={page} />
        {data.reports.length > 1 && (
          <>
            <h3 class="ds-heading" data-size="xs">
              {w.earlierReports}
            </h3>
            <ul class="ds-list" data-reports>
              {data.reports.slice(1).map((r) => (
                <li key={r.at}>
                  <StatusReport status={r.status} text={r.text} at={r.at} page={page} />
                </li>
              ))}
            </ul>
          </>
        )}
        {mayReport && <ReportStatus data={data} page={page} edit={edit} />}
      </Section>
      <Section id="open" title={w.open}>
        {data.open.length === 0 ? (
          <Empty>{w.noneOpen}</Empty>
        ) : (
          <ul class="ds-list">
            {data.open.map((c) => (
              <li key={c.id} data-commitment={c.id}>
                {commitment(c)} – {m.common.due.toLowerCase()}{' '}
                <Due dueAt={c.dueAt} dueMeetingId={c.dueMeetingId} m={m} linked={readsGroup} />{' '}
                <TaskTags overdue={c.overdue} carriedOver={c.carriedOver} m={m} />
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="done" title={w.done}>
        {data.done.length === 0 ? (
          <Empty>{w.noneDone}</Empty>
        ) : (
          <ul class="ds-list">
            {data.done.map((c) => (
              <li key={c.id} data-commitment={c.id}>
                {commitment(c)}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {mayChange && <Manage data={data} page={page} edit={edit} />}
    </Layout>
  );
}
