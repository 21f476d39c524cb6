import type { ComponentChildren } from 'preact';
import type { MinutesDraft } from '@tilneste/minutes-import';
import { formatWhen, seg } from '../shared/format';
import {
  Checkbox,
  Choices,
  Field as SharedField,
  Fieldset,
  Form,
  formScope,
  OwnerDueFields,
  Select,
  Submit,
  type FormScope,
} from '../shared/form';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import { Empty, Section, Typed, TypedIn, useTypedLang } from '../shared/parts';
import {
  decisionsOf,
  dueChoiceOf,
  fieldId,
  ownerChoiceOf,
  ownerNameOf,
  type FieldError,
  type FormValues,
} from './import-form';
import type { RecordedLine } from './import-preview';

type SourceRange = { fromLine: number; toLine: number } | null | undefined;

/** A form that came back refused: what was typed and what was wrong. */
export interface Refused {
  values: FormValues;
  errors: FieldError[];
}

/** One of the import's forms: its fields' ids are `f-<name>` (import-form.ts names them so too). */
const importForm = (
  page: PageContext,
  key: string,
  refused: Refused | null,
  context?: (name: string) => string | null,
): FormScope => formScope(page, key, refused, { id: fieldId, context });

/** The review's fields of an agenda item (`item.3.decision.0.text`, `new.3.text`, …) are named by the item in the error summary. */
function itemOf(draft: MinutesDraft, m: PageContext['m']) {
  return (name: string): string | null => {
    const found = /^(?:item|new|newdecision)\.(\d+)\./.exec(name);
    const item = found ? draft.agendaItems[Number(found[1])] : undefined;
    if (!item) return null;
    return item.number > 0 ? m.importPage.itemNo(item.number) : item.title;
  };
}

/** The import's text fields: two rows for a text that may run long. */
const Field = (props: Parameters<typeof SharedField>[0]) => <SharedField rows={2} {...props} />;

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
  const f = importForm(page, 'upload', data.refused);
  return (
    <Layout page={page} title={t.title}>
      <Title title={t.title} lead={<p class="ds-paragraph">{t.intro}</p>} />
      <Form f={f} action="/import" multipart class="stack import-upload" submit={t.read}>
        <Select
          f={f}
          name="groupId"
          label={t.group}
          value={data.groups.length === 1 ? data.groups[0].id : ''}
          {...(data.groups.length === 1 ? {} : { empty: t.chooseGroup })}
          options={data.groups.map((g) => ({ value: g.id, label: g.name, typed: true }))}
        />
        <Field
          f={f}
          name="file"
          type="file"
          label={t.file}
          hint={t.fileHint(data.maxMb)}
          accept=".docx,.pdf,.txt,.md,.markdown,application/pdf,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        />
        {/* The minutes pasted are the document's own text, in bokmål. */}
        <Field f={f} name="text" label={t.paste} hint={t.pasteHint} multiline rows={8} typed />
      </Form>
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
                  {r.groupName && (
                    <>
                      <Typed>{r.groupName}</Typed>,{' '}
                    </>
                  )}
                  {formatWhen(r.at, page.m)}
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
  /** Just recorded: what the commit recorded, one line for each kind. */
  recorded: RecordedLine[] | null;
  refused: Refused | null;
  /** Problems that stop a commit (a missing date, say), from the import plan. */
  planProblems: FieldError[];
}

function SourceText(props: { lines: string[]; page: PageContext }) {
  const t = props.page.m.importPage;
  // The document's own text is bokmål; the region's name around it is in the reader's language.
  const lang = useTypedLang();
  return (
    <section class="import-source" aria-labelledby="source-h">
      <h2 id="source-h" class="ds-heading" data-size="sm">
        {t.sourceText}
      </h2>
      {/* Scrolled by keyboard, so a region; named apart from the section around it (landmark-unique). */}
      <div class="source-text" tabindex={0} role="region" aria-label={t.sourceLines}>
        {props.lines.map((line, i) => (
          <div class="source-line" id={`L${i + 1}`}>
            <span class="source-no" aria-hidden="true">
              {i + 1}
            </span>
            <span class="source-content" lang={lang}>
              {line || ' '}
            </span>
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
  f: FormScope;
}) {
  const { prefix, f } = props;
  const t = f.page.m.importPage;
  return (
    <>
      <Field f={f} name={`${prefix}.text`} label={t.commitmentText} value={props.text} multiline typed />
      <OwnerDueFields
        f={f}
        names={{
          ownerKind: `${prefix}.ownerKind`,
          owner: `${prefix}.owner`,
          dueKind: `${prefix}.dueKind`,
          dueDate: `${prefix}.dueDate`,
        }}
        labels={{ owner: t.ownerKind, owners: t.owner, due: t.due, dueDate: t.dueDate }}
        ownerKind={props.ownerKind}
        ownerKinds={OWNER_CHOICES.map((k) => ({ value: k, label: t.ownerKinds[k] }))}
        people={{ list: 'import-names', value: props.owner }}
        dueKind={props.dueKind}
        dueKinds={DUE_CHOICES.map((k) => ({ value: k, label: t.dueKinds[k] }))}
        dueDate={props.dueDate}
      />
    </>
  );
}

function MatchList(props: { data: ReviewData; f: FormScope }) {
  const { data, f } = props;
  const t = f.page.m.importPage;
  return (
    <Section id="people" title={t.people}>
      {data.proposals.length === 0 ? (
        <Empty>{t.noProposals}</Empty>
      ) : (
        <ul class="ds-list match-list">
          {data.proposals.map((p, n) => (
            <li class="match">
              <input type="hidden" name={`match.${n}.name`} value={p.name} />
              <Choices
                f={f}
                name={`match.${n}`}
                legend={t.matchQuestion(p.name, p.personName)}
                value={p.rejected ? 'reject' : 'accept'}
                options={[
                  { value: 'accept', label: t.accept(p.personName) },
                  { value: 'reject', label: t.reject(p.name) },
                ]}
              >
                <ul class="evidence">
                  {p.evidence.map((e) => (
                    <li>{e}</li>
                  ))}
                </ul>
              </Choices>
            </li>
          ))}
        </ul>
      )}
      {data.known.length > 0 && <p class="ds-paragraph">{t.knownPeople(data.known.join(', '))}</p>}
      {data.newPeople.length > 0 && <p class="ds-paragraph">{t.newPeople(data.newPeople.join(', '))}</p>}
    </Section>
  );
}

function ItemFields(props: { draft: MinutesDraft; i: number; f: FormScope }) {
  const { draft, i, f } = props;
  const { page } = f;
  const item = draft.agendaItems[i];
  const t = page.m.importPage;
  const r = f.refused;
  return (
    <li class="draft-item" id={`item-${i}`}>
      <Fieldset
        look="heading"
        legend={
          <>
            {item.number > 0 && `${t.itemNo(item.number)}: `}
            <Typed>{item.title}</Typed> <SourceLink source={item.source} page={page} />
          </>
        }
      >
        <Field name={`item.${i}.title`} label={t.itemTitle} value={item.title} f={f} typed />
        <Checkbox f={f} name={`item.${i}.deferred`} label={t.deferred} checked={item.deferred} />

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
                f={f}
                multiline
                typed
              />
              <Select
                name={`item.${i}.decision.${j}.kind`}
                label={t.decisionKind}
                value={d.kind}
                f={f}
                options={DECISION_KINDS.map((k) => ({ value: k, label: t.decisionKinds[k] }))}
              />
              <Submit
                variant="tertiary"
                small
                name="action"
                value={`remove-decision:${i}:${j}`}
                label={t.removeDecision(j + 1)}
              />
            </li>
          ))}
        </ol>
        <details class="add-block">
          <summary>{t.addDecision}</summary>
          <Field name={`newdecision.${i}.text`} label={t.newDecisionText} value="" f={f} multiline typed />
          <Select
            name={`newdecision.${i}.kind`}
            label={t.decisionKind}
            value="approved"
            f={f}
            options={DECISION_KINDS.map((k) => ({ value: k, label: t.decisionKinds[k] }))}
          />
          <Submit variant="secondary" name="action" value={`add-decision:${i}`} label={t.addDecision} />
        </details>

        <h3 class="ds-heading" data-size="2xs">
          {t.commitments}
        </h3>
        {item.commitments.length === 0 && <Empty>{t.noCommitments}</Empty>}
        <ol class="draft-list">
          {item.commitments.map((c, j) => (
            <li class="draft-entry" id={`item-${i}-commitment-${j}`}>
              <SourceLink source={c.source} page={page} />
              {c.sourceText && (
                <p class="ds-paragraph muted source-quote">
                  «<Typed>{c.sourceText}</Typed>»
                </p>
              )}
              <CommitmentFields
                prefix={`item.${i}.commitment.${j}`}
                owner={ownerChoiceOf(c) === 'secretariat' ? '' : ownerNameOf(c)}
                ownerKind={ownerChoiceOf(c)}
                text={c.text}
                dueKind={dueChoiceOf(c)}
                dueDate={c.due && c.due !== 'next-meeting' ? c.due : ''}
                f={f}
              />
              <Submit
                variant="tertiary"
                small
                name="action"
                value={`remove-commitment:${i}:${j}`}
                label={t.removeCommitment(j + 1)}
              />
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
            f={f}
          />
          <Submit variant="secondary" name="action" value={`add-commitment:${i}`} label={t.addCommitment} />
        </details>
      </Fieldset>
    </li>
  );
}

function WorkingGroupFields(props: { draft: MinutesDraft; f: FormScope }) {
  const { draft, f } = props;
  const { page } = f;
  const t = page.m.importPage;
  const r = f.refused;
  return (
    <Section id="working-groups" title={t.workingGroups}>
      {draft.workingGroups.length === 0 && <Empty>{t.noWorkingGroups}</Empty>}
      <ol class="draft-list">
        {draft.workingGroups.map((wg, k) => (
          <li class="draft-entry" id={`wg-${k}`}>
            <SourceLink source={wg.source} page={page} />
            <Field name={`wg.${k}.name`} label={t.wgName} value={wg.name} f={f} typed />
            <Field name={`wg.${k}.lead`} label={t.wgLead} value={wg.lead ?? ''} f={f} list="import-names" />
            <Field
              name={`wg.${k}.members`}
              label={t.wgMembers}
              value={wg.members.join(', ')}
              f={f}
              hint={t.wgMembersHint}
            />
            <Submit
              variant="tertiary"
              small
              name="action"
              value={`remove-wg:${k}`}
              label={<TypedIn text={t.removeWorkingGroup} value={wg.name} />}
            />
          </li>
        ))}
      </ol>
      <details class="add-block" open={!!r?.errors.some((e) => e.field?.startsWith('newwg.'))}>
        <summary>{t.addWorkingGroup}</summary>
        <Field name="newwg.name" label={t.wgName} value="" f={f} typed />
        <Field name="newwg.lead" label={t.wgLead} value="" f={f} list="import-names" />
        <Field name="newwg.members" label={t.wgMembers} value="" f={f} hint={t.wgMembersHint} />
        <Submit variant="secondary" name="action" value="add-wg" label={t.addWorkingGroup} />
      </details>
    </Section>
  );
}

export function reviewView(data: ReviewData, page: PageContext) {
  const t = page.m.importPage;
  const { draft } = data;
  const f = importForm(page, 'review', data.refused, itemOf(draft, page.m));
  const title = t.reviewTitle(data.fileName ?? t.pastedText);
  return (
    <Layout page={page} title={title}>
      <Title
        title={title}
        lead={
          <p class="ds-paragraph">
            <TypedIn text={data.committed ? t.reviewIntroCommitted : t.reviewIntro} value={data.groupName} />{' '}
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
      {data.recorded && (
        <div class="ds-alert" data-color="success" role="status" id="recorded">
          <h2 class="ds-heading" data-size="xs">
            {t.committedHeading}
          </h2>
          {data.recorded.length === 0 ? (
            <p class="ds-paragraph">{t.recordedNothing}</p>
          ) : (
            <ul class="ds-list">
              {data.recorded.map((line) => (
                <li data-kind={line.kind} data-count={line.count}>
                  {line.text}
                </li>
              ))}
            </ul>
          )}
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
        <Form f={f} action={`/import/${seg(data.id)}`} class="import-draft">
          <input type="hidden" name="revision" value={data.revision} />
          <datalist id="import-names">
            {data.directoryNames.map((n) => (
              <option value={n} />
            ))}
          </datalist>
          <div class="form-actions">
            <Submit variant="secondary" name="action" value="save" label={t.save} />
            <Submit variant="primary" name="action" value="preview" label={t.toPreview} />
          </div>
          <Section id="meeting" title={t.meeting}>
            <p class="ds-paragraph">
              {t.kind[draft.kind]} <SourceLink source={draft.meeting.source} page={page} />
            </p>
            <div class="field-row">
              <Field name="meeting.date" label={t.date} value={draft.meeting.date ?? ''} f={f} type="date" />
              <Field
                name="meeting.startTime"
                label={t.startTime}
                value={draft.meeting.startTime ?? ''}
                f={f}
                type="time"
              />
            </div>
            <Field
              name="meeting.location"
              label={t.location}
              value={draft.meeting.location ?? ''}
              f={f}
              typed
            />
            {data.planProblems.length > 0 && (
              <ul class="ds-list plan-problems">
                {data.planProblems.map((p) => (
                  <li class="ds-validation-message">{p.message}</li>
                ))}
              </ul>
            )}
          </Section>
          <MatchList data={data} f={f} />
          <Section id="items" title={t.items}>
            {draft.agendaItems.length === 0 && <Empty>{t.noItems}</Empty>}
            <ol class="draft-items">
              {draft.agendaItems.map((_, i) => (
                <ItemFields draft={draft} i={i} f={f} />
              ))}
            </ol>
          </Section>
          <WorkingGroupFields draft={draft} f={f} />
          <div class="form-actions">
            <Submit variant="secondary" name="action" value="save" label={t.save} />
            <Submit variant="primary" name="action" value="preview" label={t.toPreview} />
          </div>
        </Form>
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
            <Typed>{data.groupName}</Typed>.{' '}
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

/**
 * A line of the preview: the reader's words around one value people typed (an item's title, a commitment, a
 * working group's name), as `TypedIn` takes it, so the page marks only the value.
 */
export interface PreviewLine {
  text: (value: string) => string;
  value: string;
}

/** A preview line as plain text. */
export const lineText = (line: PreviewLine): string => line.text(line.value);

export interface PreviewData {
  id: string;
  revision: string;
  fileName: string | null;
  groupName: string;
  meeting: { date: string; existing: boolean };
  people: string[];
  aliases: { name: string; person: string }[];
  /** Each item's label, saying so when it is deferred. */
  items: PreviewLine[];
  /** Items the meeting had already that take the document's number. */
  renumbered: PreviewLine[];
  /** Matters opened for the decisions (a decision on a known matter opens none). */
  matters: string[];
  decisions: { item: PreviewLine; text: string }[];
  commitments: { item: PreviewLine; text: string; owner: string; due: string }[];
  workingGroups: { name: string; lead: string | null; members: string[] }[];
  /** Leads changed and members added in working groups that exist. */
  workingGroupChanges: PreviewLine[];
  /** People who join the group, each with their role. */
  members: string[];
  /** How many attendances are recorded. */
  attendance: number;
  /** Whether the meeting is marked held. */
  held: boolean;
  /** After the plan: earlier minutes approved, commitments carried over, leads as the latest document names them. */
  approvals: string[];
  carriedOver: PreviewLine[];
  leads: PreviewLine[];
  /** What the commit will record, kind by kind, as the summary after it counts it (kinds with none left out). */
  summary: { kind: string; count: number; text: string }[];
  committed: boolean;
  problems: FieldError[];
}

/** A kind of record the commit makes, under its heading; none of that kind, no heading (the summary counts them). */
function PreviewList(props: { id: string; title: string; items: ComponentChildren[] }) {
  if (props.items.length === 0) return null;
  return (
    <Section id={props.id} title={`${props.title} (${props.items.length})`}>
      <ul class="ds-list">
        {props.items.map((item) => (
          <li>{item}</li>
        ))}
      </ul>
    </Section>
  );
}

export function previewView(data: PreviewData, page: PageContext) {
  const t = page.m.importPage;
  return (
    <Layout page={page} title={t.previewTitle}>
      <Title
        title={t.previewTitle}
        lead={
          <p class="ds-paragraph">
            <TypedIn
              text={(group) => t.previewIntro(data.fileName ?? t.pastedText, group)}
              value={data.groupName}
            />
          </p>
        }
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
          {(data.attendance > 0 || data.held) && (
            <p class="ds-paragraph">
              {data.attendance > 0 ? t.attendanceLine(data.attendance) : ''} {data.held ? t.heldLine : ''}
            </p>
          )}
          <Section id="p-summary" title={t.summaryHeading}>
            {data.summary.length === 0 ? (
              <p class="ds-paragraph">{t.previewNothing}</p>
            ) : (
              <ul class="ds-list">
                {data.summary.map((line) => (
                  <li data-kind={line.kind} data-count={line.count}>
                    {line.text}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <PreviewList id="p-people" title={t.newPeopleHeading} items={data.people} />
          <PreviewList id="p-members" title={t.membersHeading} items={data.members} />
          <PreviewList
            id="p-aliases"
            title={t.aliasesHeading}
            items={data.aliases.map((a) => t.aliasLine(a.name, a.person))}
          />
          <PreviewList
            id="p-items"
            title={t.items}
            items={data.items.map((l) => (
              <TypedIn {...l} />
            ))}
          />
          <PreviewList
            id="p-renumbered"
            title={t.renumberedHeading}
            items={data.renumbered.map((l) => (
              <TypedIn {...l} />
            ))}
          />
          <PreviewList
            id="p-matters"
            title={t.mattersHeading}
            items={data.matters.map((title) => (
              <Typed>{title}</Typed>
            ))}
          />
          <PreviewList
            id="p-decisions"
            title={t.decisions}
            items={data.decisions.map((d) => (
              <>
                <TypedIn {...d.item} />: <Typed>{d.text}</Typed>
              </>
            ))}
          />
          <PreviewList
            id="p-commitments"
            title={t.commitments}
            items={data.commitments.map((c) => (
              <span class="preview-commitment">
                <Typed>{c.text}</Typed>{' '}
                <span class="muted">
                  — {c.owner}, {c.due}
                </span>
              </span>
            ))}
          />
          <PreviewList
            id="p-wgs"
            title={t.workingGroups}
            items={data.workingGroups.map((w) => (
              <TypedIn text={(name) => t.wgLine(name, w.lead, w.members)} value={w.name} />
            ))}
          />
          <PreviewList
            id="p-wg-changes"
            title={t.wgChangesHeading}
            items={data.workingGroupChanges.map((l) => (
              <TypedIn {...l} />
            ))}
          />
          <PreviewList id="p-approvals" title={t.approvalsHeading} items={data.approvals} />
          <PreviewList
            id="p-carried-over"
            title={t.carriedOverHeading}
            items={data.carriedOver.map((l) => (
              <TypedIn {...l} />
            ))}
          />
          <PreviewList
            id="p-leads"
            title={t.leadsHeading}
            items={data.leads.map((l) => (
              <TypedIn {...l} />
            ))}
          />
        </>
      )}
      <div class="form-actions">
        {data.problems.length === 0 && (
          <Form
            f={importForm(page, 'commit', null)}
            action={`/import/${seg(data.id)}/lagre`}
            submit={t.commit}
          >
            <input type="hidden" name="revision" value={data.revision} />
          </Form>
        )}
        <a class="ds-link" href={`/import/${seg(data.id)}`}>
          {t.backToDraft}
        </a>
      </div>
    </Layout>
  );
}
