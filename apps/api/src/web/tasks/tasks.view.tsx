import type { TaskView } from '@tilneste/projections';
import { formatWhen, seg } from '../shared/format';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import {
  CommitmentLink,
  CsrfField,
  Due,
  Empty,
  ImportedFrom,
  personName,
  TaskTags,
  Typed,
  TypedIn,
  WorkingGroupLink,
} from '../shared/parts';
import { ErrorSummary, Field, formScope, FormKeyField, type Refused } from '../shared/form';

export type Flash = 'done' | 'progress' | null;

/** The longest progress report the command takes (`reportCommitmentProgressData`). */
export const PROGRESS_MAX = 5000;

/** One task's progress form, refused: what was typed, and what was wrong with it. */
export interface RefusedProgress {
  commitmentId: string;
  text: string;
  problem: 'empty' | 'too-long';
}

export interface TasksPage {
  person: { id: string; name: string };
  tasks: TaskView[];
  flash: Flash;
  /**
   * The text of the task the flash is about (the one just marked done or reported on), when the reader may
   * answer for it; the flash names it, since a task marked done leaves the list.
   */
  flashTask?: string | null;
  /** The person's own page of e-mail choices; only when they read their own list. */
  preferencesPath?: string | null;
  /** Reached through the id of a record merged into this person. */
  mergedFrom?: boolean;
  /**
   * The tasks the reader may mark done or report on (the person who answers for them, or the group's
   * secretariat): only these show the two forms. Someone else reading the list sees it without them.
   */
  answerable: ReadonlySet<string>;
  /** A progress report that came back refused: the list again, with the error beside that task's field. */
  refused?: RefusedProgress | null;
}

function Task(props: {
  task: TaskView;
  /** Whose list it is. */
  personId: string;
  base: string;
  page: PageContext;
  answerable: boolean;
  refused: RefusedProgress | null;
}) {
  const { task: t, base, page } = props;
  const { m } = page;
  const latest = t.progress.at(-1);
  const action = `${base}/${seg(t.id)}`;
  const item = t.source.agendaItemTitle;
  const itemNumber =
    t.source.agendaItemNumber !== null ? `${m.common.item(String(t.source.agendaItemNumber))}: ` : '';
  // Links only where their pages let the reader in: someone outside the group (a guest owner, a working group's
  // lead) reads neither its commitments nor its meetings, but does read the working group they lead.
  const readsGroup = page.may('group.read', { kind: 'group', groupId: t.groupId });
  const readsWorkingGroup = page.may('group.read', {
    kind: 'working-group',
    groupId: t.groupId,
    leadPersonId: t.as === 'working-group-lead' ? props.personId : null,
  });
  return (
    <li class="task ds-card" data-commitment={t.id}>
      <h2 class="ds-heading task__text" data-size="xs">
        {readsGroup ? <CommitmentLink id={t.id} text={t.text} /> : <Typed>{t.text}</Typed>}
      </h2>
      <dl class="task__facts">
        <div>
          <dt>{m.common.due}</dt>
          <dd>
            <Due dueAt={t.dueAt} dueMeetingId={t.dueMeetingId} m={m} linked={readsGroup} />{' '}
            <TaskTags overdue={t.overdue} carriedOver={t.carriedOver} m={m} />
          </dd>
        </div>
        <div>
          <dt>{m.tasks.origin}</dt>
          <dd>
            {readsGroup ? (
              <a class="ds-link" href={`/moter/${seg(t.source.meetingId)}`}>
                {t.source.meetingStartsAt ? formatWhen(t.source.meetingStartsAt, m, false) : m.common.meeting}
              </a>
            ) : t.source.meetingStartsAt ? (
              formatWhen(t.source.meetingStartsAt, m, false)
            ) : (
              m.common.meeting
            )}
            {item && (
              <>
                {`, ${itemNumber}`}
                <Typed>{item}</Typed>
              </>
            )}
            {t.source.imported && (
              <>
                <br />
                <ImportedFrom source={t.source.imported} groupId={t.groupId} page={page} />
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{m.dashboard.colOwner}</dt>
          <dd>
            {m.tasks.as[t.as] ?? t.as}
            {t.workingGroup && (
              <>
                {' – '}
                {readsWorkingGroup ? (
                  <WorkingGroupLink id={t.workingGroup.id} name={t.workingGroup.name} />
                ) : (
                  <Typed>{t.workingGroup.name}</Typed>
                )}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{m.common.latestProgress}</dt>
          <dd>
            {latest ? (
              <>
                <Typed>{latest.text}</Typed> ({formatWhen(latest.at, m)})
              </>
            ) : (
              m.common.noProgress
            )}
          </dd>
        </div>
      </dl>
      {props.answerable && <TaskActions task={t} action={action} page={page} refused={props.refused} />}
    </li>
  );
}

/**
 * Mark done, and report progress: plain posts, with htmx swapping the list in place where script runs. A
 * refused report comes back open, with what was typed, its error beside the field and a summary that takes
 * the focus (the forms' common pattern, `form.tsx`).
 */
function TaskActions(props: {
  task: TaskView;
  action: string;
  page: PageContext;
  refused: RefusedProgress | null;
}) {
  const { task: t, action, page } = props;
  const { m } = page;
  // Every task has the same three controls: their names go on to say which task, for a screen reader's list of
  // buttons (WCAG 2.4.6), after the visible text so that speech input still finds them by it (2.5.3).
  const which = () => (
    <span class="ds-sr-only">
      <TypedIn text={m.tasks.whichTask} value={t.text} />
    </span>
  );
  const swap = { 'hx-target': '#tasks', 'hx-select': '#tasks', 'hx-swap': 'outerHTML' };
  const refused: Refused | null = props.refused
    ? {
        values: { text: props.refused.text },
        errors: [
          {
            field: 'text',
            message:
              props.refused.problem === 'empty'
                ? m.tasks.progressEmpty
                : m.tasks.progressTooLong(PROGRESS_MAX),
          },
        ],
      }
    : null;
  const f = formScope(page, `progress-${t.id}`, refused, {
    id: () => `progress-${t.id}`,
    labels: { text: m.tasks.progressLabel },
  });
  return (
    <div class="task__actions">
      <form method="post" action={`${action}/utfort`} hx-post={`${action}/utfort`} {...swap}>
        <CsrfField page={page} />
        <FormKeyField page={page} />
        <button type="submit" class="ds-button" data-variant="primary">
          {m.tasks.markDone}
          {which()}
        </button>
      </form>
      <details class="ds-details task__progress" open={refused !== null}>
        <summary>
          {m.tasks.reportProgress}
          {which()}
        </summary>
        <div>
          <form method="post" action={`${action}/fremdrift`} hx-post={`${action}/fremdrift`} {...swap}>
            <CsrfField page={page} />
            <FormKeyField page={page} />
            <ErrorSummary f={f} />
            <Field
              f={f}
              name="text"
              label={m.tasks.progressLabel}
              multiline
              rows={3}
              maxLength={PROGRESS_MAX}
              required
            />
            <button type="submit" class="ds-button" data-variant="secondary">
              {m.tasks.send}
              {which()}
            </button>
          </form>
        </div>
      </details>
    </div>
  );
}

export function tasksView(data: TasksPage, page: PageContext) {
  const { m } = page;
  const base = `/personer/${seg(data.person.id)}/oppgaver`;
  return (
    <Layout page={page} title={m.tasks.title(personName(data.person.name, m))}>
      <h1 class="ds-heading" data-size="lg">
        {m.tasks.heading(personName(data.person.name, m))}
      </h1>
      {data.mergedFrom && (
        <div class="ds-alert merged-notice" data-color="info">
          <p class="ds-paragraph">{m.mergedPerson.notice(personName(data.person.name, m))}</p>
        </div>
      )}
      <div id="tasks">
        <div role="status" aria-live="polite" class="flash">
          {/* After a mark done or a report sent with htmx, the focus goes here (app.js), not to <body>. */}
          {data.flash && (
            <div class="ds-alert" data-color="success" tabindex={-1} data-focus-after-swap>
              <p class="ds-paragraph">
                {data.flashTask ? (
                  <TypedIn
                    text={data.flash === 'done' ? m.tasks.doneFlashTask : m.tasks.progressFlashTask}
                    value={data.flashTask}
                  />
                ) : data.flash === 'done' ? (
                  m.tasks.doneFlash
                ) : (
                  m.tasks.progressFlash
                )}
              </p>
            </div>
          )}
        </div>
        <p class="ds-paragraph" data-open-count={data.tasks.length}>
          {m.tasks.summary(data.tasks.length)}
        </p>
        {data.tasks.length === 0 ? (
          <Empty>{m.start.noOpen}</Empty>
        ) : (
          <ul class="tasks">
            {data.tasks.map((t) => (
              <Task
                key={t.id}
                task={t}
                personId={data.person.id}
                base={base}
                page={page}
                answerable={data.answerable.has(t.id)}
                refused={data.refused?.commitmentId === t.id ? data.refused : null}
              />
            ))}
          </ul>
        )}
      </div>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/kalender/personer/${seg(data.person.id)}.ics`}>
          {m.tasks.calendar}
        </a>
      </p>
      {data.preferencesPath && (
        <p class="ds-paragraph">
          <a class="ds-link" href={data.preferencesPath}>
            {m.tasks.mailPreferences}
          </a>
        </p>
      )}
    </Layout>
  );
}
