import type { ComponentChildren } from 'preact';
import { agendaItemKinds, hasBegun } from '@tilneste/meetings';
import type { Messages } from '@tilneste/i18n';
import { AgendaItemTitle } from '../shared/agenda-title';
import { formatSpan, formatWhen, seg } from '../shared/format';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import { Due, Empty, OwnerName, Section, Typed, typedLang } from '../shared/parts';
import {
  Checkbox,
  Choices,
  Field,
  Fieldset,
  Form,
  FormDetails,
  OwnerDueFields,
  Select,
  type Option,
} from '../shared/form';
import { MinutesApproval } from '../meeting/meeting.view';
import type { NoticeModel } from './notice';
import { NoticeTextBody } from './notice-text';
import { formCtx, type FormState } from './record-form';
import type { RecordPage } from './record.page-query';

export interface RecordView {
  data: RecordPage;
  /** The notice of the meeting after this one (or this one's, ahead), shown as text for an e-mail, when there is one. */
  notice: NoticeModel | null;
  noticeMeetingId: string | null;
  flash: string | null;
  form: FormState | null;
}

/** `2025-03-20T09:00:00+01:00` → the date and time fields' values, in the group's zone. */
export function wallFields(iso: string | null): { date: string; time: string } {
  if (!iso) return { date: '', time: '' };
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Oslo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

const kindOptions = (m: Messages): Option[] =>
  agendaItemKinds.map((k) => ({ value: k, label: m.record.kind[k] ?? k }));

function CommitmentForm(props: {
  data: RecordPage;
  base: string;
  itemId: string;
  page: PageContext;
  form: FormState | null;
}) {
  const { data, page } = props;
  const r = page.m.record;
  const f = formCtx(`commitment-${props.itemId}`, props.form, page);
  return (
    <FormDetails f={f} summary={r.action.recordCommitment}>
      <Form
        class="record-form"
        f={f}
        action={`${props.base}/forpliktelser`}
        submit={r.action.recordCommitment}
      >
        <input type="hidden" name="agendaItemId" value={props.itemId} />
        <Field f={f} name="text" label={r.field.commitmentText} required multiline maxLength={5000} />
        <OwnerDueFields
          f={f}
          names={{
            ownerKind: 'ownerKind',
            owner: 'ownerPerson',
            ownerWorkingGroup: 'ownerWorkingGroup',
            dueKind: 'dueKind',
            dueMeeting: 'dueMeeting',
            dueDate: 'dueDate',
          }}
          labels={{
            owner: r.field.owner,
            owners: r.field.ownerPersonSelect,
            ownerWorkingGroup: r.field.ownerWorkingGroupSelect,
            due: r.field.due,
            dueMeeting: r.field.dueMeetingSelect,
            dueDate: r.field.dueDateInput,
            choose: r.field.choose,
          }}
          ownerKind="person"
          ownerKinds={[
            { value: 'person', label: r.field.ownerPerson },
            { value: 'working-group', label: r.field.ownerWorkingGroup },
            { value: 'secretariat', label: r.field.ownerSecretariat },
          ]}
          people={data.people.map((p) => ({ value: p.id, label: p.name }))}
          workingGroups={data.workingGroups.map((w) => ({ value: w.id, label: w.name, typed: true }))}
          dueKind="next-meeting"
          dueKinds={[
            { value: 'next-meeting', label: r.field.dueNext },
            { value: 'meeting', label: r.field.dueMeeting },
            { value: 'date', label: r.field.dueDate },
          ]}
          meetings={data.laterMeetings.map((mt) => ({
            value: mt.id,
            label: `${formatWhen(mt.startsAt, page.m, false)}${mt.title ? ` – ${mt.title}` : ''}`,
          }))}
        />
      </Form>
    </FormDetails>
  );
}

function DecisionForm(props: {
  data: RecordPage;
  base: string;
  item: RecordPage['items'][number];
  page: PageContext;
  form: FormState | null;
}) {
  const { data, item, page } = props;
  const r = page.m.record;
  const f = formCtx(`decision-${item.itemId}`, props.form, page);
  return (
    <FormDetails f={f} summary={r.action.recordDecision}>
      <Form class="record-form" f={f} action={`${props.base}/vedtak`} submit={r.action.recordDecision}>
        <input type="hidden" name="agendaItemId" value={item.itemId} />
        <Select
          f={f}
          name="matterId"
          label={r.field.matter}
          empty={r.field.newMatter}
          options={data.matters.map((mt) => ({ value: mt.id, label: mt.title, typed: true }))}
        />
        <Field
          f={f}
          name="matterTitle"
          label={r.field.matterTitle}
          maxLength={300}
          value={item.title}
          typed
        />
        <Field f={f} name="text" label={r.field.decisionText} required multiline maxLength={5000} />
        <Choices
          f={f}
          name="kind"
          legend={r.field.decisionKind}
          value="adopted"
          options={(['adopted', 'approved', 'noted'] as const).map((k) => ({
            value: k,
            label: page.m.meeting.decisionKind[k] ?? k,
          }))}
        />
      </Form>
    </FormDetails>
  );
}

function WorkingGroupForm(props: {
  data: RecordPage;
  base: string;
  itemId: string;
  page: PageContext;
  form: FormState | null;
}) {
  const { data, page } = props;
  const r = page.m.record;
  const f = formCtx(`wg-${props.itemId}`, props.form, page);
  return (
    <FormDetails f={f} summary={r.action.formWorkingGroup}>
      <Form
        class="record-form"
        f={f}
        action={`${props.base}/arbeidsgrupper`}
        submit={r.action.formWorkingGroup}
      >
        <input type="hidden" name="agendaItemId" value={props.itemId} />
        <Field f={f} name="name" label={r.field.wgName} required maxLength={200} />
        <Select
          f={f}
          name="leadPersonId"
          label={r.field.wgLead}
          empty={r.field.nobody}
          options={data.people.map((p) => ({ value: p.id, label: p.name }))}
        />
        <Select
          f={f}
          name="memberIds"
          label={r.field.wgMembers}
          multiple
          options={data.people.map((p) => ({ value: p.id, label: p.name }))}
        />
        <Field f={f} name="mandate" label={r.field.mandate} multiline maxLength={5000} />
      </Form>
    </FormDetails>
  );
}

/**
 * Whether the page shows the form a refused post came from. A rule can take a form away (the minutes
 * approved meanwhile, the meeting held in another tab): then the refusal is shown at the top instead.
 */
export function formShown(key: string, data: RecordPage): boolean {
  const open = data.status !== 'cancelled';
  const ahead = data.status === 'scheduled';
  if (key === 'reschedule' || key === 'cancel' || key === 'hold') return ahead;
  if (key === 'approve') return open && !!data.previous && !data.previous.minutesApproved;
  // Drawn again when refused, whatever the meeting's state: the rule's refusal goes beside its box.
  if (key === 'approve-otherwise') return true;
  if (key === 'deferred') return open && data.deferredOffer.length > 0 && data.draftOffer.length === 0;
  if (key === 'draft') return data.draftOffer.length > 0;
  if (key.startsWith('defer-'))
    return open && data.items.some((i) => `defer-${i.itemId}` === key && !i.deferred);
  // Approved minutes are final: attendance is no longer recorded or withdrawn.
  if (key === 'attendance') return open && !data.attendanceFinal;
  if (key.startsWith('withdraw-'))
    return open && !data.attendanceFinal && data.attendance.some((a) => `withdraw-${a.personId}` === key);
  if (key.startsWith('amend-')) return data.decisions.some((d) => `amend-${d.decisionId}` === key);
  return open;
}

/** How the previous meeting's minutes were approved: at this meeting, at another, or another way. */
function previousApproval(previous: NonNullable<RecordPage['previous']>, meetingId: string, m: Messages) {
  const when = formatWhen(previous.startsAt, m, false);
  if (!previous.approvedAt) return m.record.status.previousApprovedOtherwise(when);
  if (previous.approvedAt.id === meetingId) return m.record.status.previousApproved(when);
  return m.record.status.previousApprovedAt(when, formatWhen(previous.approvedAt.startsAt, m, false));
}

/**
 * Items to take onto the agenda, each a box ticked to begin with, added together by one form: the draft agenda's
 * (`draft`) or, after the meeting, those deferred at the meeting before (`deferred`).
 */
function Offer(props: {
  kind: 'draft' | 'deferred';
  title: string;
  hint: string;
  action: string;
  submit: string;
  name: string;
  choices: { value: string; label: ComponentChildren }[];
  form: FormState | null;
  page: PageContext;
}) {
  const f = formCtx(props.kind, props.form, props.page);
  return (
    <div class={`${props.kind}-offer ds-card`}>
      <h3 class="ds-heading" data-size="xs">
        {props.title}
      </h3>
      <p class="ds-paragraph">{props.hint}</p>
      <Form class="record-form" f={f} action={props.action} submit={props.submit} variant="secondary">
        <Fieldset legend={props.title} look="hidden">
          {props.choices.map((c) => (
            <Checkbox key={c.value} f={f} name={props.name} value={c.value} checked label={c.label} />
          ))}
        </Fieldset>
      </Form>
    </div>
  );
}

export function recordView(view: RecordView, page: PageContext) {
  const { data, form } = view;
  const { m } = page;
  const r = m.record;
  const base = `/moter/${seg(data.id)}/registrer`;
  const open = data.status !== 'cancelled';
  const ahead = data.status === 'scheduled';
  const when = formatWhen(data.startsAt, m);
  const start = wallFields(data.startsAt);
  const end = wallFields(data.endsAt);
  const people = data.people.map((p) => ({ value: p.id, label: p.name }));
  return (
    <Layout page={page} title={r.title(formatWhen(data.startsAt, m, false))}>
      <h1 class="ds-heading" data-size="lg">
        {r.heading}: {data.title === null ? m.meeting.defaultTitle : <Typed>{data.title}</Typed>}
      </h1>
      <p class="ds-paragraph lead">
        <a class="ds-link" href={`/grupper/${seg(data.groupId)}`} lang={typedLang(m.lang)}>
          {data.groupName}
        </a>
        {' – '}
        {when}
        {' – '}
        <a class="ds-link" href={`/moter/${seg(data.id)}`}>
          {r.backToMeeting}
        </a>
      </p>
      <div role="status" aria-live="polite" class="flash">
        {view.flash && (
          <div class="ds-alert" data-color="success">
            <p class="ds-paragraph">{view.flash}</p>
          </div>
        )}
      </div>
      {form && !formShown(form.form, data) && (
        <div class="ds-alert" data-color="danger" tabindex={-1} data-error-summary>
          <h2 class="ds-heading" data-size="2xs">
            {r.errorSummary}
          </h2>
          <p class="ds-paragraph">
            {r.formFailed} {form.formError ?? form.errors[0]?.message}
          </p>
        </div>
      )}
      {data.status === 'held' && <p class="ds-paragraph">{r.status.heldNote}</p>}
      {data.status === 'cancelled' && (
        <div class="ds-alert" data-color="warning">
          <p class="ds-paragraph">{r.status.cancelledNote}</p>
        </div>
      )}

      <Section id="details" title={r.section.details}>
        <dl class="facts">
          <div>
            <dt>{m.meeting.when}</dt>
            <dd>{formatSpan(data.startsAt, data.endsAt, m)}</dd>
          </div>
          <div>
            <dt>{m.meeting.where}</dt>
            <dd>
              {data.location && <Typed>{data.location}</Typed>}
              {data.location && data.online && ', '}
              {data.online && m.meeting.online}
              {!data.location && !data.online && '–'}
            </dd>
          </div>
          <div>
            <dt>{m.meeting.status}</dt>
            <dd>{m.common.meetingStatus[data.status] ?? data.status}</dd>
          </div>
        </dl>
        {ahead && (
          <>
            {(() => {
              const f = formCtx('reschedule', form, page);
              return (
                <FormDetails f={f} summary={r.action.reschedule}>
                  <Form class="record-form" f={f} action={`${base}/flytt`} submit={r.action.reschedule}>
                    <Field f={f} name="date" label={r.field.date} type="date" required value={start.date} />
                    <Field
                      f={f}
                      name="startTime"
                      label={r.field.startTime}
                      type="time"
                      required
                      value={start.time}
                    />
                    <Field f={f} name="endTime" label={r.field.endTime} type="time" value={end.time} />
                  </Form>
                </FormDetails>
              );
            })()}
            {(() => {
              const f = formCtx('cancel', form, page);
              return (
                <FormDetails f={f} summary={r.action.cancel}>
                  <Form class="record-form" f={f} action={`${base}/avlys`} submit={r.action.cancel} danger>
                    <Field f={f} name="reason" label={r.field.reason} multiline maxLength={2000} />
                  </Form>
                </FormDetails>
              );
            })()}
          </>
        )}
      </Section>

      <Section id="agenda" title={r.section.agenda}>
        {data.draftOffer.length > 0 && (
          <Offer
            kind="draft"
            title={r.section.draftOffer}
            hint={r.section.draftHint}
            action={`${base}/fra-utkastet`}
            submit={r.action.addFromDraft}
            name="key"
            choices={data.draftOffer.map((d) => ({
              value: d.key,
              label: (
                <>
                  {`${d.number}. `}
                  <AgendaItemTitle wording={d.wording} m={m} />
                </>
              ),
            }))}
            form={form}
            page={page}
          />
        )}
        {/* Ahead of the meeting the deferred items are among the draft's; after it, offered on their own. */}
        {open && data.deferredOffer.length > 0 && data.draftOffer.length === 0 && (
          <Offer
            kind="deferred"
            title={r.section.deferredOffer}
            hint={r.section.deferredHint}
            action={`${base}/utsatte-saker`}
            submit={r.action.addDeferred}
            name="itemId"
            choices={data.deferredOffer.map((d) => ({
              value: d.itemId,
              label: (
                <>
                  {d.number !== null && `${d.number}. `}
                  <Typed>{d.title}</Typed>
                </>
              ),
            }))}
            form={form}
            page={page}
          />
        )}
        {data.items.length === 0 ? (
          <Empty>{data.draftOffer.length > 0 ? r.status.noItemsDraftAbove : r.status.noItems}</Empty>
        ) : (
          <ol class="record-items">
            {data.items.map((item) => (
              <li key={item.itemId} class="record-item ds-card" id={`item-${item.itemId}`}>
                <h3 class="ds-heading" data-size="xs">
                  {item.number !== null ? `${item.number}. ` : ''}
                  <Typed>{item.title}</Typed>
                </h3>
                <p class="ds-paragraph muted" data-size="sm">
                  {r.kind[item.kind] ?? item.kind}
                  {item.deferred && (
                    <>
                      {' '}
                      <span class="ds-tag" data-color="warning">
                        {m.meeting.deferredItem}
                      </span>
                    </>
                  )}
                </p>
                {item.commitments.length > 0 && (
                  <ul class="ds-list">
                    {item.commitments.map((c) => (
                      <li key={c.id} data-commitment={c.id}>
                        <Typed>{c.text}</Typed> – <OwnerName owner={c.owner} name={c.ownerName} m={m} />,{' '}
                        {m.common.due.toLowerCase()}{' '}
                        <Due dueAt={c.dueAt} dueMeetingId={c.dueMeetingId} m={m} />
                      </li>
                    ))}
                  </ul>
                )}
                {open && (
                  <div class="record-item__forms">
                    <DecisionForm data={data} base={base} item={item} page={page} form={form} />
                    <CommitmentForm data={data} base={base} itemId={item.itemId} page={page} form={form} />
                    <WorkingGroupForm data={data} base={base} itemId={item.itemId} page={page} form={form} />
                    {data.status === 'scheduled' &&
                      (() => {
                        const f = formCtx(`number-${item.itemId}`, form, page);
                        return (
                          <FormDetails f={f} summary={r.action.renumber}>
                            <Form
                              class="record-form"
                              f={f}
                              action={`${base}/saker/${seg(item.itemId)}/nummer`}
                              submit={r.action.renumber}
                            >
                              <Field
                                f={f}
                                name="number"
                                label={r.field.number}
                                type="number"
                                required
                                value={item.number === null ? '' : String(item.number)}
                              />
                            </Form>
                          </FormDetails>
                        );
                      })()}
                    {!item.deferred &&
                      (() => {
                        const f = formCtx(`defer-${item.itemId}`, form, page);
                        return (
                          <Form
                            class="record-form"
                            f={f}
                            action={`${base}/saker/${seg(item.itemId)}/utsett`}
                            submit={r.action.defer}
                            variant="tertiary"
                          />
                        );
                      })()}
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
        {open &&
          (() => {
            const f = formCtx('item', form, page);
            return (
              <FormDetails f={f} summary={r.action.addItem}>
                <Form class="record-form" f={f} action={`${base}/saker`} submit={r.action.addItem}>
                  <Field f={f} name="number" label={r.field.number} type="number" />
                  <Field f={f} name="title" label={r.field.itemTitle} required maxLength={500} />
                  <Select f={f} name="kind" label={r.field.kind} value="other" options={kindOptions(m)} />
                </Form>
              </FormDetails>
            );
          })()}
      </Section>

      <Section id="attendance" title={r.section.attendance}>
        {data.attendance.length === 0 ? (
          <Empty>{r.status.noPeople}</Empty>
        ) : (
          <ul class="ds-list">
            {data.attendance.map((a) => {
              const name = a.name ?? m.common.unknownPerson;
              const f = formCtx(`withdraw-${a.personId}`, form, page);
              return (
                <li key={a.personId} class="attendee" data-attendee={a.personId}>
                  {name}
                  {a.remote && <span class="muted"> ({m.common.remote})</span>}
                  {a.substituteFor && (
                    <span class="muted">
                      {' '}
                      ({m.common.substituteFor(a.substituteFor.name ?? m.common.unknownPerson)})
                    </span>
                  )}
                  {open && !data.attendanceFinal && (
                    <Form
                      class="attendee__withdraw"
                      f={f}
                      action={`${base}/oppmote/${seg(a.personId)}/fjern`}
                    >
                      <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm">
                        {r.action.withdrawAttendance}
                        <span class="ds-sr-only">{r.action.withdrawAttendanceWho(name)}</span>
                      </button>
                    </Form>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {data.attendanceFinal && <p class="ds-paragraph">{r.status.attendanceFinal}</p>}
        {open &&
          !data.attendanceFinal &&
          (() => {
            const f = formCtx('attendance', form, page);
            return (
              <Form
                class="record-form"
                f={f}
                action={`${base}/oppmote`}
                submit={r.action.recordAttendance}
                variant="secondary"
              >
                <Select
                  f={f}
                  name="personId"
                  label={r.field.person}
                  required
                  empty={r.field.choose}
                  options={people}
                />
                <Checkbox f={f} name="remote" label={r.field.remote} />
                <Select
                  f={f}
                  name="substituteFor"
                  label={r.field.substituteFor}
                  empty={r.field.nobody}
                  options={data.members.map((p) => ({ value: p.id, label: p.name }))}
                />
              </Form>
            );
          })()}
      </Section>

      <Section id="decisions" title={r.section.amend}>
        {data.decisions.length === 0 ? (
          <Empty>{r.status.noDecisions}</Empty>
        ) : (
          <ul class="record-decisions">
            {data.decisions.map((d) => {
              const f = formCtx(`amend-${d.decisionId}`, form, page);
              return (
                <li key={d.decisionId} class="ds-card" data-decision={d.decisionId}>
                  <p class="ds-paragraph">
                    <a class="ds-link" href={`/saker/${seg(d.matterId)}`} lang={typedLang(m.lang)}>
                      {d.matterTitle}
                    </a>
                    : <Typed>{d.text}</Typed>
                    {d.kind && <span class="muted"> ({m.meeting.decisionKind[d.kind] ?? d.kind})</span>}
                  </p>
                  {d.decisionId && (
                    <FormDetails f={f} summary={r.section.amend}>
                      <Form
                        class="record-form"
                        f={f}
                        action={`${base}/vedtak/${seg(d.matterId)}/${seg(d.decisionId)}/endre`}
                        submit={r.action.amend}
                      >
                        <Field
                          f={f}
                          name="text"
                          label={r.field.amendedText}
                          required
                          multiline
                          maxLength={5000}
                          value={d.text}
                          typed
                        />
                        <Field
                          f={f}
                          name="reason"
                          label={r.field.amendReason}
                          required
                          multiline
                          maxLength={1000}
                        />
                      </Form>
                    </FormDetails>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Section>

      <Section id="minutes-approval" title={r.section.minutesApproval}>
        {!data.previous ? (
          <Empty>{r.status.noPrevious}</Empty>
        ) : data.previous.minutesApproved ? (
          <p class="ds-paragraph">{previousApproval(data.previous, data.id, m)}</p>
        ) : (
          open &&
          (() => {
            const f = formCtx('approve', form, page);
            return (
              <Form
                class="record-form"
                f={f}
                action={`${base}/godkjenn-referat`}
                submit={r.action.approve(formatWhen(data.previous.startsAt, m, false))}
                variant="secondary"
              />
            );
          })()
        )}
      </Section>

      {(data.status === 'held' || form?.form === 'approve-otherwise') && (
        <Section id="own-minutes" title={r.section.ownMinutes}>
          <MinutesApproval approval={data.minutesApproval} m={m} />
          {(!data.minutesApproval || form?.form === 'approve-otherwise') &&
            (() => {
              const f = formCtx('approve-otherwise', form, page);
              return (
                <>
                  <p class="ds-paragraph">{r.status.ownMinutesHint}</p>
                  <Form
                    class="record-form"
                    f={f}
                    action={`${base}/referat-godkjent`}
                    submit={r.action.approveOtherwise}
                    variant="secondary"
                  >
                    <Checkbox f={f} name="confirm" label={r.field.approveOtherwiseConfirm} />
                  </Form>
                </>
              );
            })()}
        </Section>
      )}

      {ahead && (
        <Section id="close" title={r.section.close}>
          {!hasBegun(data.startsAt, Date.now()) ? (
            // The decider refuses it before the start anyway; the page does not offer it.
            <p class="ds-paragraph">{r.status.holdNotYet(when)}</p>
          ) : (
            <>
              <p class="ds-paragraph">{r.status.holdHint}</p>
              {(() => {
                const f = formCtx('hold', form, page);
                return (
                  <Form class="record-form" f={f} action={`${base}/avholdt`} submit={r.action.hold}>
                    <Checkbox f={f} name="confirm" label={r.field.holdConfirm} />
                  </Form>
                );
              })()}
            </>
          )}
        </Section>
      )}

      <Section id="documents" title={r.section.documents}>
        <ul class="ds-list">
          <li>
            {data.status === 'held' ? (
              <a class="ds-link" href={`/moter/${seg(data.id)}/referat.docx`} download>
                {r.documents.minutes}
              </a>
            ) : (
              r.documents.notHeld
            )}
          </li>
          {view.noticeMeetingId && (
            <li>
              <a class="ds-link" href={`/moter/${seg(view.noticeMeetingId)}/innkalling.docx`} download>
                {view.noticeMeetingId === data.id ? r.documents.noticeThis : r.documents.notice}
              </a>
            </li>
          )}
        </ul>
        {view.notice !== null && (
          <>
            <h3 class="ds-heading notice-text__h" data-size="xs" id="notice-text-h">
              {r.documents.noticeText}
            </h3>
            <p class="ds-paragraph">{r.documents.noticeTextHint}</p>
            <pre id="notice-text" class="agenda-text__pre" tabindex={0} aria-labelledby="notice-text-h">
              <NoticeTextBody model={view.notice} m={m} />
            </pre>
            <button
              type="button"
              class="ds-button"
              data-variant="secondary"
              data-copy-target="notice-text"
              data-copied={r.documents.copied}
              hidden
            >
              {r.documents.copy}
            </button>
            <p class="ds-paragraph" role="status" id="copy-status" aria-live="polite"></p>
          </>
        )}
      </Section>
    </Layout>
  );
}
