import type { TaskView } from '@tilneste/projections';
import { formatWhen, seg } from '../shared/format';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import { CommitmentLink, CsrfField, Due, Empty, ImportedFrom, personName, TaskTags } from '../shared/parts';
import { FormKeyField } from '../shared/form';

export type Flash = 'done' | 'progress' | null;

export interface TasksPage {
  person: { id: string; name: string };
  tasks: TaskView[];
  flash: Flash;
  /** The person's own page of e-mail choices; only when they read their own list. */
  preferencesPath?: string | null;
  /** Reached through the id of a record merged into this person. */
  mergedFrom?: boolean;
  /**
   * The tasks the reader may mark done or report on (the person who answers for them, or the group's
   * secretariat): only these show the two forms. Someone else reading the list sees it without them.
   */
  answerable: ReadonlySet<string>;
}

function Task(props: { task: TaskView; base: string; page: PageContext; answerable: boolean }) {
  const { task: t, base, page } = props;
  const { m } = page;
  const latest = t.progress.at(-1);
  const action = `${base}/${seg(t.id)}`;
  const item = t.source.agendaItemTitle
    ? `${t.source.agendaItemNumber !== null ? `${m.common.item(String(t.source.agendaItemNumber))}: ` : ''}${t.source.agendaItemTitle}`
    : null;
  return (
    <li class="task ds-card" data-commitment={t.id}>
      <h2 class="ds-heading task__text" data-size="xs">
        {page.may('group.read', { kind: 'group', groupId: t.groupId }) ? (
          <CommitmentLink id={t.id} text={t.text} />
        ) : (
          t.text
        )}
      </h2>
      <dl class="task__facts">
        <div>
          <dt>{m.common.due}</dt>
          <dd>
            <Due dueAt={t.dueAt} dueMeetingId={t.dueMeetingId} m={m} />{' '}
            <TaskTags overdue={t.overdue} carriedOver={t.carriedOver} m={m} />
          </dd>
        </div>
        <div>
          <dt>{m.tasks.origin}</dt>
          <dd>
            <a class="ds-link" href={`/moter/${seg(t.source.meetingId)}`}>
              {t.source.meetingStartsAt ? formatWhen(t.source.meetingStartsAt, m, false) : m.common.meeting}
            </a>
            {item && `, ${item}`}
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
                <a class="ds-link" href={`/arbeidsgrupper/${seg(t.workingGroup.id)}`}>
                  {t.workingGroup.name}
                </a>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{m.common.latestProgress}</dt>
          <dd>{latest ? `${latest.text} (${formatWhen(latest.at, m)})` : m.common.noProgress}</dd>
        </div>
      </dl>
      {props.answerable && <TaskActions task={t} action={action} page={page} />}
    </li>
  );
}

/** Mark done, and report progress: plain posts, with htmx swapping the list in place where script runs. */
function TaskActions(props: { task: TaskView; action: string; page: PageContext }) {
  const { task: t, action, page } = props;
  const { m } = page;
  const swap = { 'hx-target': '#tasks', 'hx-select': '#tasks', 'hx-swap': 'outerHTML' };
  return (
    <div class="task__actions">
      <form method="post" action={`${action}/utfort`} hx-post={`${action}/utfort`} {...swap}>
        <CsrfField page={page} />
        <FormKeyField page={page} />
        <button type="submit" class="ds-button" data-variant="primary">
          {m.tasks.markDone}
        </button>
      </form>
      <details class="ds-details task__progress">
        <summary>{m.tasks.reportProgress}</summary>
        <div>
          <form method="post" action={`${action}/fremdrift`} hx-post={`${action}/fremdrift`} {...swap}>
            <CsrfField page={page} />
            <FormKeyField page={page} />
            <div class="ds-field">
              <label class="ds-label" for={`progress-${t.id}`}>
                {m.tasks.progressLabel}
              </label>
              <textarea
                class="ds-input"
                id={`progress-${t.id}`}
                name="text"
                rows={3}
                maxlength={5000}
                required
              />
            </div>
            <button type="submit" class="ds-button" data-variant="secondary">
              {m.tasks.send}
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
          {data.flash && (
            <div class="ds-alert" data-color="success">
              <p class="ds-paragraph">{data.flash === 'done' ? m.tasks.doneFlash : m.tasks.progressFlash}</p>
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
              <Task key={t.id} task={t} base={base} page={page} answerable={data.answerable.has(t.id)} />
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
