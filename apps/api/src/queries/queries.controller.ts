import { Controller, Get, Param, Query } from '@nestjs/common';
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
import { ReadModelHost } from '@tilneste/projections';
import { lookups } from '@tilneste/application';
import {
  GetAuditTrail,
  GetDashboard,
  GetMatterHistory,
  GetNextAgenda,
  GetTasks,
  GetWorkingGroup,
} from './queries';
import { parseInput } from '../http/validation';
import { View } from '../http/view-tag.interceptor';

const auditQuery = z
  .object({
    stream: z.string().min(1).max(300).optional(),
    actor: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  })
  .refine((q) => !!q.stream !== !!q.actor, {
    message: 'give exactly one of stream or actor',
    path: ['stream'],
  });

const tasksQuery = z.object({ status: z.enum(['open', 'all']).default('open') });

@View('events')
@Controller()
export class QueriesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly readModels: ReadModelHost,
  ) {}

  @Get('people/:id/tasks')
  @View('clock')
  tasks(@Param('id') id: string, @Query() query: unknown): Promise<TasksResponse> {
    const { status } = parseInput(tasksQuery, query);
    return this.queries.execute(new GetTasks(id, status === 'all', new Date()));
  }

  @Get('groups/:id/dashboard')
  @View('clock')
  dashboard(@Param('id') id: string): Promise<DashboardResponse> {
    return this.queries.execute(new GetDashboard(id, new Date()));
  }

  @Get('groups/:id/next-agenda')
  @View('events')
  nextAgenda(@Param('id') id: string): Promise<NextAgendaResponse> {
    return this.queries.execute(new GetNextAgenda(id));
  }

  @Get('working-groups/:id')
  @View('clock')
  workingGroup(@Param('id') id: string): Promise<WorkingGroupResponse> {
    return this.queries.execute(new GetWorkingGroup(id, new Date()));
  }

  @Get('matters/:id/history')
  history(@Param('id') id: string): Promise<MatterHistoryResponse> {
    return this.queries.execute(new GetMatterHistory(id));
  }

  @Get('audit')
  audit(@Query() query: unknown): Promise<AuditResponse> {
    const { stream, actor, limit } = parseInput(auditQuery, query);
    return this.queries.execute(new GetAuditTrail(stream ? { stream } : { actor: actor! }, limit));
  }

  /** Plain lookups of one entity as the read model holds it. */
  @Get('people/:id')
  person(@Param('id') id: string): PersonResponse {
    return lookups.person(this.readModels.catalog, id);
  }

  @Get('meetings/:id')
  meeting(@Param('id') id: string): MeetingResponse {
    return lookups.meeting(this.readModels.catalog, id);
  }

  @Get('commitments/:id')
  commitment(@Param('id') id: string): CommitmentResponse {
    return lookups.commitment(this.readModels.catalog, id);
  }
}
