import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { erasePersonData } from '@tilneste/people';
import type { SqliteAuthStore } from '@tilneste/access';
import { EVENT_STORE, StreamNotFoundError, type EventStore, type RecordedEvent } from '@tilneste/event-store';
import { myTasks, ReadModelHost, survivingPersonId } from '@tilneste/projections';
import { DomainError } from '@tilneste/domain-kit';
import { lookups, MinutesImportService } from '@tilneste/application';
import { Access } from '../http/auth.guard';
import type { IdResponse } from '../http/responses';
import { parseInput } from '../http/validation';
import { WriteService } from '../http/write.service';
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

/** GDPR access (everything stored about one person, as JSON) and erasure. */
@Controller('people')
export class PersonExportController {
  constructor(
    private readonly writes: WriteService,
    private readonly readModels: ReadModelHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUTH_STORE) private readonly auth: SqliteAuthStore,
    private readonly imports: MinutesImportService,
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

  /**
   * Erasure by crypto-shredding (admin only): `PersonErased` is recorded with the real actor, and the store
   * deletes the person's key before it is appended. Their sessions, sign-in links and tokens end too. Records
   * merged into this person are the same person, with keys of their own: they are erased first, so a failure
   * part way leaves the person to erase again (a record already erased is passed over). Before any of it, every
   * imported document that mentions them loses its key, while their names can still be read to find those.
   */
  @Access('system.admin', resources.person())
  @Post(':id/erase')
  erase(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const data = parseInput(erasePersonData, { personId: id });
      const { catalog } = this.readModels;
      const merged = [...catalog.mergedPeople.keys()].filter(
        (other) => survivingPersonId(catalog, other) === id,
      );
      await this.imports.eraseImportsMentioning([id, ...merged], ctx.metadata.actor);
      for (const personId of merged) {
        await ctx.run('person', { type: 'ErasePerson', data: { personId } }).catch((error: unknown) => {
          if (!(error instanceof DomainError && error.code === 'PERSON.ERASED')) throw error;
        });
        this.auth.forgetPerson(personId, Date.now());
      }
      const result = await ctx.run('person', { type: 'ErasePerson', data });
      this.auth.forgetPerson(id, Date.now());
      return { status: 200, body: { id }, etag: result.revision };
    });
  }
}
