import { DomainError, type Command, type CommandMetadata } from '@tilneste/domain-kit';
import type { DomainEvent, EventStore } from '@tilneste/event-store';
import type { ImportCommand } from '@tilneste/minutes-import/plan';
import {
  Catalog,
  evolveEntities,
  type ContextEvent,
  type ImportSource,
  type ReadModelHost,
} from '@tilneste/projections';
import { contexts, type AddressedCommand } from '../application';
import { carriedOverBy, type CarriedOver, type CarryOverPolicy } from '../carry-over.policy';
import { CommandHandler, type ContextDefinition } from '../command-handler';
import type { CommandContext } from '../command-context';

/** A re-run of an interrupted import meets what the first run already created: that is not an error. */
const ALREADY_DONE = /\.ALREADY_|ITEM_ALREADY_|MEETING\.ALREADY_HELD|MINUTES_ALREADY_APPROVED/;
export const isDoneAlready = (error: unknown) =>
  error instanceof DomainError && ALREADY_DONE.test(error.code);

/**
 * Where an import's commands go: to the store (a commit, `StoreRun`) or only to copies of what they touch (what
 * a reviewer is shown first, `ImportRehearsal`). The service runs the same steps through either.
 */
export interface ImportRun {
  /** The read models as the commands run so far have left them. */
  readonly catalog: Catalog;
  /** Runs one command; the types of the events it recorded (none when it had been done already). */
  send(command: ImportCommand, source?: ImportSource): Promise<{ events: string[]; position?: bigint }>;
  /**
   * The commitments the carry-over policy carries over because this run held the meeting (event at `position`):
   * those carried over by the time it answers, and those it has still to carry over (the policy running behind).
   */
  carriedOverWhenHeld(meetingId: string, position: bigint | undefined): Promise<CarriedOver>;
}


/** A commit: each command through its context's handler, and the carry-over policy as it acts on any held meeting. */
export class StoreRun implements ImportRun {
  constructor(
    private readonly ctx: CommandContext,
    private readonly readModels: ReadModelHost,
    private readonly carryOver: CarryOverPolicy,
  ) {}

  get catalog(): Catalog {
    return this.readModels.catalog;
  }

  async send(command: ImportCommand, source?: ImportSource) {
    try {
      const result = await this.ctx.send(command as AddressedCommand, {
        useIfMatch: false,
        ...(source ? { metadata: { source } } : {}),
      });
      return { events: result.events.map((e) => e.type), position: result.position };
    } catch (error) {
      if (isDoneAlready(error)) return { events: [] };
      throw error;
    }
  }

  async carriedOverWhenHeld(meetingId: string, position: bigint | undefined): Promise<CarriedOver> {
    if (position === undefined) return { carried: [], pending: [] };
    return this.carryOver.carriedOverWhenHeld(meetingId, position);
  }
}

const NO_READ_MODELS = { waitFor: async () => {} };
type AnyDefinition = ContextDefinition<unknown, Command, DomainEvent>;

/**
 * An import decided and stored nowhere: each command meets the rules and the decider a commit would, on the state
 * its stream has in the store and any earlier command of the run left it in, and its events are applied to a copy
 * of the group's part of the read models, which the steps after the plan read as a commit's would read the real ones.
 */
export class ImportRehearsal implements ImportRun {
  readonly catalog: Catalog;
  private readonly definitions: Record<string, AnyDefinition>;
  private readonly states = new Map<string, unknown>();
  private applied = 0n;

  constructor(
    private readonly store: EventStore,
    live: Catalog,
    groupId: string,
    private readonly metadata: CommandMetadata,
  ) {
    this.catalog = copyOfGroup(live, groupId);
    this.definitions = contexts(() => this.catalog) as unknown as Record<string, AnyDefinition>;
  }

  async send(command: ImportCommand) {
    const definition = this.definitions[command.context];
    const input = { type: command.type, data: command.data };
    try {
      definition.check?.(input as never);
      const stream = definition.streamOf(input as never);
      let state = this.states.has(stream)
        ? this.states.get(stream)
        : (await new CommandHandler(this.store, NO_READ_MODELS, definition).load(stream)).state;
      const events = definition.decider.decide({ ...input, metadata: this.metadata }, state);
      for (const event of events) {
        state = definition.decider.evolve(state, event);
        this.apply(stream, event);
      }
      this.states.set(stream, state);
      return { events: events.map((e) => e.type) };
    } catch (error) {
      if (isDoneAlready(error)) return { events: [] };
      throw error;
    }
  }

  /** What the carry-over policy does with a stored `MeetingHeld`, done here in its place. */
  async carriedOverWhenHeld(meetingId: string): Promise<CarriedOver> {
    const carried: string[] = [];
    for (const commitmentId of carriedOverBy(this.catalog, meetingId)) {
      const { events } = await this.send({
        context: 'commitment',
        type: 'CarryOverCommitment',
        data: { commitmentId, fromMeetingId: meetingId },
      });
      if (events.length > 0) carried.push(commitmentId);
    }
    return { carried, pending: [] };
  }

  private apply(stream: string, event: DomainEvent): void {
    // A new position for each event, so values the catalog derived before it are worked out again.
    this.applied += 1n;
    this.catalog.position = this.applied;
    const category = stream.slice(0, stream.indexOf('-'));
    const { now, actor, via } = this.metadata;
    evolveEntities(this.catalog, category, event as ContextEvent, now, actor, null, via);
  }
}

/**
 * The entities an import of the group reads or changes, copied so that applying events to them leaves the read
 * models as they are: everyone (a name may be anyone's), and the group with its meetings, commitments, working
 * groups and matters.
 */
export function copyOfGroup(live: Catalog, groupId: string): Catalog {
  const copy = new Catalog();
  for (const person of live.people.values())
    copy.people.set(person.id, { ...person, aliases: [...person.aliases] });
  copy.mergedPeople = new Map(live.mergedPeople);
  const group = live.groups.get(groupId);
  if (!group) return copy;
  copy.groups.set(groupId, structuredClone(group));
  const each = <T>(ids: Iterable<string>, from: Map<string, T>, to: Map<string, T>) => {
    for (const id of ids) {
      const value = from.get(id);
      if (value) to.set(id, structuredClone(value));
    }
  };
  each(group.meetingIds, live.meetings, copy.meetings);
  each(group.commitmentIds, live.commitments, copy.commitments);
  each(group.workingGroupIds, live.workingGroups, copy.workingGroups);
  each(group.matterIds, live.matters, copy.matters);
  return copy;
}
