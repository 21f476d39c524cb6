import type { ComponentChildren } from 'preact';
import type { MinutesDraft } from '@tilneste/minutes-import';
import { formatWhen, seg } from '../shared/format';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import { CsrfField, Empty, Section } from '../shared/parts';
import {
  decisionsOf,
  dueChoiceOf,
  fieldId,
  ownerChoiceOf,
  ownerNameOf,
  type FieldError,
  type FormValues,
} from './import-form';

type SourceRange = { fromLine: number; toLine: number } | null | undefined;

/** A form that came back refused: what was typed and what was wrong. */
export interface Refused {
  values: FormValues;
  errors: FieldError[];
}

const errorOf = (refused: Refused | null, name: string) =>
  refused?.errors.find((e) => e.field === name)?.message;

const valueOf = (refused: Refused | null, name: string, fallback: string) =>
  refused && name in refused.values ? refused.values[name] : fallback;

const describedBy = (id: string, message: string | undefined, hint?: boolean) => {
  const ids = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(' ');
  return {
    ...(ids ? { 'aria-describedby': ids } : {}),
    ...(message ? { 'aria-invalid': 'true' as const } : {}),
  };
};

function ErrorText(props: { id: string; message: string | undefined }) {
  return props.message ? (
    <p class="ds-validation-message" data-field="validation" id={`${props.id}-error`}>
      {props.message}
    </p>
  ) : null;
}

function Field(props: {
  name: string;
  label: string;
  value: string;
  refused: Refused | null;
  type?: 'text' | 'date' | 'time';
  multiline?: boolean;
  list?: string;
  hint?: string;
}) {
  const id = fieldId(props.name);
  const message = errorOf(props.refused, props.name);
  const value = valueOf(props.refused, props.name, props.value);
  const common = {
    class: 'ds-input',
    id,
    name: props.name,
    ...describedBy(id, message, !!props.hint),
  };
  return (
    <div class="ds-field">
      <label class="ds-label" for={id}>
        {props.label}
      </label>
      {props.hint && (
        <p class="ds-paragraph field-hint" data-size="sm" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <ErrorText id={id} message={message} />
      {props.multiline ? (
        <textarea {...common} rows={2} value={value} />
      ) : (
        <input {...common} type={props.type ?? 'text'} value={value} autocomplete="off" list={props.list} />
      )}
    </div>
  );
}

function Select(props: {
  name: string;
  label: string;
  value: string;
  refused: Refused | null;
  options: { value: string; label: string }[];
}) {
  const id = fieldId(props.name);
  const message = errorOf(props.refused, props.name);
  const value = valueOf(props.refused, props.name, props.value);
  return (
    <div class="ds-field">
      <label class="ds-label" for={id}>
        {props.label}
      </label>
      <ErrorText id={id} message={message} />
      <select class="ds-input" id={id} name={props.name} {...describedBy(id, message)}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The list of errors at the top of a refused form, each a link to its field. */
function ErrorSummary(props: { refused: Refused | null; page: PageContext }) {
  const { refused } = props;
  if (!refused || refused.errors.length === 0) return null;
  const t = props.page.m.importPage;
  return (
    <div
      class="ds-alert error-summary"
      data-color="danger"
      role="alert"
      tabindex={-1}
      id="error-summary"
      aria-labelledby="error-summary-h"
    >
      <h2 id="error-summary-h" class="ds-heading" data-size="xs">
        {t.errorSummary(refused.errors.length)}
      </h2>
      <ul class="ds-list">
        {refused.errors.map((e) => (
          <li>
            {e.field ? (
              <a class="ds-link" href={`#${fieldId(e.field)}`}>
                {e.message}
              </a>
            ) : (
              e.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Lines 12–14" as a link to the source text beside the draft. */
function SourceLink(props: { source: SourceRange; page: PageContext }) {
  const { source } = props;
  if (!source) return null;
  const t = props.page.m.importPage;
  return (
    <a class="ds-link source-link" href={`#L${source.fromLine}`}>
      {t.lines(source.fromLine, source.toLine)}
    </a>
  );
}

function Title(props: { title: string; lead?: ComponentChildren }) {
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      {props.lead}
    </>
  );
}

// --- the upload page ---

export interface UploadData {
  groups: { id: string; name: string }[];
  reviews: {
    id: string;
    fileName: string | null;
    groupName: string | null;
    at: string;
    committed: boolean;
    erased: boolean;
  }[];
  refused: Refused | null;
  maxMb: number;
}

export function uploadView(data: UploadData, page: PageContext) {
  const t = page.m.importPage;
  const { refused } = data;
  const fileError = errorOf(refused, 'file');
  const textError = errorOf(refused, 'text');
  return (
    <Layout page={page} title={t.title}>
      <Title title={t.title} lead={<p class="ds-paragraph">{t.intro}</p>} />
      <ErrorSummary refused={refused} page={page} />
      <form method="post" action="/import" enctype="multipart/form-data" class="stack import-upload">
        <CsrfField page={page} />
        <Select
          name="groupId"
          label={t.group}
          value={data.groups.length === 1 ? data.groups[0].id : ''}
          refused={refused}
          options={[
            ...(data.groups.length === 1 ? [] : [{ value: '', label: t.chooseGroup }]),
            ...data.groups.map((g) => ({ value: g.id, label: g.name })),
          ]}
        />
        <div class="ds-field">
          <label class="ds-label" for="f-file">
            {t.file}
          </label>
          <p class="ds-paragraph field-hint" data-size="sm" id="f-file-hint">
            {t.fileHint(data.maxMb)}
          </p>
          <ErrorText id="f-file" message={fileError} />
          <input
            class="ds-input"
            id="f-file"
            type="file"
            name="file"
            accept=".docx,.pdf,.txt,.md,.markdown,application/pdf,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            {...describedBy('f-file', fileError, true)}
          />
        </div>
        <div class="ds-field">
          <label class="ds-label" for="f-text">
            {t.paste}
          </label>
          <p class="ds-paragraph field-hint" data-size="sm" id="f-text-hint">
            {t.pasteHint}
          </p>
          <ErrorText id="f-text" message={textError} />
          <textarea
            class="ds-input"
            id="f-text"
            name="text"
            rows={8}
            value={valueOf(refused, 'text', '')}
            {...describedBy('f-text', textError, true)}
          />
        </div>
        <button class="ds-button" data-variant="primary" type="submit">
          {t.read}
        </button>
      </form>
      <Section id="drafts" title={t.drafts}>
        {data.reviews.length === 0 ? (
          <Empty>{t.noDrafts}</Empty>
        ) : (
          <ul class="ds-list">
            {data.reviews.map((r) => (
              <li>
                <a class="ds-link" href={`/import/${seg(r.id)}`}>
                  {r.erased ? t.erasedDocument : (r.fileName ?? t.pastedText)}
                </a>{' '}
                <span class="muted">
                  {[r.groupName, formatWhen(r.at, page.m)].filter(Boolean).join(', ')}
                </span>{' '}
                {r.erased ? (
                  <span class="ds-tag" data-color="neutral">
                    {t.erasedTag}
                  </span>
                ) : (
                  <span class="ds-tag" data-color={r.committed ? 'success' : 'info'}>
                    {r.committed ? t.committedTag : t.underReview}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </Layout>
  );
}

// --- the progress page ---

export interface JobData {
  id: string;
  kind: 'parse' | 'commit';
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number | null;
  seconds: number;
  error: string | null;
  target: string | null;
  back: string;
}

export function JobStatus(props: { job: JobData; page: PageContext }) {
  const { job } = props;
  const t = props.page.m.importPage;
  const running = job.state === 'running';
  return (
    <div
      id="job-status"
      class="job-status"
      {...(running
        ? {
            'hx-get': `/import/jobber/${seg(job.id)}?del=status`,
            'hx-trigger': 'load delay:1s',
            'hx-swap': 'outerHTML',
          }
        : {})}
    >
      <p class="ds-paragraph" role="status">
        {running
          ? job.kind === 'parse'
            ? t.reading(job.seconds)
            : job.total
              ? t.saving(job.done, job.total)
              : t.preparing
          : job.state === 'done'
            ? t.jobDone
            : t.jobFailed}
      </p>
      {running &&
        (job.total ? (
          <progress max={job.total} value={job.done} aria-label={t.progressLabel} />
        ) : (
          <progress aria-label={t.progressLabel} />
        ))}
      {job.state === 'failed' && job.error && (
        <div class="ds-alert" data-color="danger" role="alert">
          <p class="ds-paragraph">{job.error}</p>
        </div>
      )}
      <p class="ds-paragraph">
        {job.state === 'done' && job.target ? (
          <a class="ds-link" href={job.target}>
            {t.continue}
          </a>
        ) : running ? (
          <a class="ds-link" href={`/import/jobber/${seg(job.id)}`}>
            {t.refresh}
          </a>
        ) : (
          <a class="ds-link" href={job.back}>
            {t.back}
          </a>
        )}
      </p>
    </div>
  );
}

/** The status alone, for htmx's polling. */
export const jobStatusFragment = (job: JobData, page: PageContext) => <JobStatus job={job} page={page} />;

export function jobView(job: JobData, page: PageContext) {
  const t = page.m.importPage;
  const title = job.kind === 'parse' ? t.readingTitle : t.savingTitle;
  return (
    <Layout page={page} title={title}>
      <Title title={title} />
      <JobStatus job={job} page={page} />
    </Layout>
  );
}

// --- the review page ---

export interface MatchProposal {
  name: string;
  /** The known person it would be. */
  sameAs: string;
  personName: string;
  evidence: string[];
  rejected: boolean;
}

export interface ReviewData {
  id: string;
  fileName: string | null;
  groupName: string;
  revision: string;
  draft: MinutesDraft;
  lines: string[];
  proposals: MatchProposal[];
  /** Names found in the directory as written. */
  known: string[];
  /** Names that would be registered as new people. */
  newPeople: string[];
  directoryNames: string[];
  committed: { meetingId: string; created: Record<string, number> } | null;
  flash: string | null;
  refused: Refused | null;
  /** Problems that stop a commit (a missing date, say), from the import plan. */
  planProblems: FieldError[];
}

function SourceText(props: { lines: string[]; page: PageContext }) {
  const t = props.page.m.importPage;
  return (
    <section class="import-source" aria-labelledby="source-h">
      <h2 id="source-h" class="ds-heading" data-size="sm">
        {t.sourceText}
      </h2>
      <div class="source-text" tabindex={0} role="region" aria-label={t.sourceText}>
        {props.lines.map((line, i) => (
          <div class="source-line" id={`L${i + 1}`}>
            <span class="source-no" aria-hidden="true">
              {i + 1}
            </span>
            <span class="source-content">{line || ' '}</span>
          </div>
        ))}
      </div>
    </section>
  );
}

const OWNER_CHOICES = ['person', 'working-group', 'secretariat', 'none'] as const;
const DUE_CHOICES = ['next-meeting', 'date', 'none'] as const;
const DECISION_KINDS = ['approved', 'noted', 'adopted'] as const;

function CommitmentFields(props: {
  prefix: string;
  owner: string;
  ownerKind: string;
  text: string;
  dueKind: string;
  dueDate: string;
  refused: Refused | null;
  page: PageContext;
}) {
  const t = props.page.m.importPage;
  const { prefix, refused } = props;
  return (
    <>
      <Field
        name={`${prefix}.text`}
        label={t.commitmentText}
        value={props.text}
        refused={refused}
        multiline
      />
      <div class="field-row">
        <Select
          name={`${prefix}.ownerKind`}
          label={t.ownerKind}
          value={props.ownerKind}
          refused={refused}
          options={OWNER_CHOICES.map((k) => ({ value: k, label: t.ownerKinds[k] }))}
        />
        <Field
          name={`${prefix}.owner`}
          label={t.owner}
          value={props.owner}
          refused={refused}
          list="import-names"
        />
      </div>
      <div class="field-row">
        <Select
          name={`${prefix}.dueKind`}
          label={t.due}
          value={props.dueKind}
          refused={refused}
          options={DUE_CHOICES.map((k) => ({ value: k, label: t.dueKinds[k] }))}
        />
        <Field
          name={`${prefix}.dueDate`}
          label={t.dueDate}
          value={props.dueDate}
          refused={refused}
          type="date"
        />
      </div>
    </>
  );
}

function MatchList(props: { data: ReviewData; page: PageContext }) {
  const { data, page } = props;
  const t = page.m.importPage;
  return (
    <Section id="people" title={t.people}>
      {data.proposals.length === 0 ? (
        <Empty>{t.noProposals}</Empty>
      ) : (
        <ul class="ds-list match-list">
          {data.proposals.map((p, n) => {
            const chosen = valueOf(data.refused, `match.${n}`, p.rejected ? 'reject' : 'accept');
            return (
              <li class="match">
                <fieldset class="ds-fieldset">
                  <legend class="ds-label">{t.matchQuestion(p.name, p.personName)}</legend>
                  <ul class="evidence">
                    {p.evidence.map((e) => (
                      <li>{e}</li>
                    ))}
                  </ul>
                  <input type="hidden" name={`match.${n}.name`} value={p.name} />
                  <div class="ds-field radio-row">
                    <input
                      class="ds-input"
                      type="radio"
                      id={`f-match-${n}-accept`}
                      name={`match.${n}`}
                      value="accept"
                      checked={chosen !== 'reject'}
                    />
                    <label class="ds-label" data-weight="regular" for={`f-match-${n}-accept`}>
                      {t.accept(p.personName)}
                    </label>
                  </div>
                  <div class="ds-field radio-row">
                    <input
                      class="ds-input"
                      type="radio"
                      id={`f-match-${n}-reject`}
                      name={`match.${n}`}
                      value="reject"
                      checked={chosen === 'reject'}
                    />
                    <label class="ds-label" data-weight="regular" for={`f-match-${n}-reject`}>
                      {t.reject(p.name)}
                    </label>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ul>
      )}
      {data.known.length > 0 && <p class="ds-paragraph">{t.knownPeople(data.known.join(', '))}</p>}
      {data.newPeople.length > 0 && <p class="ds-paragraph">{t.newPeople(data.newPeople.join(', '))}</p>}
    </Section>
  );
}

function ItemFields(props: { draft: MinutesDraft; i: number; data: ReviewData; page: PageContext }) {
  const { draft, i, data, page } = props;
  const item = draft.agendaItems[i];
  const t = page.m.importPage;
  const r = data.refused;
  const deferredChecked = r ? r.values[`item.${i}.deferred`] === 'on' : item.deferred;
  return (
    <li class="draft-item" id={`item-${i}`}>
      <fieldset class="ds-fieldset">
        <legend class="ds-heading" data-size="xs">
          {item.number > 0 ? `${t.itemNo(item.number)}: ${item.title}` : item.title}{' '}
          <SourceLink source={item.source} page={page} />
        </legend>
        <Field name={`item.${i}.title`} label={t.itemTitle} value={item.title} refused={r} />
        <div class="ds-field checkbox-row">
          <input
            class="ds-input"
            type="checkbox"
            id={fieldId(`item.${i}.deferred`)}
            name={`item.${i}.deferred`}
            checked={deferredChecked}
          />
          <label class="ds-label" data-weight="regular" for={fieldId(`item.${i}.deferred`)}>
            {t.deferred}
          </label>
        </div>

        <h3 class="ds-heading" data-size="2xs">
          {t.decisions}
        </h3>
        {decisionsOf(item).length === 0 && <Empty>{t.noDecisions}</Empty>}
        <ol class="draft-list">
          {decisionsOf(item).map((d, j) => (
            <li class="draft-entry">
              <SourceLink source={d.source} page={page} />
              <Field
                name={`item.${i}.decision.${j}.text`}
                label={t.decisionText(j + 1)}
                value={d.text}
                refused={r}
                multiline
              />
              <Select
                name={`item.${i}.decision.${j}.kind`}
                label={t.decisionKind}
                value={d.kind}
                refused={r}
                options={DECISION_KINDS.map((k) => ({ value: k, label: t.decisionKinds[k] }))}
              />
              <button
                class="ds-button"
                data-variant="tertiary"
                data-size="sm"
                type="submit"
                name="action"
                value={`remove-decision:${i}:${j}`}
              >
                {t.removeDecision(j + 1)}
              </button>
            </li>
          ))}
        </ol>
        <details class="add-block">
          <summary>{t.addDecision}</summary>
          <Field name={`newdecision.${i}.text`} label={t.newDecisionText} value="" refused={r} multiline />
          <Select
            name={`newdecision.${i}.kind`}
            label={t.decisionKind}
            value="approved"
            refused={r}
            options={DECISION_KINDS.map((k) => ({ value: k, label: t.decisionKinds[k] }))}
          />
          <button
            class="ds-button"
            data-variant="secondary"
            type="submit"
            name="action"
            value={`add-decision:${i}`}
          >
            {t.addDecision}
          </button>
        </details>

        <h3 class="ds-heading" data-size="2xs">
          {t.commitments}
        </h3>
        {item.commitments.length === 0 && <Empty>{t.noCommitments}</Empty>}
        <ol class="draft-list">
          {item.commitments.map((c, j) => (
            <li class="draft-entry" id={`item-${i}-commitment-${j}`}>
              <SourceLink source={c.source} page={page} />
              {c.sourceText && <p class="ds-paragraph muted source-quote">«{c.sourceText}»</p>}
              <CommitmentFields
                prefix={`item.${i}.commitment.${j}`}
                owner={ownerChoiceOf(c) === 'secretariat' ? '' : ownerNameOf(c)}
                ownerKind={ownerChoiceOf(c)}
                text={c.text}
                dueKind={dueChoiceOf(c)}
                dueDate={c.due && c.due !== 'next-meeting' ? c.due : ''}
                refused={r}
                page={page}
              />
              <button
                class="ds-button"
                data-variant="tertiary"
                data-size="sm"
                type="submit"
                name="action"
                value={`remove-commitment:${i}:${j}`}
              >
                {t.removeCommitment(j + 1)}
              </button>
            </li>
          ))}
        </ol>
        <details class="add-block" open={!!r?.errors.some((e) => e.field?.startsWith(`new.${i}.`))}>
          <summary>{t.addCommitment}</summary>
          <CommitmentFields
            prefix={`new.${i}`}
            owner=""
            ownerKind="person"
            text=""
            dueKind="next-meeting"
            dueDate=""
            refused={r}
            page={page}
          />
          <button
            class="ds-button"
            data-variant="secondary"
            type="submit"
            name="action"
            value={`add-commitment:${i}`}
          >
            {t.addCommitment}
          </button>
        </details>
      </fieldset>
    </li>
  );
}

function WorkingGroupFields(props: { draft: MinutesDraft; data: ReviewData; page: PageContext }) {
  const { draft, data, page } = props;
  const t = page.m.importPage;
  const r = data.refused;
  return (
    <Section id="working-groups" title={t.workingGroups}>
      {draft.workingGroups.length === 0 && <Empty>{t.noWorkingGroups}</Empty>}
      <ol class="draft-list">
        {draft.workingGroups.map((wg, k) => (
          <li class="draft-entry" id={`wg-${k}`}>
            <SourceLink source={wg.source} page={page} />
            <Field name={`wg.${k}.name`} label={t.wgName} value={wg.name} refused={r} />
            <Field
              name={`wg.${k}.lead`}
              label={t.wgLead}
              value={wg.lead ?? ''}
              refused={r}
              list="import-names"
            />
            <Field
              name={`wg.${k}.members`}
              label={t.wgMembers}
              value={wg.members.join(', ')}
              refused={r}
              hint={t.wgMembersHint}
            />
            <button
              class="ds-button"
              data-variant="tertiary"
              data-size="sm"
              type="submit"
              name="action"
              value={`remove-wg:${k}`}
            >
              {t.removeWorkingGroup(wg.name)}
            </button>
          </li>
        ))}
      </ol>
      <details class="add-block" open={!!r?.errors.some((e) => e.field?.startsWith('newwg.'))}>
        <summary>{t.addWorkingGroup}</summary>
        <Field name="newwg.name" label={t.wgName} value="" refused={r} />
        <Field name="newwg.lead" label={t.wgLead} value="" refused={r} list="import-names" />
        <Field name="newwg.members" label={t.wgMembers} value="" refused={r} hint={t.wgMembersHint} />
        <button class="ds-button" data-variant="secondary" type="submit" name="action" value="add-wg">
          {t.addWorkingGroup}
        </button>
      </details>
    </Section>
  );
}

export function reviewView(data: ReviewData, page: PageContext) {
  const t = page.m.importPage;
  const { draft, refused } = data;
  const title = t.reviewTitle(data.fileName ?? t.pastedText);
  return (
    <Layout page={page} title={title}>
      <Title
        title={title}
        lead={
          <p class="ds-paragraph">
            {t.reviewIntro(data.groupName)}{' '}
            <a class="ds-link" href="/import">
              {t.backToImport}
            </a>
          </p>
        }
      />
      {data.flash && (
        <div class="ds-alert" data-color="success" role="status">
          <p class="ds-paragraph">{data.flash}</p>
        </div>
      )}
      {data.committed && (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph">
            {t.alreadyCommitted}{' '}
            <a class="ds-link" href={`/moter/${seg(data.committed.meetingId)}`}>
              {t.openMeeting}
            </a>
          </p>
        </div>
      )}
      <ErrorSummary refused={refused} page={page} />
      {draft.warnings && draft.warnings.length > 0 && (
        <div class="ds-alert" data-color="warning">
          <h2 class="ds-heading" data-size="xs">
            {t.warnings}
          </h2>
          <ul class="ds-list">
            {draft.warnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="import-review">
        <SourceText lines={data.lines} page={page} />
        <form method="post" action={`/import/${seg(data.id)}`} class="import-draft" novalidate>
          <CsrfField page={page} />
          <input type="hidden" name="revision" value={data.revision} />
          <datalist id="import-names">
            {data.directoryNames.map((n) => (
              <option value={n} />
            ))}
          </datalist>
          <div class="form-actions">
            <button class="ds-button" data-variant="secondary" type="submit" name="action" value="save">
              {t.save}
            </button>
            <button class="ds-button" data-variant="primary" type="submit" name="action" value="preview">
              {t.toPreview}
            </button>
          </div>
          <Section id="meeting" title={t.meeting}>
            <p class="ds-paragraph">
              {t.kind[draft.kind]} <SourceLink source={draft.meeting.source} page={page} />
            </p>
            <div class="field-row">
              <Field
                name="meeting.date"
                label={t.date}
                value={draft.meeting.date ?? ''}
                refused={refused}
                type="date"
              />
              <Field
                name="meeting.startTime"
                label={t.startTime}
                value={draft.meeting.startTime ?? ''}
                refused={refused}
                type="time"
              />
            </div>
            <Field
              name="meeting.location"
              label={t.location}
              value={draft.meeting.location ?? ''}
              refused={refused}
            />
            {data.planProblems.length > 0 && (
              <ul class="ds-list plan-problems">
                {data.planProblems.map((p) => (
                  <li class="ds-validation-message">{p.message}</li>
                ))}
              </ul>
            )}
          </Section>
          <MatchList data={data} page={page} />
          <Section id="items" title={t.items}>
            {draft.agendaItems.length === 0 && <Empty>{t.noItems}</Empty>}
            <ol class="draft-items">
              {draft.agendaItems.map((_, i) => (
                <ItemFields draft={draft} i={i} data={data} page={page} />
              ))}
            </ol>
          </Section>
          <WorkingGroupFields draft={draft} data={data} page={page} />
          <div class="form-actions">
            <button class="ds-button" data-variant="secondary" type="submit" name="action" value="save">
              {t.save}
            </button>
            <button class="ds-button" data-variant="primary" type="submit" name="action" value="preview">
              {t.toPreview}
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

// --- a review whose document an erasure removed ---

export interface ErasedData {
  groupName: string;
  /** The meeting the import recorded into, when it was recorded before the erasure. */
  meetingId: string | null;
}

/** What is left of an import after an erasure: that the document is gone, and where its record went. */
export function erasedView(data: ErasedData, page: PageContext) {
  const t = page.m.importPage;
  return (
    <Layout page={page} title={t.erasedTitle}>
      <Title
        title={t.erasedTitle}
        lead={
          <p class="ds-paragraph">
            {data.groupName}.{' '}
            <a class="ds-link" href="/import">
              {t.backToImport}
            </a>
          </p>
        }
      />
      <div class="ds-alert" data-color="info" role="status">
        <p class="ds-paragraph">{t.erasedIntro}</p>
        {data.meetingId && (
          <p class="ds-paragraph">
            {t.erasedCommitted}{' '}
            <a class="ds-link" href={`/moter/${seg(data.meetingId)}`}>
              {t.openMeeting}
            </a>
          </p>
        )}
      </div>
    </Layout>
  );
}

// --- what a commit will create ---

export interface PreviewData {
  id: string;
  revision: string;
  fileName: string | null;
  groupName: string;
  meeting: { date: string; existing: boolean };
  people: string[];
  aliases: { name: string; person: string }[];
  items: string[];
  decisions: { item: string; text: string }[];
  commitments: { item: string; text: string; owner: string; due: string }[];
  workingGroups: { name: string; lead: string | null }[];
  /** People who join the group as members. */
  members: string[];
  /** How many attendances are recorded. */
  attendance: number;
  /** Whether the meeting is marked held. */
  held: boolean;
  committed: boolean;
  problems: FieldError[];
}

function PreviewList(props: { id: string; title: string; items: ComponentChildren[]; page: PageContext }) {
  return (
    <Section id={props.id} title={`${props.title} (${props.items.length})`}>
      {props.items.length === 0 ? (
        <Empty>{props.page.m.importPage.nothing}</Empty>
      ) : (
        <ul class="ds-list">
          {props.items.map((item) => (
            <li>{item}</li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function previewView(data: PreviewData, page: PageContext) {
  const t = page.m.importPage;
  return (
    <Layout page={page} title={t.previewTitle}>
      <Title
        title={t.previewTitle}
        lead={<p class="ds-paragraph">{t.previewIntro(data.fileName ?? t.pastedText, data.groupName)}</p>}
      />
      {data.problems.length > 0 ? (
        <div class="ds-alert" data-color="danger" role="alert">
          <ul class="ds-list">
            {data.problems.map((p) => (
              <li>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          {data.committed && (
            <div class="ds-alert" data-color="info">
              <p class="ds-paragraph">{t.alreadyCommittedPreview}</p>
            </div>
          )}
          <p class="ds-paragraph">
            {data.meeting.existing
              ? t.meetingExists(formatWhen(data.meeting.date, page.m))
              : t.meetingNew(formatWhen(data.meeting.date, page.m))}
          </p>
          <p class="ds-paragraph">
            {t.attendanceLine(data.attendance)} {data.held ? t.heldLine : ''}
          </p>
          <PreviewList id="p-people" title={t.newPeopleHeading} items={data.people} page={page} />
          <PreviewList id="p-members" title={t.membersHeading} items={data.members} page={page} />
          <PreviewList
            id="p-aliases"
            title={t.aliasesHeading}
            items={data.aliases.map((a) => t.aliasLine(a.name, a.person))}
            page={page}
          />
          <PreviewList id="p-items" title={t.items} items={data.items} page={page} />
          <PreviewList
            id="p-decisions"
            title={t.decisions}
            items={data.decisions.map((d) => `${d.item}: ${d.text}`)}
            page={page}
          />
          <PreviewList
            id="p-commitments"
            title={t.commitments}
            items={data.commitments.map((c) => (
              <span class="preview-commitment">
                {c.text}{' '}
                <span class="muted">
                  — {c.owner}, {c.due}
                </span>
              </span>
            ))}
            page={page}
          />
          <PreviewList
            id="p-wgs"
            title={t.workingGroups}
            items={data.workingGroups.map((w) => (w.lead ? `${w.name} (${w.lead})` : w.name))}
            page={page}
          />
        </>
      )}
      <div class="form-actions">
        {data.problems.length === 0 && (
          <form method="post" action={`/import/${seg(data.id)}/lagre`}>
            <CsrfField page={page} />
            <input type="hidden" name="revision" value={data.revision} />
            <button class="ds-button" data-variant="primary" type="submit">
              {t.commit}
            </button>
          </form>
        )}
        <a class="ds-link" href={`/import/${seg(data.id)}`}>
          {t.backToDraft}
        </a>
      </div>
    </Layout>
  );
}
