import { commitmentEventSchema } from '@tilneste/commitments';
import {
  compiledSchema,
  parseRecordedEvent,
  type DomainEvent,
  type RecordedEvent,
} from '@tilneste/event-store';
import { groupEventSchema } from '@tilneste/groups';
import { matterEventSchema } from '@tilneste/matters';
import { meetingEventSchema } from '@tilneste/meetings';
import { personEventSchema } from '@tilneste/people';
import { workingGroupEventSchema } from '@tilneste/working-groups';
import type { z } from 'zod';
import { evolveAuditIndex } from './audit-index/audit-index.projection';
import {
  evolveEntities,
  type CommitmentView,
  type ContextEvent,
  type GroupView,
  type MatterView,
  type MeetingView,
  type PersonView,
  type WorkingGroupView,
  type RecordedActor,
  survivingPersonId,
} from './entities/entities.projection';
import { evolveMatterHistory, type TimelineEntry } from './matter-history/matter-history.projection';
import { importSourceOf } from './shared/import-source';
import { evolveTasks } from './tasks/tasks.projection';

/**
 * The read models kept in memory and rebuilt from the events at start, one slice each: the entities every
 * view joins, and the indexes of the task lists, the audit trail and the matter histories. One pass
 * (`applyToCatalog`) feeds them all; each slice has its own pure `evolve` in its own folder.
 */
export class Catalog {
  // entities/
  people = new Map<string, PersonView>();
  groups = new Map<string, GroupView>();
  meetings = new Map<string, MeetingView>();
  commitments = new Map<string, CommitmentView>();
  workingGroups = new Map<string, WorkingGroupView>();
  matters = new Map<string, MatterView>();
  // tasks/
  /**
   * Open commitments by who answers for them (`person:<id>`, `working-group:<id>`, `secretariat:<groupId>`):
   * a task list reads its few buckets instead of every commitment ever made.
   */
  openByOwner = new Map<string, Set<string>>();
  /** The bucket each open commitment is in, so a reassignment or a close knows where to take it from. */
  openKeyOf = new Map<string, string>();
  /** Each commitment's place in `commitments`, so tasks gathered from several buckets keep that order. */
  madeOrder = new Map<string, number>();
  // matter-history/
  timelines = new Map<string, TimelineEntry[]>();
  /** Matter id → the ids of the commitments made under it, oldest first: a history reads these, not every commitment. */
  commitmentsOfMatter = new Map<string, string[]>();
  // audit-index/
  /**
   * Who recorded what: actor id → the global positions of their events, oldest first. Plain numbers, not
   * objects: at a million events this list is most of what a rebuild would otherwise leave for the GC.
   */
  byActor = new Map<string, number[]>();
  // entities/ (merges)
  /** A merged person's id → the id it was merged into (follow it again: that one may be merged too). */
  mergedPeople = new Map<string, string>();
  // entities/, for erasure
  /** Progress a person wrote: person id → [commitment id, index in its progress]. */
  writtenBy = new Map<string, [string, number][]>();

  position: bigint | undefined;

  private derivedAt: bigint | undefined | null = null;
  private readonly derivedValues = new Map<string, unknown>();

  /**
   * A value computed from the catalog, kept until the next event is applied: reads between two writes
   * share it. The caller must not change it, and it must not depend on anything but the catalog.
   */
  derived<T>(key: string, compute: () => T): T {
    if (this.derivedAt !== this.position) {
      this.derivedValues.clear();
      this.derivedAt = this.position;
    }
    if (this.derivedValues.has(key)) return this.derivedValues.get(key) as T;
    const value = compute();
    this.derivedValues.set(key, value);
    return value;
  }
}

/** Each context's event schema by the category of its streams (`commitment-<id>` → commitments). */
export const EVENT_SCHEMAS: Record<string, z.ZodType<DomainEvent>> = {
  person: personEventSchema,
  group: groupEventSchema,
  meeting: meetingEventSchema,
  commitment: commitmentEventSchema,
  workinggroup: workingGroupEventSchema,
  matter: matterEventSchema,
};

type Meta = { at?: string; via?: string; actor?: { id?: string; kind?: string } };

/** The metadata's actor when it has the shape one is written with, else null. */
function actorOf(meta: Meta): RecordedActor | null {
  const actor = meta.actor;
  return typeof actor?.kind === 'string' && typeof actor.id === 'string' ? (actor as RecordedActor) : null;
}

/**
 * The one pass: parses a recorded event once and hands it to every read model. Events at or before the
 * catalog's position are skipped, so a replay is harmless. Tasks go before the entities, since a
 * reassignment or a close takes the commitment from the bucket it is in now.
 */
export function applyToCatalog(catalog: Catalog, recorded: RecordedEvent): void {
  if (catalog.position !== undefined && recorded.position <= catalog.position) return;
  catalog.position = recorded.position;
  const category = recorded.streamName.slice(0, recorded.streamName.indexOf('-'));
  const schema = EVENT_SCHEMAS[category];
  if (!schema) return;
  const meta = (recorded.metadata ?? {}) as Meta;
  const at = meta.at ?? recorded.createdAt.toISOString();
  const event = parsed(schema, recorded) as ContextEvent;
  evolveTasks(catalog, event);
  const actor = actorOf(meta);
  const source = importSourceOf(meta);
  evolveEntities(catalog, category, event, at, actor, source, typeof meta.via === 'string' ? meta.via : null);
  evolveMatterHistory(catalog, event, at, actor, source);
  // A merged person's later acts (none are expected: their record takes no commands) file under the survivor.
  const actorId = meta.actor?.id;
  evolveAuditIndex(catalog, recorded.position, actorId && survivingPersonId(catalog, actorId));
}

/** Only `type` and `data` are applied, so the envelope `parseRecordedEvent` adds is skipped; a failure throws exactly its error. */
function parsed<S extends z.ZodType<DomainEvent>>(schema: S, recorded: RecordedEvent): z.output<S> {
  const result = compiledSchema(schema).safeParse({ type: recorded.type, data: recorded.data });
  return result.success ? result.data : parseRecordedEvent(schema, recorded);
}
