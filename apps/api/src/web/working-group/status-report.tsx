import { workingGroupReportStatusSchema } from '@tilneste/working-groups';
import { Choices, Field, type FormScope } from '../shared/form';
import { formatWhen } from '../shared/format';
import type { PageContext } from '../shared/page-context';
import { Empty, Typed } from '../shared/parts';

/** One status report as the working group's page and the lead's e-mail link show it: state – text (when). */
export function StatusReport(props: {
  status: string;
  text: string | null | undefined;
  at: string;
  page: PageContext;
}) {
  const { m } = props.page;
  return (
    <>
      <strong>{m.common.workingGroupStatus[props.status] ?? props.status}</strong>
      {props.text && (
        <>
          {' – '}
          <Typed>{props.text}</Typed>
        </>
      )}{' '}
      <span class="muted">({m.workingGroup.reportedAt(formatWhen(props.at, m))})</span>
    </>
  );
}

/** The latest status report as a paragraph, or that none has come yet. */
export function LatestStatus(props: {
  status: string;
  text: string | null | undefined;
  at: string | null | undefined;
  page: PageContext;
}) {
  const { at, page } = props;
  if (!at) return <Empty>{page.m.workingGroup.noStatus}</Empty>;
  return (
    <p class="ds-paragraph">
      <StatusReport status={props.status} text={props.text} at={at} page={page} />
    </p>
  );
}

/** The fields of a status report, as `ReportWorkingGroupStatus` takes them; the form around them is the caller's. */
export function StatusFields(props: { f: FormScope; value: string; page: PageContext; rows?: number }) {
  const { f, page } = props;
  const { m } = page;
  return (
    <>
      <Choices
        f={f}
        name="status"
        legend={m.workingGroup.statusLabel}
        value={props.value}
        options={workingGroupReportStatusSchema.options.map((s) => ({
          value: s,
          label: m.common.workingGroupStatus[s] ?? s,
        }))}
      />
      <Field
        f={f}
        name="text"
        label={m.workingGroup.statusText}
        multiline
        rows={props.rows}
        maxLength={5000}
      />
    </>
  );
}
