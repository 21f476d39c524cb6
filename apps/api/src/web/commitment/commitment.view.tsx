import type { Messages } from '@tilneste/i18n';
import { formCtx, type FormState } from '../record/record-form';
import { formatWhen, seg } from '../shared/format';
import { Checkbox, Choices, Field, Form, FormDetails, Select } from '../shared/form';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import {
  Due,
  Flash,
  ImportedFrom,
  OwnerName,
  personName,
  Section,
  TaskTags,
  Typed,
  TypedIn,
  typedLang,
} from '../shared/parts';
import { who } from '../matter/matter.view';
import type { CommitmentPage, DueRef, HistoryEntry, MeetingRef, OwnerRef } from './commitment.page-query';

/** The secretariat's three forms on the page. */
export type CommitmentForm = 'owner' | 'due' | 'withdraw';

export interface CommitmentView {
  data: CommitmentPage;
  /** The `?melding=` after a saved form. */
  flash: string | null;
  form: FormState | null;
}

const meetingText = (mt: MeetingRef, m: Messages) =>
  `${formatWhen(mt.startsAt, m, false)}${mt.title ? ` – ${mt.title}` : ''}`;

function MeetingLink(props: { meeting: MeetingRef | null; m: Messages }) {
  const { meeting, m } = props;
  if (!meeting) return <span>{m.common.meeting}</span>;
  return (
    <a class="ds-link" href={`/moter/${seg(meeting.id)}`}>
      {formatWhen(meeting.startsAt, m, false)}
      {meeting.title && (
        <>
          {' – '}
          <Typed>{meeting.title}</Typed>
        </>
      )}
    </a>
  );
}

/** A working group's name is typed; a person's name, the secretariat and "no owner" are not marked. */
const typedOwner = (owner: OwnerRef) => owner.kind === 'working-group' && owner.name !== null;

function OwnerText(props: { owner: OwnerRef; m: Messages }) {
  const text = ownerText(props.owner, props.m);
  return typedOwner(props.owner) ? <Typed>{text}</Typed> : <>{text}</>;
}

/** When due, with a meeting's typed title marked. */
function DueText(props: { due: DueRef; m: Messages }) {
  const { due, m } = props;
  if (due.kind !== 'meeting' || !due.meeting?.title) return <>{dueText(due, m)}</>;
  return (
    <>
      {formatWhen(due.meeting.startsAt, m, false)}
      {' – '}
      <Typed>{due.meeting.title}</Typed>
    </>
  );
}

function ownerText(owner: OwnerRef, m: Messages): string {
  if (owner.kind === 'secretariat' || owner.kind === 'none')
    return owner.kind === 'secretariat' ? m.common.secretariat : m.common.noOwner;
  if (owner.name === null) return owner.kind === 'person' ? m.common.unknownPerson : owner.id;
  return owner.kind === 'person' ? personName(owner.name, m) : owner.name;
}

function dueText(due: DueRef, m: Messages): string {
  if (due.kind === 'next-meeting') return m.commitment.dueNext;
  if (due.kind === 'date') return formatWhen(due.date, m, false);
  return due.meeting ? meetingText(due.meeting, m) : m.common.meeting;
}

/** What an entry changed, in a sentence or two under its heading. */
function EntryBody(props: { entry: HistoryEntry; m: Messages }) {
  const { entry: e, m } = props;
  const c = m.commitment;
  switch (e.type) {
    case 'CommitmentMade':
      return (
        <p class="ds-paragraph">
          <Typed>{e.text}</Typed>
          <br />
          {m.dashboard.colOwner}: <OwnerText owner={e.owner} m={m} />. {m.common.due}:{' '}
          <DueText due={e.due} m={m} />.
        </p>
      );
    case 'CommitmentReassigned':
      return (
        <p class="ds-paragraph">
          <OwnerText owner={e.owner} m={m} />{' '}
          <span class="muted">
            (
            {typedOwner(e.previous) ? (
              <TypedIn text={c.wasBefore} value={ownerText(e.previous, m)} />
            ) : (
              c.wasBefore(ownerText(e.previous, m))
            )}
            )
          </span>
        </p>
      );
    case 'CommitmentDueChanged':
      return (
        <p class="ds-paragraph">
          <DueText due={e.due} m={m} /> <span class="muted">({c.wasBefore(dueText(e.previous, m))})</span>
        </p>
      );
    case 'CommitmentProgressReported':
      return (
        <p class="ds-paragraph" lang={typedLang(m.lang)}>
          {e.text}
        </p>
      );
    case 'CommitmentCompleted':
      return e.note ? (
        <p class="ds-paragraph">
          {c.note}: <Typed>{e.note}</Typed>
        </p>
      ) : null;
    case 'CommitmentCarriedOver':
      return (
        <p class="ds-paragraph">
          {c.carriedFrom(e.from ? formatWhen(e.from.startsAt, m, false) : m.common.meeting, e.times)}
        </p>
      );
    case 'CommitmentWithdrawn':
      return e.reason ? (
        <p class="ds-paragraph">
          {c.reason}: <Typed>{e.reason}</Typed>
        </p>
      ) : null;
    case 'unknown':
      return null;
  }
}

function History(props: { data: CommitmentPage; page: PageContext }) {
  const { data, page } = props;
  const { m } = page;
  return (
    <Section id="history" title={m.commitment.history}>
      {data.history.length === 0 ? (
        <p class="ds-paragraph empty">{m.commitment.noHistory}</p>
      ) : (
        <ol class="timeline">
          {data.history.map((e, i) => (
            <li key={i} class="timeline__entry" data-type={e.type}>
              <h3 class="ds-heading" data-size="2xs">
                {e.type === 'unknown' ? e.name : (m.commitment.event[e.type] ?? e.type)}
              </h3>
              <EntryBody entry={e} m={m} />
              <p class="ds-paragraph muted" data-size="sm">
                {m.matter.recordedBy(who(e.recordedBy, m), formatWhen(e.at, m))}
                {e.type === 'CommitmentMade' && e.meeting && (
                  <>
                    {' – '}
                    {m.matter.atMeeting} <MeetingLink meeting={e.meeting} m={m} />
                  </>
                )}
                {e.importedFrom && (
                  <>
                    {' – '}
                    <ImportedFrom source={e.importedFrom} groupId={data.task.groupId} page={page} />
                  </>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

/** Change the owner, change the deadline, withdraw: each its own form, opened again when it comes back refused. */
function Manage(props: { data: CommitmentPage; base: string; page: PageContext; form: FormState | null }) {
  const { data, base, page } = props;
  const { m } = page;
  const c = m.commitment;
  const r = m.record.field;
  const owner = formCtx('owner', props.form, page);
  const due = formCtx('due', props.form, page);
  const withdraw = formCtx('withdraw', props.form, page);
  const current = data.current;
  return (
    <Section id="manage" title={c.manage}>
      <p class="ds-paragraph">{c.manageHint}</p>
      <FormDetails f={owner} summary={c.reassign}>
        <Form class="record-form" f={owner} action={`${base}/ansvarlig`} submit={c.saveOwner}>
          <Choices
            f={owner}
            name="ownerKind"
            legend={r.owner}
            value={current.ownerKind}
            options={[
              { value: 'person', label: r.ownerPerson },
              { value: 'working-group', label: r.ownerWorkingGroup },
              { value: 'secretariat', label: r.ownerSecretariat },
            ]}
          />
          <Select
            f={owner}
            name="ownerPerson"
            label={r.ownerPersonSelect}
            empty={r.choose}
            value={current.ownerPerson}
            requiredWhen={[r.ownerPerson]}
            options={data.choices.people.map((p) => ({ value: p.id, label: personName(p.name, m) }))}
          />
          <Select
            f={owner}
            name="ownerWorkingGroup"
            label={r.ownerWorkingGroupSelect}
            empty={r.choose}
            value={current.ownerWorkingGroup}
            requiredWhen={[r.ownerWorkingGroup]}
            options={data.choices.workingGroups.map((w) => ({ value: w.id, label: w.name, typed: true }))}
          />
        </Form>
      </FormDetails>
      <FormDetails f={due} summary={c.changeDue}>
        <Form class="record-form" f={due} action={`${base}/frist`} submit={c.saveDue}>
          <Choices
            f={due}
            name="dueKind"
            legend={r.due}
            value={current.dueKind}
            options={[
              { value: 'next-meeting', label: r.dueNext },
              { value: 'meeting', label: r.dueMeeting },
              { value: 'date', label: r.dueDate },
            ]}
          />
          <Select
            f={due}
            name="dueMeeting"
            label={r.dueMeetingSelect}
            empty={r.choose}
            value={current.dueMeeting}
            requiredWhen={[r.dueMeeting]}
            options={data.choices.meetings.map((mt) => ({ value: mt.id, label: meetingText(mt, m) }))}
          />
          <Field
            f={due}
            name="dueDate"
            label={r.dueDateInput}
            type="date"
            value={current.dueDate}
            requiredWhen={[r.dueDate]}
          />
        </Form>
      </FormDetails>
      <FormDetails f={withdraw} summary={c.withdraw}>
        <Form class="record-form" f={withdraw} action={`${base}/trekk-tilbake`} submit={c.withdraw} danger>
          <p class="ds-paragraph">{c.withdrawHint}</p>
          <Field f={withdraw} name="reason" label={c.withdrawReason} multiline maxLength={2000} />
          <Checkbox f={withdraw} name="confirm" label={c.withdrawConfirm} />
        </Form>
      </FormDetails>
    </Section>
  );
}

export function commitmentView(view: CommitmentView, page: PageContext) {
  const { data } = view;
  const { m } = page;
  const c = m.commitment;
  const t = data.task;
  const base = `/forpliktelser/${seg(t.id)}`;
  const status =
    t.status === 'completed'
      ? c.statusCompleted
      : t.status === 'withdrawn'
        ? c.statusWithdrawn
        : c.statusOpen;
  const mayChange = page.may('group.record', { kind: 'group', groupId: t.groupId });
  return (
    <Layout page={page} title={c.title(t.text)}>
      <h1 class="ds-heading" data-size="lg" lang={typedLang(m.lang)}>
        {t.text}
      </h1>
      <Flash text={view.flash ? (c.flash[view.flash] ?? null) : null} />
      <dl class="facts">
        <div>
          <dt>{c.group}</dt>
          <dd>
            <a class="ds-link" href={`/grupper/${seg(t.groupId)}`} lang={typedLang(m.lang)}>
              {data.groupName}
            </a>
          </dd>
        </div>
        <div>
          <dt>{c.status}</dt>
          <dd data-status={t.status}>
            {status} <TaskTags overdue={t.status === 'open' && t.overdue} carriedOver={0} m={m} />
          </dd>
        </div>
        <div>
          <dt>{m.dashboard.colOwner}</dt>
          <dd>
            <OwnerName owner={t.owner} name={t.ownerName} m={m} />
          </dd>
        </div>
        <div>
          <dt>{m.common.due}</dt>
          <dd>
            <Due dueAt={t.dueAt} dueMeetingId={t.dueMeetingId} m={m} />
          </dd>
        </div>
        <div>
          <dt>{c.carriedOver}</dt>
          <dd>{t.carriedOver > 0 ? m.common.carriedOverTimes(t.carriedOver) : c.neverCarriedOver}</dd>
        </div>
        <div>
          <dt>{c.madeAt}</dt>
          <dd>
            <a class="ds-link" href={`/moter/${seg(t.source.meetingId)}`}>
              {t.source.meetingStartsAt ? formatWhen(t.source.meetingStartsAt, m, false) : m.common.meeting}
            </a>
            {t.source.agendaItemTitle && (
              <>
                {`, ${t.source.agendaItemNumber !== null ? `${m.common.item(String(t.source.agendaItemNumber))}: ` : ''}`}
                <Typed>{t.source.agendaItemTitle}</Typed>
              </>
            )}
          </dd>
        </div>
        {data.matter && (
          <div>
            <dt>{c.matter}</dt>
            <dd>
              <a class="ds-link" href={`/saker/${seg(data.matter.id)}`} lang={typedLang(m.lang)}>
                {data.matter.title}
              </a>
            </dd>
          </div>
        )}
        <div>
          <dt>{m.common.latestProgress}</dt>
          <dd>
            {t.progress.at(-1) ? (
              <>
                <Typed>{t.progress.at(-1)!.text}</Typed> ({formatWhen(t.progress.at(-1)!.at, m)})
              </>
            ) : (
              m.common.noProgress
            )}
          </dd>
        </div>
      </dl>
      {mayChange &&
        (t.status === 'open' ? (
          <Manage data={data} base={base} page={page} form={view.form} />
        ) : (
          <p class="ds-paragraph muted">{c.closedHint}</p>
        ))}
      <History data={data} page={page} />
    </Layout>
  );
}
