import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { EVENT_STORE, StreamNotFoundError, type EventStore, type RecordedEvent } from '@tilneste/event-store';
import {
  dashboard,
  matterHistory,
  myTasks,
  nextAgenda,
  ReadModelHost,
  workingGroupStatus,
} from '@tilneste/projections';
import { lookups } from '../domain/lookups';
import { parseInput } from '../http/validation';

const auditQuery = z
  .object({
    stream: z.string().min(1).max(300).optional(),
    actor: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  })
  .refine((q) => !!q.stream !== !!q.actor, { message: 'give exactly one of stream or actor', path: ['stream'] });

const tasksQuery = z.object({ status: z.enum(['open', 'all']).default('open') });

const toAudit = (e: RecordedEvent) => ({
  stream: e.streamName,
  position: e.position.toString(),
  revision: e.revision.toString(),
  type: e.type,
  data: e.data,
  metadata: e.metadata,
  recordedAt: e.createdAt.toISOString(),
});

/** Reads skip the domain: they answer from the read models (and the audit trail from the events). */
@Controller()
export class QueriesController {
  constructor(
    private readonly readModels: ReadModelHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private get catalog() {
    return this.readModels.catalog;
  }

  @Get('people/:id')
  person(@Param('id') id: string) {
    return lookups.person(this.catalog, id);
  }

  @Get('people/:id/tasks')
  tasks(@Param('id') id: string, @Query() query: unknown) {
    const { status } = parseInput(tasksQuery, query);
    lookups.person(this.catalog, id);
    return { personId: id, tasks: myTasks(this.catalog, id, new Date(), status === 'all') };
  }

  @Get('groups/:id/dashboard')
  dashboard(@Param('id') id: string) {
    lookups.group(this.catalog, id);
    return dashboard(this.catalog, id, new Date());
  }

  @Get('groups/:id/next-agenda')
  nextAgenda(@Param('id') id: string) {
    lookups.group(this.catalog, id);
    return nextAgenda(this.catalog, id, new Date());
  }

  @Get('meetings/:id')
  meeting(@Param('id') id: string) {
    return lookups.meeting(this.catalog, id);
  }

  @Get('working-groups/:id')
  workingGroup(@Param('id') id: string) {
    lookups.workingGroup(this.catalog, id);
    return workingGroupStatus(this.catalog, id, new Date());
  }

  @Get('matters/:id/history')
  history(@Param('id') id: string) {
    lookups.matter(this.catalog, id);
    return matterHistory(this.catalog, id);
  }

  @Get('commitments/:id')
  commitment(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const commitment = lookups.commitment(this.catalog, id);
    return { ...commitment, progress: commitment.progress, etagHint: res.getHeader('ETag') ?? null };
  }

  @Get('audit')
  async audit(@Query() query: unknown) {
    const { stream, actor, limit } = parseInput(auditQuery, query);
    const events: ReturnType<typeof toAudit>[] = [];
    if (stream) {
      try {
        for await (const e of this.store.readStream(stream, { maxCount: limit })) events.push(toAudit(e));
      } catch (error) {
        if (error instanceof StreamNotFoundError) {
          return { stream, events: [] };
        }
        throw error;
      }
      return { stream, events };
    }
    for (const where of (this.catalog.byActor.get(actor!) ?? []).slice(-limit)) {
      for await (const e of this.store.readStream(where.streamName, { fromRevision: where.revision, maxCount: 1 })) {
        events.push(toAudit(e));
      }
    }
    return { actor, events };
  }
}
