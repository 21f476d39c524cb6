import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { CommitmentResponse } from '../commitments/commitments.responses';
import type { MeetingResponse } from '../meetings/meetings.responses';
import type { PersonResponse } from '../people/people.responses';
import type {
  AuditResponse,
  DashboardResponse,
  MatterHistoryResponse,
  NextAgendaResponse,
  TasksResponse,
  WorkingGroupResponse,
} from './queries.responses';
import { QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { nb } from '@tilneste/i18n';
import { ReadModelHost, wordAgenda } from '@tilneste/projections';
import { lookups } from '@tilneste/application';
import {
  GetAuditTrail,
  GetDashboard,
  GetMatterHistory,
  GetNextAgenda,
  GetTasks,
  GetWorkingGroup,
} from './queries';
import { decodeCursor, encodeCursor, pageQuery, paginate } from '../http/pagination';
import { parseInput, ValidationError } from '../http/validation';
import { Access } from '../http/auth.guard';
import { resources } from '../auth/resources';
import { View } from '../http/view-tag.guard';
import { ViewCache, type ViewAnswer } from '../http/view-cache';

const auditQuery = z
  .object({
    stream: z.string().min(1).max(300).optional(),
    actor: z.string().min(1).max(200).optional(),
    ...pageQuery(10_000, 1000),
  })
  .refine((q) => !!q.stream !== !!q.actor, {
    message: 'give exactly one of stream or actor',
    path: ['stream'],
  });

const tasksQuery = z.object({ status: z.enum(['open', 'all']).default('open'), ...pageQuery(1000) });
const timelineQuery = z.object(pageQuery(1000));

/** The audit cursor is a revision (stream) or a global position (actor): digits only. */
function auditAfter(cursor: string | undefined): bigint | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  if (!/^\d{1,20}$/.test(key))
    throw new ValidationError([
      { path: ['cursor'], message: 'must be a nextCursor from a previous page', code: 'invalid_value' },
    ]);
  return BigInt(key);
}

@View('events')
@Controller()
export class QueriesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly readModels: ReadModelHost,
    private readonly cache: ViewCache,
  ) {}

  @Access('person.read', resources.person())
  @Get('people/:id/tasks')
  @View('clock')
  tasks(
    @Param('id') id: string,
    @Query() query: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ViewAnswer<TasksResponse>> {
    const { status, limit, cursor } = parseInput(tasksQuery, query);
    return this.cache.answer(req, res, async () => {
      const answer = await this.queries.execute(new GetTasks(id, status === 'all', new Date()));
      const page = paginate(answer.tasks, (t) => t.id, { limit, cursor });
      return { ...answer, tasks: page.items, nextCursor: page.nextCursor };
    });
  }

  @Access('group.read', resources.group())
  @Get('groups/:id/dashboard')
  @View('clock')
  dashboard(
    @Param('id') id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ViewAnswer<DashboardResponse>> {
    return this.cache.answer(req, res, () => this.queries.execute(new GetDashboard(id, new Date())));
  }

  @Access('group.read', resources.group())
  @Get('groups/:id/next-agenda')
  @View('events')
  nextAgenda(
    @Param('id') id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ViewAnswer<NextAgendaResponse>> {
    // The API's titles are in bokmål, whatever the reader's language: outside clients rely on them (API.md).
    return this.cache.answer(req, res, async () =>
      wordAgenda(await this.queries.execute(new GetNextAgenda(id)), nb.agenda.draft),
    );
  }

  @Access('group.read', resources.workingGroupWithLead())
  @Get('working-groups/:id')
  @View('clock')
  workingGroup(
    @Param('id') id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ViewAnswer<WorkingGroupResponse>> {
    return this.cache.answer(req, res, () => this.queries.execute(new GetWorkingGroup(id, new Date())));
  }

  @Access('group.read', resources.matter())
  @Get('matters/:id/history')
  async history(@Param('id') id: string, @Query() query: unknown): Promise<MatterHistoryResponse> {
    const { limit, cursor } = parseInput(timelineQuery, query);
    const answer = await this.queries.execute(new GetMatterHistory(id));
    // Entries are in the order they happened; their index is a stable key, as the timeline only grows.
    const keyed = answer.timeline.map((entry, index) => ({ entry, key: String(index) }));
    const page = paginate(keyed, (k) => k.key, { limit, cursor });
    return { ...answer, timeline: page.items.map((k) => k.entry), nextCursor: page.nextCursor };
  }

  @Access('group.read', resources.auditStream())
  @Get('audit')
  async audit(@Query() query: unknown): Promise<AuditResponse> {
    const { stream, actor, limit, cursor } = parseInput(auditQuery, query);
    const answer = await this.queries.execute(
      new GetAuditTrail(stream ? { stream } : { actor: actor! }, limit + 1, auditAfter(cursor)),
    );
    const events = answer.events.slice(0, limit);
    const last = events.at(-1);
    const more = answer.events.length > limit && last;
    return {
      ...answer,
      events,
      nextCursor: more ? encodeCursor(stream ? last.revision : last.position) : null,
    };
  }

  /** Plain lookups of one entity as the read model holds it. */
  @Access('person.read', resources.person())
  @Get('people/:id')
  person(@Param('id') id: string): PersonResponse {
    return lookups.person(this.readModels.catalog, id);
  }

  @Access('group.read', resources.meeting())
  @Get('meetings/:id')
  meeting(@Param('id') id: string): MeetingResponse {
    return lookups.meeting(this.readModels.catalog, id);
  }

  @Access('group.read', resources.commitment())
  @Get('commitments/:id')
  commitment(@Param('id') id: string): CommitmentResponse {
    return lookups.commitment(this.readModels.catalog, id);
  }
}
