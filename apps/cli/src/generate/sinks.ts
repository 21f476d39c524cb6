// Where the story's commands go: counted, decided straight into the store, or through the application layer.
import {
  addAgendaItemData,
  approveMinutesData,
  cancelMeetingData,
  deferAgendaItemData,
  holdMeetingData,
  issueNoticeData,
  recordAttendanceData,
  rescheduleMeetingData,
  scheduleMeetingData,
} from '@tilneste/meetings';
import {
  carryOverCommitmentData,
  changeCommitmentDueData,
  completeCommitmentData,
  makeCommitmentData,
  reassignCommitmentData,
  reportCommitmentProgressData,
  withdrawCommitmentData,
} from '@tilneste/commitments';
import { addPersonAliasData, changePersonDetailsData, registerPersonData } from '@tilneste/people';
import { addMemberData, establishGroupData, removeMemberData, setReminderPolicyData } from '@tilneste/groups';
import {
  amendDecisionData,
  closeMatterData,
  openMatterData,
  recordDecisionData,
  recordDiscussionData,
  referMatterData,
  reviseProposalData,
} from '@tilneste/matters';
import {
  addWorkingGroupMemberData,
  changeWorkingGroupLeadData,
  dissolveWorkingGroupData,
  formWorkingGroupData,
  removeWorkingGroupMemberData,
  reportWorkingGroupStatusData,
} from '@tilneste/working-groups';
import type { Command } from '@tilneste/domain-kit';
import { eventMetadata, type ContextDefinition } from '@tilneste/application';
import { SqliteEventStore, toEventToAppend, type DomainEvent, type EventStore } from '@tilneste/event-store';
import { ShreddingEventStore } from '@tilneste/personal-data';
import type { z } from 'zod';
import {
  Application,
  CarryOverPolicy,
  CommandContext,
  contexts,
  type AddressedCommand,
} from '@tilneste/application';
import { Random } from './random';
import { iso, type Sink, type Step } from './story';

const toCommand = (step: Step): Command => ({
  type: step.type,
  data: step.data,
  metadata: {
    now: iso(step.at),
    actor: step.actor,
    via: step.via,
    correlationId: step.correlationId,
    ...(step.causationId ? { causationId: step.causationId } : {}),
  },
});

/** Counts steps without deciding anything: used to size a run. */
export class CountingSink implements Sink {
  written = 0;
  constructor(private readonly limit = Number.POSITIVE_INFINITY) {}
  get full() {
    return this.written >= this.limit;
  }
  async run(step: Step) {
    this.written += 1;
    return { streamName: `${step.context}-x`, revision: BigInt(this.written) };
  }
}

const DEFINITIONS = contexts();

/** Decides with the real deciders and appends straight to the store, in large transactions on SQLite. */
export class DirectSink implements Sink {
  written = 0;
  private readonly states = new Map<string, { state: unknown; revision: bigint | undefined }>();
  private readonly ids: Random;
  private inBatch = 0;

  constructor(
    private readonly store: EventStore,
    private readonly limit: number,
    seed: string,
  ) {
    this.ids = new Random(`${seed}/events`);
  }

  get full() {
    return this.written >= this.limit;
  }

  async run(step: Step) {
    const spec = DEFINITIONS[step.context] as unknown as ContextDefinition<unknown, Command, DomainEvent>;
    const command = toCommand(step);
    const streamName = spec.streamOf(step as never);
    const entry = this.states.get(streamName) ?? { state: spec.decider.initialState(), revision: undefined };
    const events = spec.decider.decide(command, entry.state).slice(0, this.limit - this.written);
    if (!events.length) return { streamName, revision: entry.revision };
    const metadata = eventMetadata(command);
    const batch = events.map((e) =>
      toEventToAppend(spec.schema, streamName, e, { id: this.ids.uuid(), metadata }),
    );
    this.begin();
    const result = await this.store.appendToStream(streamName, batch, {
      expectedRevision: entry.revision ?? 'no_stream',
    });
    entry.state = events.reduce((s, e) => spec.decider.evolve(s, e), entry.state);
    entry.revision = result.nextExpectedRevision;
    this.states.set(streamName, entry);
    this.written += events.length;
    if ((this.inBatch += events.length) >= 20_000) this.commit();
    return { streamName, revision: entry.revision };
  }

  /** One fsync per 20,000 events instead of one per command; each append is still the adapter's own. */
  private begin(): void {
    const sqlite = this.sqlite;
    // Only where appends are written on the store's own connection: a writer thread would wait on this lock.
    if (!sqlite || !sqlite.writesInline || sqlite.db.inTransaction) return;
    // The unique indexes outgrow SQLite's default 2 MB page cache after some 50,000 events.
    if (this.written === 0) sqlite.db.pragma('cache_size = -262144');
    // Savepoints inside one long transaction keep their undo pages in a sub-journal: in memory, not a temp file.
    if (this.written === 0) sqlite.db.pragma('temp_store = MEMORY');
    sqlite.db.exec('BEGIN IMMEDIATE');
  }

  commit(): void {
    this.inBatch = 0;
    if (this.sqlite?.db.inTransaction) this.sqlite.db.exec('COMMIT');
  }

  /** The SQLite store beneath, inside the personal-data seam or not (the seam's keys have a file of their own). */
  private get sqlite(): SqliteEventStore | undefined {
    const inner = this.store instanceof ShreddingEventStore ? this.store.inner : this.store;
    return inner instanceof SqliteEventStore ? inner : undefined;
  }
}

const COMMAND_SCHEMAS: Record<string, z.ZodType> = {
  RegisterPerson: registerPersonData,
  ChangePersonDetails: changePersonDetailsData,
  AddPersonAlias: addPersonAliasData,
  EstablishGroup: establishGroupData,
  AddMember: addMemberData,
  RemoveMember: removeMemberData,
  SetReminderPolicy: setReminderPolicyData,
  ScheduleMeeting: scheduleMeetingData,
  RescheduleMeeting: rescheduleMeetingData,
  CancelMeeting: cancelMeetingData,
  AddAgendaItem: addAgendaItemData,
  DeferAgendaItem: deferAgendaItemData,
  IssueNotice: issueNoticeData,
  RecordAttendance: recordAttendanceData,
  HoldMeeting: holdMeetingData,
  ApproveMinutes: approveMinutesData,
  OpenMatter: openMatterData,
  RecordDiscussion: recordDiscussionData,
  ReviseProposal: reviseProposalData,
  RecordDecision: recordDecisionData,
  AmendDecision: amendDecisionData,
  ReferMatter: referMatterData,
  CloseMatter: closeMatterData,
  MakeCommitment: makeCommitmentData,
  ReassignCommitment: reassignCommitmentData,
  ChangeCommitmentDue: changeCommitmentDueData,
  ReportCommitmentProgress: reportCommitmentProgressData,
  CompleteCommitment: completeCommitmentData,
  CarryOverCommitment: carryOverCommitmentData,
  WithdrawCommitment: withdrawCommitmentData,
  FormWorkingGroup: formWorkingGroupData,
  ChangeWorkingGroupLead: changeWorkingGroupLeadData,
  AddWorkingGroupMember: addWorkingGroupMemberData,
  RemoveWorkingGroupMember: removeWorkingGroupMemberData,
  ReportWorkingGroupStatus: reportWorkingGroupStatusData,
  DissolveWorkingGroup: dissolveWorkingGroupData,
};

/** A command's data as the HTTP layer would accept it; throws on anything the API would refuse with 400. */
export function validateStep(step: Step): Record<string, unknown> {
  const schema = COMMAND_SCHEMAS[step.type];
  if (!schema) throw new Error(`no schema for ${step.type}`);
  return schema.parse(step.data) as Record<string, unknown>;
}

/** Through the command bus, as an HTTP write goes (validated, decided, appended, read models waited for). */
export class CommandSink implements Sink {
  written = 0;
  private n = 0;
  constructor(
    private readonly app: Application,
    private readonly carryOver: CarryOverPolicy,
    private readonly limit: number,
    private readonly seed: string,
  ) {}
  get full() {
    return this.written >= this.limit;
  }
  async run(step: Step) {
    // The policy carries over on its own, fed by the stored MeetingHeld: the story's copy is not sent.
    if (step.type === 'CarryOverCommitment')
      return { streamName: `commitment-${step.data.commitmentId}`, revision: undefined };
    const data = validateStep(step);
    const { metadata } = toCommand(step);
    // An idempotency key per command makes the event ids deterministic too.
    const ctx = new CommandContext(this.app, metadata, undefined, `generate/${this.seed}/${this.n++}`);
    const result = await ctx.send({ ...step, data } as unknown as AddressedCommand);
    if (step.type === 'HoldMeeting' && result.position !== undefined)
      await this.carryOver.settled(result.position);
    this.written += result.events.length;
    return { streamName: result.streamName, revision: result.revision };
  }
}
