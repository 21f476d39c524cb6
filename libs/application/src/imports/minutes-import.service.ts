import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { DomainError, type Actor, type Via } from '@tilneste/domain-kit';
import {
  EVENT_STORE,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStore,
  type JsonObject,
} from '@tilneste/event-store';
import {
  minutesDraftSchema,
  parseInSandbox,
  type MinutesDraft,
  type ParseJob,
} from '@tilneste/minutes-import';
import {
  CARRY_OVERS_PENDING,
  countRecorded,
  foldName,
  ImportPlanError,
  planImport,
  resolvePeople,
  type FollowUpCommand,
  type ImportPlan,
  type ImportStep,
  type ImportSteps,
  type PlannedCommand,
  type RecordedKind,
} from '@tilneste/minutes-import/plan';
import { ERASED_PERSON, personStream } from '@tilneste/people';
import { IMPORT_ERASED } from '@tilneste/personal-data';
import { ReadModelHost, type Catalog, type ImportSource, type WorkingGroupView } from '@tilneste/projections';
import { carriedOverBy, CarryOverPolicy } from '../carry-over.policy';
import type { CommandContext } from '../command-context';
import { lookups } from '../lookups';
import { ValidationError, parseInput } from '../validation';
import { ImportRehearsal, StoreRun, type ImportRun } from './import-run';
import { mentionMatcher, stringsIn } from './import-mentions';
import { importErased, MinutesReviewService } from './minutes-review.service';

const NAMESPACE = '0c9e51d2-6a0b-4b6f-8f1e-4c2d7e9a1b33';

// A document's fileName and draft read null once it is erased (see @tilneste/personal-data).
const importEvents = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('MinutesParsed'),
    data: z.object({ contentHash: z.string(), fileName: z.string().nullable(), draft: z.unknown() }),
  }),
  z.object({ type: z.literal(IMPORT_ERASED), data: z.object({ contentHash: z.string() }) }),
  z.object({
    type: z.literal('MinutesImported'),
    data: z.object({
      contentHash: z.string(),
      groupId: z.string(),
      meetingId: z.string(),
      created: z.record(z.string(), z.number()),
      draft: z.unknown(),
    }),
  }),
]);
type ImportEvent = z.infer<typeof importEvents>;

/** One document imported into a group, as the group's import index records it. */
const importedIntoGroup = z.object({
  type: z.literal('MinutesImportedIntoGroup'),
  data: z.object({
    contentHash: z.string(),
    meetingId: z.string(),
    kind: z.enum(['minutes', 'notice']),
    meetingDate: z.string(),
    /** The earlier meeting whose minutes this document approves. */
    previousMeetingDate: z.string().nullable(),
    /** Working groups and their lead as this document names them. */
    workingGroupLeads: z.array(z.object({ name: z.string(), lead: z.string().nullable() })),
  }),
});
type ImportRecord = z.infer<typeof importedIntoGroup>['data'];
const groupImportsStream = (groupId: string) => `minutesimports-${groupId}`;

export const commitBody = z.strictObject({
  groupId: z.string().trim().min(1).max(100),
  draft: z.unknown().optional(),
  /** Names whose proposed match to a known person the reviewer rejects. */
  rejectMatches: z.array(z.string().min(1).max(300)).max(500).optional(),
});

const importStream = (hash: string) => `minutesimport-${hash}`;

/** Erased, or its key already gone (an erasure that stopped part way). */
const isErased = (history: ImportEvent[]) =>
  history.some(
    (e) => e.type === IMPORT_ERASED || (e.type === 'MinutesParsed' && (e.data.draft ?? null) === null),
  );

/** From the secretariat's document to reviewed events: parse to a draft, then commit it as ordinary commands. */
@Injectable()
export class MinutesImportService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelHost,
    private readonly carryOver: CarryOverPolicy,
    private readonly reviews: MinutesReviewService,
  ) {}

  /**
   * Reads and parses the document in a child process with time and memory limits (see parseInSandbox), and keeps the
   * draft under the hash of its text, so the same document is the same import whatever form it came in. Also returns
   * that text, for a reviewer to read beside the draft.
   */
  async parse(upload: ParseJob, by: { actor: Actor; via: Via }) {
    if (typeof upload.data === 'string' ? !/\S/.test(upload.data) : !upload.data.length)
      throw new ValidationError([{ path: [], message: 'the document is empty', code: 'too_small' }]);
    const fileName = upload.fileName;
    const parsed = await parseInSandbox(upload);
    const { empty, draft, text } = parsed;
    if (empty) throw new ValidationError([{ path: [], message: 'the document is empty', code: 'too_small' }]);
    // Imported before line breaks were made alike: it stays the import it was.
    const legacy = parsed.legacyHash ? await this.history(parsed.legacyHash) : [];
    const contentHash = legacy.length > 0 ? parsed.legacyHash! : parsed.contentHash;
    const history = legacy.length > 0 ? legacy : await this.history(contentHash);
    // The same document again after an erasure would bring back what was erased: it is refused.
    if (isErased(history)) throw importErased(contentHash);
    const stream = importStream(contentHash);
    await this.store.appendToStream(
      stream,
      [
        {
          id: uuidv5(`${stream}/parsed`, NAMESPACE),
          type: 'MinutesParsed',
          data: { contentHash, fileName, draft } as unknown as JsonObject,
          metadata: { actor: by.actor, via: by.via, at: new Date().toISOString() },
        },
      ],
      { expectedRevision: 'any' },
    );
    const people = resolvePeople(
      [draft.chair, ...draft.secretariat, ...draft.attendees.map((a) => a.name)]
        .filter((n): n is string => !!n)
        .map((name) => ({ name, organisation: null })),
      [...this.readModels.catalog.people.values()],
      () => '(ny)',
    );
    return { id: contentHash, draft, people, text };
  }

  /**
   * Records the reviewed draft: the plan's commands, then the follow-ups `reconcileHistory` finds. Answers with what
   * was recorded, counted from the events each command appended (`recorded`; `created` is the part of it the API has
   * always answered with). `onProgress` hears how many of the plan's commands have run, for a progress bar.
   */
  async commit(
    id: string,
    body: unknown,
    ctx: CommandContext,
    onProgress?: (done: number, total: number) => void,
  ) {
    const input = parseInput(commitBody, body ?? {});
    const history = await this.history(id);
    const parsed = history.find((e) => e.type === 'MinutesParsed');
    if (!parsed) throw new DomainError('IMPORT.NOT_FOUND', `Importen ${id} finnes ikke`, 'not_found');
    const done = history.find(
      (e): e is Extract<ImportEvent, { type: 'MinutesImported' }> => e.type === 'MinutesImported',
    );
    if (done)
      return {
        meetingId: done.data.meetingId,
        created: zeroed(done.data.created),
        recorded: {},
        alreadyImported: true,
      };
    if (isErased(history)) throw importErased(id);

    const { draft, plan } = this.plan(id, input, parsed.data.draft, await this.groupRecords(input.groupId));
    const importing = ctx.as({ via: 'import', causationId: importStream(id) });
    const run = new StoreRun(importing, this.readModels, this.carryOver);
    const document = parsed.data.fileName ?? draft.fileName ?? null;
    const steps = await this.runPlan(id, document, plan, run, onProgress);
    const created = createdBy(steps.planned);
    await this.store
      .appendToStream(
        importStream(id),
        [
          {
            id: uuidv5(`${importStream(id)}/imported`, NAMESPACE),
            type: 'MinutesImported',
            data: {
              contentHash: id,
              groupId: input.groupId,
              meetingId: plan.meetingId,
              created,
              draft,
            } as unknown as JsonObject,
          },
        ],
        { expectedRevision: 0n },
      )
      .catch((error) => {
        // A concurrent commit of the same document recorded it first; its commands and ours were the same.
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      });
    const stream = groupImportsStream(input.groupId);
    const record = recordOf(id, plan, draft);
    await this.store.appendToStream(
      stream,
      [
        {
          id: uuidv5(`${stream}/${record.contentHash}`, NAMESPACE),
          type: 'MinutesImportedIntoGroup',
          data: record as unknown as JsonObject,
        },
      ],
      { expectedRevision: 'any' },
    );
    const records = await this.groupRecords(input.groupId);
    steps.followUps.push(...(await this.reconcileHistory(input.groupId, records, plan.meetingId, run)));
    const recorded: Partial<Record<RecordedKind | typeof CARRY_OVERS_PENDING, number>> = countRecorded([
      ...steps.planned,
      ...steps.followUps,
    ]);
    // Carry-overs the policy had not made by the time the commit answered: it makes them next, so the summary says
    // how many were carried over so far and that the rest follow, never fewer than the truth.
    if (steps.carryOversPending) recorded[CARRY_OVERS_PENDING] = steps.carryOversPending;
    return {
      meetingId: plan.meetingId,
      created,
      recorded,
      people: plan.resolutions,
      alreadyImported: false,
    };
  }

  /**
   * What a commit would record, recorded nowhere: the commit's own steps run as an `ImportRehearsal`, so that a
   * reviewer reads what the button will do, follow-ups and all. Nothing for a document recorded before, since a
   * commit of it does nothing.
   */
  async rehearse(
    id: string,
    body: unknown,
    actor: Actor,
  ): Promise<{ draft: MinutesDraft; plan: ImportPlan; steps: ImportSteps }> {
    const input = parseInput(commitBody, body ?? {});
    const run = this.rehearsal(input.groupId, actor);
    return this.rehearseOn(run, id, input, await this.groupRecords(input.groupId));
  }

  /**
   * What committing these documents one after another (as `minutes import DIR` does) would record, recorded nowhere:
   * one rehearsal for them all, so each sees what those before it would have recorded. With the rehearsal's read
   * models, for naming what they refer to.
   */
  async rehearseInOrder(
    ids: readonly string[],
    groupId: string,
    actor: Actor,
  ): Promise<{
    catalog: Catalog;
    documents: Array<{ id: string; draft: MinutesDraft; plan: ImportPlan; steps: ImportSteps }>;
  }> {
    const input = parseInput(commitBody, { groupId });
    const run = this.rehearsal(input.groupId, actor);
    const records = await this.groupRecords(input.groupId);
    const documents = [];
    for (const id of ids) {
      const rehearsed = await this.rehearseOn(run, id, input, records);
      documents.push({ id, ...rehearsed });
      // As its commit would append it, for the documents after it.
      if (rehearsed.steps.planned.length > 0 && !records.some((r) => r.contentHash === id))
        records.push(recordOf(id, rehearsed.plan, rehearsed.draft));
    }
    return { catalog: run.catalog, documents };
  }

  private rehearsal(groupId: string, actor: Actor): ImportRehearsal {
    return new ImportRehearsal(this.store, this.readModels.catalog, groupId, {
      now: new Date().toISOString(),
      actor,
      via: 'import',
      correlationId: randomUUID(),
    });
  }

  /** One document's commit, rehearsed on `run` after whatever it rehearsed before, `records` as the group has them. */
  private async rehearseOn(
    run: ImportRehearsal,
    id: string,
    input: z.infer<typeof commitBody>,
    stored: readonly ImportRecord[],
  ): Promise<{ draft: MinutesDraft; plan: ImportPlan; steps: ImportSteps }> {
    const history = await this.history(id);
    const parsed = history.find((e) => e.type === 'MinutesParsed');
    if (!parsed) throw new DomainError('IMPORT.NOT_FOUND', `Importen ${id} finnes ikke`, 'not_found');
    if (isErased(history)) throw importErased(id);
    const { draft, plan } = this.plan(id, input, parsed.data.draft, stored, run.catalog);
    if (history.some((e) => e.type === 'MinutesImported'))
      return { draft, plan, steps: { planned: [], followUps: [] } };
    const steps = await this.runPlan(id, parsed.data.fileName ?? draft.fileName ?? null, plan, run);
    const record = recordOf(id, plan, draft);
    // As the commit would append it (a record appended before stays where it is).
    const records = stored.some((r) => r.contentHash === id) ? [...stored] : [...stored, record];
    steps.followUps.push(...(await this.reconcileHistory(input.groupId, records, plan.meetingId, run)));
    return { draft, plan, steps };
  }

  /** The plan's commands in order, and the carry-overs the policy makes when one of them holds a meeting. */
  private async runPlan(
    importId: string,
    document: string | null,
    plan: ImportPlan,
    run: ImportRun,
    onProgress?: (done: number, total: number) => void,
  ): Promise<ImportSteps & { carryOversPending?: number }> {
    const steps: ImportSteps & { carryOversPending?: number } = { planned: [], followUps: [] };
    const total = plan.commands.length;
    for (const [index, command] of plan.commands.entries()) {
      onProgress?.(index, total);
      // Each event keeps the document and line it was read from, beside who recorded it and through what.
      const source: ImportSource = { importId, document, line: command.source?.fromLine ?? null };
      const { events, position } = await run.send(command, source);
      steps.planned.push({ command, events });
      // The carry-over policy acts on the stored MeetingHeld, as for a meeting held over HTTP.
      if (command.type === 'HoldMeeting' && events.length > 0) {
        const fromMeetingId = command.data.meetingId;
        const { carried, pending } = await run.carriedOverWhenHeld(fromMeetingId, position);
        for (const commitmentId of carried)
          steps.followUps.push({
            command: carryOver(commitmentId, fromMeetingId),
            events: ['CommitmentCarriedOver'],
          });
        if (pending.length > 0) steps.carryOversPending = (steps.carryOversPending ?? 0) + pending.length;
      }
    }
    onProgress?.(total, total);
    return steps;
  }

  /**
   * Makes a group's imported history independent of the order its documents came in. After each commit, from what
   * every document imported into the group says: minutes that approve an earlier meeting's minutes record the approval
   * (whichever came first); held meetings after this one carry over, oldest first, what became due at them; and a
   * working group's lead is the one named by the latest document that names one, unless a person has set it by hand
   * since (see `leadOpenTo`). Reads the read models as `run` has left them, and sends what it finds through it.
   */
  private async reconcileHistory(
    groupId: string,
    records: ImportRecord[],
    meetingId: string,
    run: ImportRun,
  ): Promise<ImportStep<FollowUpCommand>[]> {
    const steps: ImportStep<FollowUpCommand>[] = [];
    const send = async (command: FollowUpCommand) => {
      steps.push({ command, events: (await run.send(command)).events });
    };
    const meetingOn = (date: string) =>
      groupMeetings(run.catalog, groupId).find((m) => m.status === 'held' && osloDate(m.startsAt) === date);

    for (const r of records) {
      const approved = r.previousMeetingDate ? meetingOn(r.previousMeetingDate) : undefined;
      if (approved && !approved.minutesApproved && approved.id !== r.meetingId)
        await send({
          context: 'meeting',
          type: 'ApproveMinutes',
          data: { meetingId: approved.id, atMeetingId: r.meetingId },
        });
    }

    const from = run.catalog.meetings.get(meetingId)?.startsAt ?? '';
    for (const m of groupMeetings(run.catalog, groupId)) {
      if (m.status !== 'held' || Date.parse(m.startsAt) <= Date.parse(from)) continue;
      // As the carry-over policy does for a meeting held now: a history imported out of order makes commitments
      // that came due at a meeting held before they were recorded.
      for (const commitmentId of carriedOverBy(run.catalog, m.id)) await send(carryOver(commitmentId, m.id));
    }

    const catalog = run.catalog;
    const byDate = [...records].sort((a, b) => a.meetingDate.localeCompare(b.meetingDate));
    for (const wgId of catalog.groups.get(groupId)?.workingGroupIds ?? []) {
      const wg = catalog.workingGroups.get(wgId);
      if (!wg) continue;
      const latest = byDate
        .flatMap((r) =>
          r.workingGroupLeads
            .filter((w) => w.lead && foldName(w.name) === foldName(wg.name))
            .map((w) => ({ lead: w.lead!, meetingDate: r.meetingDate })),
        )
        .at(-1);
      const leadId = latest && leadOpenTo(wg, latest.meetingDate) ? personNamed(catalog, latest.lead) : null;
      if (leadId && leadId !== wg.leadPersonId)
        await send({
          context: 'workingGroup',
          type: 'ChangeWorkingGroupLead',
          data: { workingGroupId: wg.id, leadPersonId: leadId },
        });
    }
    return steps;
  }

  /** What every document imported into the group says, in the order they were recorded. */
  private async groupRecords(groupId: string): Promise<ImportRecord[]> {
    const records: ImportRecord[] = [];
    try {
      for await (const e of this.store.readStream(groupImportsStream(groupId)))
        records.push(importedIntoGroup.parse({ type: e.type, data: e.data }).data);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return records;
  }

  /** The plan of a commit, without running it: the draft's commands and who its names would be. */
  async preview(id: string, body: unknown) {
    const input = parseInput(commitBody, body ?? {});
    const history = await this.history(id);
    const parsed = history.find((e) => e.type === 'MinutesParsed');
    if (!parsed) throw new DomainError('IMPORT.NOT_FOUND', `Importen ${id} finnes ikke`, 'not_found');
    if (isErased(history)) throw importErased(id);
    return this.plan(id, input, parsed.data.draft, await this.groupRecords(input.groupId));
  }

  /**
   * Erasure reaches imported documents: every import whose text, drafts or reviewers' corrections mention one
   * of these people (any name, alias or e-mail address their own events hold), or that recorded a commitment
   * they own, loses its key. Run it before the people's own keys go, since their names are read from those.
   * An import whose key is gone but whose erasure was not recorded (a stop part way) is finished. Returns the
   * imports erased now.
   */
  async eraseImportsMentioning(personIds: string[], by: Actor): Promise<string[]> {
    const terms: string[] = [];
    for (const personId of personIds) terms.push(...(await this.namesOf(personId)));
    const mentions = mentionMatcher(terms);
    const owners = new Set(personIds);
    const recordedAboutThem = new Set<string>();
    for (const c of this.readModels.catalog.commitments.values())
      if (c.owner.kind === 'person' && owners.has(c.owner.personId) && c.source)
        recordedAboutThem.add(c.source.importId);

    const ids = new Set<string>();
    for await (const e of this.store.readAll({ filter: { eventTypes: ['MinutesParsed'] } })) {
      const hash = (e.data as { contentHash?: unknown }).contentHash;
      if (typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)) ids.add(hash);
    }
    const erased: string[] = [];
    for (const id of ids) {
      const history = await this.history(id);
      if (history.some((e) => e.type === IMPORT_ERASED)) continue;
      const texts = [...history.flatMap((e) => stringsIn(e.data)), ...(await this.reviews.documentTexts(id))];
      if (isErased(history) || recordedAboutThem.has(id) || texts.some(mentions)) {
        await this.eraseImport(id, by);
        erased.push(id);
      }
    }
    return erased;
  }

  /** The review's copy goes first: the import's own `MinutesImportErased` is the last step, and marks it done. */
  private async eraseImport(id: string, by: Actor) {
    await this.reviews.erased(id, by);
    const stream = importStream(id);
    await this.store.appendToStream(
      stream,
      [
        {
          id: uuidv5(`${stream}/erased`, NAMESPACE),
          type: IMPORT_ERASED,
          data: { contentHash: id },
          metadata: { actor: by, via: 'api', at: new Date().toISOString() } as unknown as JsonObject,
        },
      ],
      { expectedRevision: 'any' },
    );
  }

  /** Every name, alias and e-mail address a person's own events hold, read while their key is still there. */
  private async namesOf(personId: string): Promise<string[]> {
    const names: string[] = [];
    try {
      for await (const e of this.store.readStream(personStream(personId))) {
        const d = e.data as Record<string, unknown> & { changes?: Record<string, unknown> };
        for (const value of [d.name, d.email, d.alias, d.changes?.name, d.changes?.email])
          if (typeof value === 'string' && value !== ERASED_PERSON) names.push(value);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    const person = this.readModels.catalog.people.get(personId);
    if (person && !person.erased)
      names.push(person.name, ...person.aliases, ...(person.email ? [person.email] : []));
    return names;
  }

  /**
   * `records` are the documents imported into the group so far: a working group's lead stays the one the latest of
   * them names (see reconcileHistory), so an older document does not change it back and forth; and a lead a person
   * set by hand on or after this document's meeting day stays (see `leadOpenTo`).
   */
  private plan(
    id: string,
    input: z.infer<typeof commitBody>,
    storedDraft: unknown,
    records: readonly ImportRecord[],
    catalog: Catalog = this.readModels.catalog,
  ) {
    const draft = this.validDraft(input.draft ?? storedDraft);
    const group = lookups.group(catalog, input.groupId);
    const date = draft.meeting.date ?? '';
    const workingGroups = [...group.workingGroupIds].map((w) => catalog.workingGroups.get(w)!);
    const leadSetLater = [
      ...records
        .filter((r) => r.contentHash !== id && r.meetingDate > date)
        .flatMap((r) => r.workingGroupLeads.filter((w) => w.lead).map((w) => foldName(w.name))),
      ...workingGroups.filter((w) => !leadOpenTo(w, date)).map((w) => foldName(w.name)),
    ];
    try {
      const plan = planImport(draft, {
        importId: id,
        groupId: input.groupId,
        directory: [...catalog.people.values()],
        members: group.members,
        meetings: group.meetingIds.map((m) => catalog.meetings.get(m)!),
        matters: [...group.matterIds].map((m) => catalog.matters.get(m)!),
        workingGroups,
        rejectedMatches: input.rejectMatches,
        leadSetLater,
      });
      return { draft, plan };
    } catch (error) {
      if (error instanceof ImportPlanError)
        throw new ValidationError([
          { path: ['draft', ...error.path], message: error.message, code: 'custom' },
        ]);
      throw error;
    }
  }

  private validDraft(draft: unknown): MinutesDraft {
    const result = minutesDraftSchema.safeParse(draft);
    if (!result.success) {
      throw new ValidationError(
        result.error.issues.map((i) => ({
          path: ['draft', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
          message: i.message,
          code: i.code,
        })),
        'Utkastet er ugyldig (the draft is invalid)',
      );
    }
    return result.data;
  }

  private async history(id: string): Promise<ImportEvent[]> {
    if (!/^[0-9a-f]{64}$/.test(id))
      throw new DomainError('IMPORT.NOT_FOUND', `Importen ${id} finnes ikke`, 'not_found');
    const events: ImportEvent[] = [];
    try {
      for await (const e of this.store.readStream(importStream(id)))
        events.push(importEvents.parse({ type: e.type, data: e.data }));
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return events;
  }
}

const zeroed = (created: Record<string, number>) =>
  Object.fromEntries(Object.keys(created).map((k) => [k, 0]));

/** The counts `POST /imports/:id/commit` answers with as `created`, each always there. */
const CREATED_KINDS = [
  'people',
  'aliases',
  'agendaItems',
  'decisions',
  'commitments',
  'workingGroups',
  'deferred',
] as const satisfies readonly RecordedKind[];

function createdBy(steps: readonly ImportStep<PlannedCommand>[]): Record<string, number> {
  const counts = countRecorded(steps);
  return Object.fromEntries(CREATED_KINDS.map((kind) => [kind, counts[kind] ?? 0]));
}

const carryOver = (commitmentId: string, fromMeetingId: string): FollowUpCommand => ({
  context: 'commitment',
  type: 'CarryOverCommitment',
  data: { commitmentId, fromMeetingId },
});

function recordOf(contentHash: string, plan: ImportPlan, draft: MinutesDraft): ImportRecord {
  return {
    contentHash,
    meetingId: plan.meetingId,
    kind: draft.kind,
    meetingDate: draft.meeting.date!,
    previousMeetingDate: draft.kind === 'minutes' ? draft.previousMeetingDate : null,
    workingGroupLeads: draft.workingGroups.map((w) => ({ name: w.name, lead: w.lead })),
  };
}

function groupMeetings(catalog: Catalog, groupId: string) {
  return (catalog.groups.get(groupId)?.meetingIds ?? []).map((id) => catalog.meetings.get(id)!);
}

function personNamed(catalog: Catalog, name: string): string | null {
  const key = foldName(name);
  for (const p of catalog.people.values())
    if (foldName(p.name) === key || p.aliases.some((a) => foldName(a) === key)) return p.id;
  return null;
}

/**
 * Whether a document of the meeting on `meetingDate` may still set the working group's lead as far as people go: a
 * lead a person set by hand (`leadSetByHandAt`, the event's recorded time, as the event holds no date of its own) on
 * that meeting's day or later is newer knowledge than the document, so only a document of a later meeting changes it.
 */
function leadOpenTo(wg: WorkingGroupView, meetingDate: string): boolean {
  return !wg.leadSetByHandAt || meetingDate > osloDate(wg.leadSetByHandAt);
}

function osloDate(instant: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date(instant));
}
