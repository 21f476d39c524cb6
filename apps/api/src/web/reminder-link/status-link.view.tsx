import { formCtx, type FormState } from '../record/record-form';
import { LatestStatus, StatusFields } from '../working-group/status-report';
import { Form } from '../shared/form';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import { TasksOnward, TypedIn } from '../shared/parts';

/** The working group a status link names, as its page shows it: its name and its latest report. */
export interface StatusLinkGroup {
  name: string;
  /** The latest report's status, or the status it starts with (`not-started`) before any. */
  status: string;
  statusText: string | null;
  /** When the latest report was recorded; null before any. */
  statusReportedAt: string | null;
}

/** What a status link's page shows: its form, what posting it recorded, or why it reports nothing. */
export type StatusLinkPage = {
  /** The person the link is for, when known. */
  personName: string | null;
} & (
  | {
      kind: 'form';
      workingGroup: StatusLinkGroup;
      formAction: string;
      /** A post that came back refused: what was sent, and the errors beside their fields. */
      refused: FormState | null;
    }
  | { kind: 'recorded'; workingGroup: StatusLinkGroup; again: string }
  | { kind: 'refused'; reason: 'not-found' | 'dissolved' }
  | { kind: 'refused'; reason: 'lead-changed'; lead: string | null }
);

/** The key of the form on the page: its fields' ids start with it, as on the working group's own page. */
export const STATUS_FORM = 'status';

/**
 * The page a reminder e-mail's status link opens, in the common layout: the working group's latest report,
 * and a form for the next, with the fields of the signed-in form. Opening it changes nothing (mail scanners
 * fetch links); the link's token is the authority, so there is no CSRF field, and the form's key makes a
 * second post of one rendering record nothing new.
 */
export function statusLinkView(data: StatusLinkPage, page: PageContext) {
  const r = page.m.reminders;
  const p = r.page;
  return (
    <Layout page={page} title={r.workingGroupStatus}>
      <h1 class="ds-heading" data-size="lg">
        {r.workingGroupStatus}
      </h1>
      {data.personName && <p class="ds-paragraph muted">{p.forPerson(data.personName)}</p>}
      {data.kind === 'form' && <StatusForm data={data} page={page} />}
      {data.kind === 'recorded' && (
        <>
          <div class="ds-alert" data-color="success" role="status">
            <p class="ds-paragraph">{p.statusRecorded}</p>
          </div>
          <LatestReport group={data.workingGroup} page={page} />
          <p class="ds-paragraph" data-status-again>
            {p.statusAgainNote}{' '}
            <a class="ds-link" href={data.again}>
              {p.statusAgain}
            </a>
          </p>
        </>
      )}
      {data.kind === 'refused' && (
        <div class="ds-alert" data-color="warning" role="status">
          <p class="ds-paragraph">
            {data.reason === 'lead-changed'
              ? p.leadChanged(data.lead)
              : data.reason === 'dissolved'
                ? p.workingGroupDissolved
                : p.workingGroupNotFound}
          </p>
        </div>
      )}
      {data.kind !== 'form' && <TasksOnward page={page} />}
    </Layout>
  );
}

/** The working group's name and its latest report, or that none has come yet. */
function LatestReport(props: { group: StatusLinkGroup; page: PageContext }) {
  const { group, page } = props;
  const { m } = page;
  const w = m.workingGroup;
  return (
    <section aria-labelledby="latest-h" class="page-section" data-latest-report>
      <h2 id="latest-h" class="ds-heading" data-size="sm">
        {w.status}
      </h2>
      <LatestStatus status={group.status} text={group.statusText} at={group.statusReportedAt} page={page} />
    </section>
  );
}

function StatusForm(props: { data: StatusLinkPage & { kind: 'form' }; page: PageContext }) {
  const { data, page } = props;
  const { m } = page;
  const w = m.workingGroup;
  const f = formCtx(STATUS_FORM, data.refused, page);
  return (
    <>
      <p class="ds-paragraph lead">
        <TypedIn text={m.reminders.page.statusPrompt} value={data.workingGroup.name} />
      </p>
      <LatestReport group={data.workingGroup} page={page} />
      <Form class="record-form link-page" f={f} action={data.formAction} submit={w.saveStatus}>
        <StatusFields f={f} value={data.workingGroup.status} page={page} rows={5} />
      </Form>
    </>
  );
}
