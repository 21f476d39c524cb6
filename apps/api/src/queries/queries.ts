import { Inject, Injectable } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, StreamNotFoundError, type EventStore, type RecordedEvent } from '@tilneste/event-store';
import {
  dashboard,
  matterHistory,
  meetingsAround,
  myTasks,
  nextAgenda,
  ReadModelHost,
  workingGroupStatus,
} from '@tilneste/projections';
import { ReminderLedgerHost, reminderSummary } from '@tilneste/reminders';
import { lookups } from '@tilneste/application';

export class GetTasks extends Query<{ personId: string; tasks: ReturnType<typeof myTasks> }> {
  constructor(
    readonly personId: string,
    readonly includeClosed: boolean,
    readonly now: Date,
  ) {
    super();
  }
}
export class GetDashboard extends Query<ReturnType<typeof dashboard> & ReturnType<typeof reminderSummary>> {
  constructor(
    readonly groupId: string,
    readonly now: Date,
  ) {
    super();
  }
}
/** The draft agenda of the group's next meeting; with `upcomingAt`, of the first meeting not in the past then. */
export class GetNextAgenda extends Query<ReturnType<typeof nextAgenda>> {
  constructor(
    readonly groupId: string,
    readonly upcomingAt?: Date,
  ) {
    super();
  }
}
export class GetWorkingGroup extends Query<NonNullable<ReturnType<typeof workingGroupStatus>>> {
  constructor(
    readonly workingGroupId: string,
    readonly now: Date,
  ) {
    super();
  }
}
export class GetMatterHistory extends Query<NonNullable<ReturnType<typeof matterHistory>>> {
  constructor(readonly matterId: string) {
    super();
  }
}
export type AuditEntry = ReturnType<typeof toAudit>;
export class GetAuditTrail extends Query<{ stream?: string; actor?: string; events: AuditEntry[] }> {
  constructor(
    readonly by: { stream: string } | { actor: string },
    readonly limit: number,
    /** Only events after this revision (stream) or global position (actor): the page cursor. */
    readonly after?: bigint,
  ) {
    super();
  }
}

const toAudit = (e: RecordedEvent) => ({
  stream: e.streamName,
  position: e.position.toString(),
  revision: e.revision.toString(),
  type: e.type,
  data: e.data,
  metadata: e.metadata,
  recordedAt: e.createdAt.toISOString(),
});

/** Reads skip the domain: each handler answers from the read models, or the audit trail from the events. */
@Injectable()
@QueryHandler(GetTasks)
export class GetTasksHandler implements IQueryHandler<GetTasks> {
  constructor(private readonly readModels: ReadModelHost) {}
  async execute({ personId, includeClosed, now }: GetTasks) {
    lookups.person(this.readModels.catalog, personId);
    return { personId, tasks: myTasks(this.readModels.catalog, personId, now, includeClosed) };
  }
}

@Injectable()
@QueryHandler(GetDashboard)
export class GetDashboardHandler implements IQueryHandler<GetDashboard> {
  constructor(
    private readonly readModels: ReadModelHost,
    private readonly reminders: ReminderLedgerHost,
  ) {}
  async execute({ groupId, now }: GetDashboard) {
    const { catalog } = this.readModels;
    lookups.group(catalog, groupId);
    return {
      ...dashboard(catalog, groupId, now),
      ...reminderSummary(catalog, this.reminders.ledger, groupId, now),
    };
  }
}

@Injectable()
@QueryHandler(GetNextAgenda)
export class GetNextAgendaHandler implements IQueryHandler<GetNextAgenda> {
  constructor(private readonly readModels: ReadModelHost) {}
  async execute({ groupId, upcomingAt }: GetNextAgenda) {
    const { catalog } = this.readModels;
    lookups.group(catalog, groupId);
    return upcomingAt
      ? nextAgenda(catalog, groupId, meetingsAround(catalog, groupId, upcomingAt).next)
      : nextAgenda(catalog, groupId);
  }
}

@Injectable()
@QueryHandler(GetWorkingGroup)
export class GetWorkingGroupHandler implements IQueryHandler<GetWorkingGroup> {
  constructor(private readonly readModels: ReadModelHost) {}
  async execute({ workingGroupId, now }: GetWorkingGroup) {
    lookups.workingGroup(this.readModels.catalog, workingGroupId);
    return workingGroupStatus(this.readModels.catalog, workingGroupId, now)!;
  }
}

@Injectable()
@QueryHandler(GetMatterHistory)
export class GetMatterHistoryHandler implements IQueryHandler<GetMatterHistory> {
  constructor(private readonly readModels: ReadModelHost) {}
  async execute({ matterId }: GetMatterHistory) {
    lookups.matter(this.readModels.catalog, matterId);
    return matterHistory(this.readModels.catalog, matterId)!;
  }
}

@Injectable()
@QueryHandler(GetAuditTrail)
export class GetAuditTrailHandler implements IQueryHandler<GetAuditTrail> {
  constructor(
    private readonly readModels: ReadModelHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ by, limit, after }: GetAuditTrail) {
    const events: AuditEntry[] = [];
    if ('stream' in by) {
      try {
        const fromRevision = after === undefined ? 'start' : after + 1n;
        for await (const e of this.store.readStream(by.stream, { fromRevision, maxCount: limit }))
          events.push(toAudit(e));
      } catch (error) {
        if (!(error instanceof StreamNotFoundError)) throw error;
      }
      return { stream: by.stream, events };
    }
    const positions = this.readModels.catalog.byActor.get(by.actor) ?? [];
    const start = after === undefined ? 0 : positions.findIndex((p) => BigInt(p) > after);
    for (const position of start < 0 ? [] : positions.slice(start, start + limit)) {
      for await (const e of this.store.readAll({ fromPosition: BigInt(position), maxCount: 1 })) {
        if (e.position === BigInt(position)) events.push(toAudit(e));
      }
    }
    return { actor: by.actor, events };
  }
}

export const QUERY_HANDLERS = [
  GetTasksHandler,
  GetDashboardHandler,
  GetNextAgendaHandler,
  GetWorkingGroupHandler,
  GetMatterHistoryHandler,
  GetAuditTrailHandler,
];
