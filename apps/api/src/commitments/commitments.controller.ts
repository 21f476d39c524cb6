import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import type { IdResponse } from '../http/responses';
import type { Request, Response } from 'express';
import {
  completeCommitmentData,
  reportCommitmentProgressData,
  withdrawCommitmentData,
  type Due,
  type Owner,
} from '@tilneste/commitments';
import { DomainError } from '@tilneste/domain-kit';
import { ReadModelHost, type Catalog } from '@tilneste/projections';
import { lookups } from '../domain/lookups';
import { bodyWith, parseInput } from '../http/validation';
import { WriteService } from '../http/write.service';
import { changeDueBody, makeCommitmentBody, reassignBody } from './api-shapes';

/** The owner exists; a working group must be one of the commitment's own group (its lead is reminded there). */
function checkOwner(catalog: Catalog, owner: Owner, groupId: string): void {
  if (owner.kind === 'person') lookups.person(catalog, owner.personId, 'owner.personId');
  if (owner.kind === 'working-group') {
    const workingGroup = lookups.workingGroup(catalog, owner.workingGroupId);
    if (workingGroup.groupId !== groupId) {
      throw new DomainError(
        'COMMITMENT.OWNER_OF_OTHER_GROUP',
        `Arbeidsgruppen ${owner.workingGroupId} hører til en annen gruppe enn forpliktelsen`,
        'invalid',
        { field: 'owner.workingGroupId' },
      );
    }
  }
}

/** A commitment is due at one of its own group's meetings: another group's would never show on its dashboard. */
function checkDue(catalog: Catalog, due: Due, groupId: string): void {
  if (due.kind !== 'meeting') return;
  const meeting = lookups.meeting(catalog, due.meetingId);
  if (meeting.groupId !== groupId) {
    throw new DomainError(
      'COMMITMENT.DUE_AT_OTHER_GROUP',
      `Møtet ${due.meetingId} hører til en annen gruppe enn forpliktelsen`,
      'invalid',
      { field: 'due.meetingId' },
    );
  }
}

@Controller('commitments')
export class CommitmentsController {
  constructor(
    private readonly writes: WriteService,
    private readonly readModels: ReadModelHost,
  ) {}

  private get catalog() {
    return this.readModels.catalog;
  }

  @Post()
  make(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const input = parseInput(makeCommitmentBody, bodyWith(body));
      const meeting = lookups.meeting(this.catalog, input.meetingId);
      checkOwner(this.catalog, input.owner, meeting.groupId);
      checkDue(this.catalog, input.due, meeting.groupId);
      if (input.matterId) lookups.matter(this.catalog, input.matterId);
      const commitmentId = ctx.newId();
      const result = await ctx.run('commitment', 'MakeCommitment', {
        ...input,
        commitmentId,
        groupId: meeting.groupId,
        agendaItemId: input.agendaItemId ?? null,
        matterId: input.matterId ?? null,
      });
      return { status: 201, body: { id: commitmentId }, etag: result.revision };
    });
  }

  private readonly exists = (id: string) => () => lookups.commitment(this.catalog, id);

  @Post(':id/complete')
  complete(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(
      req,
      res,
      { context: 'commitment', type: 'CompleteCommitment', id },
      () => parseInput(completeCommitmentData, bodyWith(body, { commitmentId: id })),
      this.exists(id),
    );
  }

  @Post(':id/reassign')
  reassign(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(
      req,
      res,
      { context: 'commitment', type: 'ReassignCommitment', id },
      () => {
        const { owner } = parseInput(reassignBody, bodyWith(body));
        checkOwner(this.catalog, owner, lookups.commitment(this.catalog, id).groupId);
        return { commitmentId: id, owner };
      },
      this.exists(id),
    );
  }

  @Post(':id/due')
  changeDue(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(
      req,
      res,
      { context: 'commitment', type: 'ChangeCommitmentDue', id },
      () => {
        const input = parseInput(changeDueBody, bodyWith(body));
        checkDue(this.catalog, input.due, lookups.commitment(this.catalog, id).groupId);
        return { commitmentId: id, ...input };
      },
      this.exists(id),
    );
  }

  @Post(':id/progress')
  progress(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(
      req,
      res,
      { context: 'commitment', type: 'ReportCommitmentProgress', id },
      () => parseInput(reportCommitmentProgressData, bodyWith(body, { commitmentId: id })),
      this.exists(id),
    );
  }

  @Post(':id/withdraw')
  withdraw(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(
      req,
      res,
      { context: 'commitment', type: 'WithdrawCommitment', id },
      () => parseInput(withdrawCommitmentData, bodyWith(body, { commitmentId: id })),
      this.exists(id),
    );
  }
}
