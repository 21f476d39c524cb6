import { ErrorSummary, Field, formScope, Submit, type Refused } from '../shared/form';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import { TasksOnward, TypedIn } from '../shared/parts';

/** How a link stands, or what using it did, when it shows no form. */
export type LinkOutcome =
  | 'recorded-done'
  | 'recorded-progress'
  | 'already-done'
  | 'closed'
  | 'not-found'
  | 'reassigned'
  | 'invalid'
  | 'expired'
  | 'superseded'
  | 'used';

/** What `/api/links/<token>` shows: a live link's form, or what happened and why nothing more can be done. */
export type LinkPage = {
  /** The link's action, when its token could be read: it names the page. */
  action: 'done' | 'progress' | null;
  /** The person the link is for, when known. */
  personName: string | null;
} & (
  | {
      kind: 'form';
      action: 'done' | 'progress';
      /** The item's text. */
      text: string;
      formAction: string;
      /** What was posted when a progress report came back empty. */
      refused?: { text: string };
    }
  | { kind: 'outcome'; outcome: Exclude<LinkOutcome, 'reassigned' | Recorded> }
  | {
      kind: 'outcome';
      outcome: Recorded;
      /** The item's text, which the thanks names. */
      text: string;
    }
  | {
      kind: 'outcome';
      outcome: 'reassigned';
      owner: string | null;
      /** The new owner is a working group, whose name people typed (marked bokmål where the page is not). */
      ownerIsWorkingGroup?: boolean;
    }
);

/** What the link's button did, or found done already: the page names the item. */
type Recorded = 'recorded-done' | 'recorded-progress' | 'already-done';

const SUCCESS: ReadonlySet<LinkOutcome> = new Set(['recorded-done', 'recorded-progress']);
const INFO: ReadonlySet<LinkOutcome> = new Set(['already-done']);

/**
 * The page a reminder e-mail's "done" or "progress" link opens, in the common layout. Opening it changes
 * nothing (mail scanners fetch links): only its form, a POST, records. The link's token is the authority,
 * so there is no CSRF field.
 */
export function linkView(data: LinkPage, page: PageContext) {
  const r = page.m.reminders;
  const p = r.page;
  const title = data.action === 'done' ? r.markDone : data.action === 'progress' ? r.reportProgress : p.title;
  return (
    <Layout page={page} title={title}>
      <h1 class="ds-heading" data-size="lg">
        {title}
      </h1>
      {data.personName && <p class="ds-paragraph muted">{p.forPerson(data.personName)}</p>}
      {data.kind === 'form' ? (
        <LinkForm data={data} page={page} />
      ) : (
        <div
          class="ds-alert"
          data-color={SUCCESS.has(data.outcome) ? 'success' : INFO.has(data.outcome) ? 'info' : 'warning'}
          role="status"
        >
          <p class="ds-paragraph">
            {'text' in data ? (
              <TypedIn text={named(p, data.outcome)} value={data.text} />
            ) : data.outcome !== 'reassigned' ? (
              outcomeText(p, data.outcome)
            ) : data.ownerIsWorkingGroup && data.owner !== null ? (
              <TypedIn text={p.reassigned} value={data.owner} />
            ) : (
              p.reassigned(data.owner)
            )}
          </p>
        </div>
      )}
      {/* A progress link cannot mark the item done (a link does one thing): say what can. */}
      {data.kind === 'outcome' && data.outcome === 'recorded-progress' && (
        <p class="ds-paragraph" data-done-too>
          {p.doneToo}
        </p>
      )}
      {data.kind === 'outcome' && <TasksOnward page={page} />}
    </Layout>
  );
}

function named(p: PageContext['m']['reminders']['page'], outcome: Recorded): (text: string) => string {
  return outcome === 'recorded-done'
    ? p.recordedDone
    : outcome === 'recorded-progress'
      ? p.recordedProgress
      : p.alreadyDone;
}

function outcomeText(
  p: PageContext['m']['reminders']['page'],
  outcome: Exclude<LinkOutcome, 'reassigned' | Recorded>,
): string {
  switch (outcome) {
    case 'closed':
      return p.closed;
    case 'not-found':
      return p.notFound;
    case 'invalid':
      return p.invalid;
    case 'expired':
      return p.expired;
    case 'superseded':
      return p.superseded;
    case 'used':
      return p.alreadyUsed;
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

function LinkForm(props: { data: LinkPage & { kind: 'form' }; page: PageContext }) {
  const { data, page } = props;
  const p = page.m.reminders.page;
  if (data.action === 'done')
    return (
      <form method="post" action={data.formAction} class="link-page">
        <p class="ds-paragraph">
          <TypedIn text={p.confirmDone} value={data.text} />
        </p>
        <Submit label={p.doneButton} />
      </form>
    );
  const refused: Refused | null = data.refused
    ? { values: { text: data.refused.text }, errors: [{ field: 'text', message: p.emptyProgress }] }
    : null;
  const f = formScope(page, 'link', refused, { labels: { text: p.progressLabel } });
  return (
    <form method="post" action={data.formAction} class="link-page">
      {/* A report sent empty comes back with the summary first, taking the focus, as every other form does. */}
      <ErrorSummary f={f} />
      <p class="ds-paragraph">
        <TypedIn text={p.progressPrompt} value={data.text} />
      </p>
      <Field f={f} name="text" label={p.progressLabel} multiline rows={5} maxLength={5000} required />
      <Submit label={p.progressButton} />
    </form>
  );
}
