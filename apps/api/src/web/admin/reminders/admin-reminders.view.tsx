import { formatWhen, seg } from '../../shared/format';
import { Layout } from '../../shared/layout';
import type { PageContext } from '../../shared/page-context';
import { Choices, Field, Form } from '../../shared/form';
import { Empty, Flash, Section, TableScroll, TypedIn } from '../../shared/parts';
import { adminForm, type FieldErrors, type FormValues } from '../form';
import type { AdminRemindersPage, ReminderRow, ReminderRowStatus } from './admin-reminders.page-query';
import { offsetBefore, offsetInWords, offsetsBefore } from './reminder-offsets';

export interface AdminRemindersView {
  data: AdminRemindersPage;
  flash: string | null;
  /** The policy form as posted, with its errors, when it came back. */
  policy: { values: FormValues; errors: FieldErrors } | null;
  /** The send-again form that came back with an error: which row, and the errors. */
  resend: { key: string; values: FormValues; errors: FieldErrors } | null;
  /** Why an action was refused (e.g. the reminder no longer needs attention). */
  problem?: string | null;
}

export const rowKey = (r: Pick<ReminderRow, 'meetingId' | 'recipientId' | 'offset' | 'version'>) =>
  `${r.meetingId}|${r.recipientId}|${r.offset}|${r.version}`;

function Meeting(props: { row: ReminderRow; page: PageContext }) {
  const { row, page } = props;
  const label = row.meetingLabel.startsAt
    ? formatWhen(row.meetingLabel.startsAt, page.m)
    : page.m.common.meeting;
  return (
    <a class="ds-link" href={`/moter/${seg(row.meetingId)}`}>
      {row.meetingLabel.title ? `${row.meetingLabel.title}, ${label}` : label}
    </a>
  );
}

function Recipient(props: { row: ReminderRow; page: PageContext }) {
  return <>{props.row.recipientName ?? props.page.m.common.unknownPerson}</>;
}

function ReminderTable(props: {
  id: string;
  /** Names the table (for a screen reader) and its scrolling box: the section's title, as a table's. */
  caption: string;
  rows: ReminderRow[];
  page: PageContext;
  extra?: 'reason' | 'requested';
}) {
  const { rows, page } = props;
  const r = page.m.admin.reminders;
  if (rows.length === 0) return <Empty>{r.noneInList}</Empty>;
  return (
    <TableScroll labelledBy={`${props.id}-caption`} m={page.m}>
      <table class="ds-table" data-size="sm" id={props.id}>
        <caption id={`${props.id}-caption`} class="ds-sr-only">
          {page.m.common.tableOf(props.caption)}
        </caption>
        <thead>
          <tr>
            <th scope="col">{r.colRecipient}</th>
            <th scope="col">{r.colMeeting}</th>
            <th scope="col">{r.colOffset}</th>
            <th scope="col">{r.colWhen}</th>
            {props.extra === 'reason' && <th scope="col">{r.colReason}</th>}
            {props.extra === 'requested' && <th scope="col">{r.colReason}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              <td>
                <Recipient row={row} page={page} />
              </td>
              <td>
                <Meeting row={row} page={page} />
              </td>
              <td>{offsetInWords(row.offset, page.m)}</td>
              <td>{row.when ? formatWhen(row.when, page.m) : ''}</td>
              {props.extra === 'reason' && <td>{row.reason ?? ''}</td>}
              {props.extra === 'requested' && (
                <td>{row.requestedBy ? r.requestedBy(row.requestedBy) : ''}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** One reminder needing attention: what is known about it, and the "send again" form. */
function AttentionItem(props: {
  row: ReminderRow;
  index: number;
  view: AdminRemindersView;
  page: PageContext;
}) {
  const { row, index, view, page } = props;
  const r = page.m.admin.reminders;
  const back = view.resend?.key === rowKey(row) ? view.resend : null;
  const f = adminForm(page, `resend-${index}`, back, { note: r.resendNote });
  return (
    <li class="ds-card attention" data-reminder={rowKey(row)}>
      <h3 class="ds-heading" data-size="2xs">
        <Recipient row={row} page={page} />
        {' – '}
        {offsetBefore(row.offset, page.m)}
      </h3>
      <dl class="task__facts">
        <div>
          <dt>{r.colMeeting}</dt>
          <dd>
            <Meeting row={row} page={page} />
          </dd>
        </div>
        <div>
          <dt>{r.colMessageId}</dt>
          <dd>
            <code>{row.messageId ?? ''}</code>
          </dd>
        </div>
        <div>
          <dt>{r.colReason}</dt>
          <dd>{row.reason ?? ''}</dd>
        </div>
      </dl>
      <Form
        f={f}
        action={`/grupper/${seg(view.data.group.id)}/paminnelser/send-igjen`}
        submit={r.resendButton}
      >
        <input type="hidden" name="meetingId" value={row.meetingId} />
        <input type="hidden" name="recipientId" value={row.recipientId} />
        <input type="hidden" name="offset" value={row.offset} />
        <input type="hidden" name="version" value={String(row.version)} />
        <Field f={f} name="note" label={`${r.resendNote} ${page.m.admin.form.optional}`} />
      </Form>
    </li>
  );
}

const IN_PROGRESS: ReminderRowStatus[] = ['claimed', 'retrying'];

export function adminRemindersView(view: AdminRemindersView, page: PageContext) {
  const { data } = view;
  const { m } = page;
  const r = m.admin.reminders;
  const by = (...statuses: ReminderRowStatus[]) => data.rows.filter((row) => statuses.includes(row.status));
  const attention = by('needs-attention');
  const policy = adminForm(page, 'policy', view.policy, { mode: r.mode, offsets: r.offsetsLabel });
  const current =
    data.offsets === null
      ? r.defaultPolicy(offsetsBefore(data.defaultOffsets, m))
      : data.offsets.length === 0
        ? r.noReminders
        : r.currentPolicy(offsetsBefore(data.offsets, m));
  const shownOffsets = data.offsets?.length ? data.offsets : data.defaultOffsets;
  return (
    <Layout page={page} title={r.title(data.group.name)}>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/grupper/${seg(data.group.id)}`}>
          {m.common.backToGroup}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        <TypedIn text={r.title} value={data.group.name} />
      </h1>
      <div role="status" aria-live="polite" class="flash">
        <Flash text={view.flash} />
      </div>
      {view.problem && (
        <div class="ds-alert" data-color="danger" role="alert" id="problem" tabindex={-1} autofocus>
          <p class="ds-paragraph">{view.problem}</p>
        </div>
      )}
      {page.may('system.admin', { kind: 'system' }) && (
        <p class="ds-paragraph">
          <a class="ds-link" href="/admin/ko">
            {r.queueLink}
          </a>
        </p>
      )}
      <Section id="attention" title={`${r.attention} (${attention.length})`}>
        <p class="ds-paragraph">{r.attentionHelp}</p>
        {attention.length === 0 ? (
          <Empty>{r.noneInList}</Empty>
        ) : (
          <ul class="ds-list attention-list">
            {attention.map((row, i) => (
              <AttentionItem key={rowKey(row)} row={row} index={i} view={view} page={page} />
            ))}
          </ul>
        )}
      </Section>
      <Section id="resend-requested" title={r.resendRequested}>
        <ReminderTable
          caption={r.resendRequested}
          id="resend-requested-table"
          rows={by('resend-requested')}
          page={page}
          extra="requested"
        />
      </Section>
      <Section id="scheduled" title={r.scheduled}>
        <ReminderTable caption={r.scheduled} id="scheduled-table" rows={by('pending')} page={page} />
      </Section>
      <Section id="in-progress" title={r.inProgress}>
        <ReminderTable
          caption={r.inProgress}
          id="in-progress-table"
          rows={by(...IN_PROGRESS)}
          page={page}
          extra="reason"
        />
      </Section>
      <Section id="sent" title={r.sent}>
        <ReminderTable caption={r.sent} id="sent-table" rows={by('sent')} page={page} />
      </Section>
      <Section id="failed" title={r.failed}>
        <ReminderTable caption={r.failed} id="failed-table" rows={by('failed')} page={page} extra="reason" />
      </Section>
      <Section id="policy" title={r.policyHeading}>
        <p class="ds-paragraph" id="policy-now">
          {current}
        </p>
        <Form
          f={policy}
          action={`/grupper/${seg(data.group.id)}/paminnelser/tidspunkter`}
          submit={r.savePolicy}
        >
          <Choices
            f={policy}
            name="mode"
            legend={r.mode}
            value={data.offsets?.length === 0 ? 'none' : 'times'}
            options={[
              { value: 'times', label: r.modeTimes },
              { value: 'none', label: r.modeNone },
            ]}
          />
          <Field
            f={policy}
            name="offsets"
            label={r.offsetsLabel}
            hint={r.offsetsHelp}
            value={shownOffsets.map((offset) => offsetInWords(offset, m)).join(', ')}
          />
        </Form>
      </Section>
    </Layout>
  );
}
