import { Controller, Get, Inject, Param } from '@nestjs/common';
import type { SqliteAuthStore } from '@tilneste/access';
import { EVENT_STORE, StreamNotFoundError, type EventStore, type RecordedEvent } from '@tilneste/event-store';
import { myTasks, ReadModelHost } from '@tilneste/projections';
import { lookups } from '@tilneste/application';
import { Access } from '../http/auth.guard';
import { AUTH_STORE } from './auth.tokens';
import { membershipsOf, resources } from './resources';

const event = (e: RecordedEvent) => ({
  stream: e.streamName,
  position: e.position.toString(),
  revision: e.revision.toString(),
  type: e.type,
  data: e.data,
  metadata: e.metadata,
  recordedAt: e.createdAt.toISOString(),
});

/** GDPR access: everything stored about one person, as JSON (admin, or the person). */
@Controller('people')
export class PersonExportController {
  constructor(
    private readonly readModels: ReadModelHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUTH_STORE) private readonly auth: SqliteAuthStore,
  ) {}

  @Access('person.export', resources.person())
  @Get(':id/export')
  async export(@Param('id') id: string) {
    const { catalog } = this.readModels;
    const person = lookups.person(catalog, id);
    const ownStream: ReturnType<typeof event>[] = [];
    try {
      for await (const e of this.store.readStream(`person-${id}`)) ownStream.push(event(e));
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    // Everything recorded with the person as the actor (sign-ins, links, the API with their token).
    const byThem: ReturnType<typeof event>[] = [];
    for (const position of catalog.byActor.get(id) ?? []) {
      for await (const e of this.store.readAll({ fromPosition: BigInt(position), maxCount: 1 }))
        if (e.position === BigInt(position)) byThem.push(event(e));
    }
    const commitments = [...catalog.commitments.values()].filter(
      (c) => c.owner.kind === 'person' && c.owner.personId === id,
    );
    return {
      exportedAt: new Date().toISOString(),
      person,
      memberships: [...(membershipsOf(catalog).get(id) ?? [])].map(([groupId, role]) => ({ groupId, role })),
      admin: this.auth.isAdmin(id),
      personalTokens: this.auth.tokens(id),
      tasks: myTasks(catalog, id, new Date(), true),
      commitmentsOwned: commitments,
      workingGroupsLed: [...catalog.workingGroups.values()].filter((w) => w.leadPersonId === id),
      attendance: [...catalog.meetings.values()].flatMap((m) =>
        m.attendance
          .filter((a) => a.personId === id || a.substituteFor === id)
          .map((a) => ({ meetingId: m.id, ...a })),
      ),
      events: { aboutThem: ownStream, byThem },
    };
  }
}
