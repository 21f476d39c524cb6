import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { lookups } from '@tilneste/application';
import {
  changeCommitmentDueData,
  commitmentStream,
  reassignCommitmentData,
  withdrawCommitmentData,
} from '@tilneste/commitments';
import { DomainError } from '@tilneste/domain-kit';
import { ReadModelHost } from '@tilneste/projections';
import { resources } from '../../auth/resources';
import { Access } from '../../http/auth.guard';
import { WriteService } from '../../http/write.service';
import { GetAuditTrail } from '../../queries/queries';
import {
  blankToNull,
  dueOfForm,
  ownerOfForm,
  text,
  validate,
  unticked,
  valuesOf,
  type FieldMap,
  type FormState,
} from '../record/record-form';
import { seg } from '../shared/format';
import { submitForm, type FormSubmission } from '../shared/form-submit';
import { PageController } from '../shared/page.base';
import { PageErrorFilter } from '../shared/page-error.filter';
import { sendPage } from '../shared/page-response';
import { commitmentPage } from './commitment.page-query';
import { commitmentView, type CommitmentForm } from './commitment.view';

/** The history a page shows: far more changes than any commitment gets in the life of a group. */
const HISTORY_LIMIT = 1000;

const OWNER_FIELDS: FieldMap = {
  owner: 'ownerKind',
  'owner.kind': 'ownerKind',
  'owner.personId': 'ownerPerson',
  'owner.workingGroupId': 'ownerWorkingGroup',
};
const DUE_FIELDS: FieldMap = {
  due: 'dueKind',
  'due.kind': 'dueKind',
  'due.meetingId': 'dueMeeting',
  'due.date': 'dueDate',
};

/** A form of the page (`submitForm`'s), and the message after it. */
interface Change extends FormSubmission {
  form: CommitmentForm;
  flash: 'ansvarlig' | 'frist' | 'trukket';
}

/**
 * One commitment's page: what it is, who answers for it and by when, and every change to it with who made
 * it. The group's secretariat changes the owner or the deadline, or withdraws it, from here.
 */
@Controller()
@UseFilters(PageErrorFilter)
export class CommitmentPageController extends PageController {
  constructor(
    readModels: ReadModelHost,
    private readonly queries: QueryBus,
    private readonly writes: WriteService,
  ) {
    super(readModels);
  }

  @Access('group.read', resources.commitment())
  @Get('forpliktelser/:id')
  async show(
    @Param('id') id: string,
    @Query('melding') flash: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.render(req, res, id, typeof flash === 'string' ? flash : null, null, 200);
  }

  @Access('group.record', resources.commitment())
  @Post('forpliktelser/:id/ansvarlig')
  reassign(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.submit(req, res, id, {
      form: 'owner',
      values: valuesOf(body, ['ownerKind', 'ownerPerson', 'ownerWorkingGroup']),
      fields: OWNER_FIELDS,
      codeFields: {
        'PERSON.NOT_FOUND': 'ownerPerson',
        'WORKING_GROUP.NOT_FOUND': 'ownerWorkingGroup',
        'COMMITMENT.OWNER_OF_OTHER_GROUP': 'ownerWorkingGroup',
      },
      flash: 'ansvarlig',
      write: async (ctx) => {
        const data = validate(reassignCommitmentData, { commitmentId: id, owner: ownerOfForm(body) });
        const current = lookups.commitment(this.catalog, id).owner;
        if (JSON.stringify(current) === JSON.stringify(data.owner)) throw this.unchanged('owner');
        await ctx.run('commitment', { type: 'ReassignCommitment', data });
      },
    });
  }

  @Access('group.record', resources.commitment())
  @Post('forpliktelser/:id/frist')
  changeDue(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.submit(req, res, id, {
      form: 'due',
      values: valuesOf(body, ['dueKind', 'dueMeeting', 'dueDate']),
      fields: DUE_FIELDS,
      codeFields: { 'MEETING.NOT_FOUND': 'dueMeeting', 'COMMITMENT.DUE_AT_OTHER_GROUP': 'dueMeeting' },
      flash: 'frist',
      write: async (ctx) => {
        const data = validate(changeCommitmentDueData, { commitmentId: id, due: dueOfForm(body) });
        const current = lookups.commitment(this.catalog, id).due;
        if (JSON.stringify(current) === JSON.stringify(data.due)) throw this.unchanged('due');
        await ctx.run('commitment', { type: 'ChangeCommitmentDue', data });
      },
    });
  }

  @Access('group.record', resources.commitment())
  @Post('forpliktelser/:id/trekk-tilbake')
  withdraw(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = valuesOf(body, ['reason', 'confirm']);
    return this.submit(req, res, id, {
      form: 'withdraw',
      values,
      fields: { reason: 'reason' },
      flash: 'trukket',
      messages: (m) => ({ confirm: m.commitment.withdrawConfirmMissing }),
      write: async (ctx) => {
        const data = validate(
          withdrawCommitmentData,
          { commitmentId: id, reason: blankToNull(text(body, 'reason')) },
          unticked(values),
        );
        await ctx.run('commitment', { type: 'WithdrawCommitment', data });
      },
    });
  }

  /** A change that would change nothing: refused beside its field, so the flash never says "saved" for nothing. */
  private unchanged(what: 'owner' | 'due'): DomainError {
    return what === 'owner'
      ? new DomainError('COMMITMENT.SAME_OWNER', 'Forpliktelsen har allerede denne ansvarlige', 'invalid', {
          field: 'owner',
        })
      : new DomainError('COMMITMENT.SAME_DUE', 'Forpliktelsen har allerede denne fristen', 'invalid', {
          field: 'due',
        });
  }

  private submit(req: Request, res: Response, id: string, change: Change): Promise<void> {
    lookups.commitment(this.catalog, id);
    const m = this.context(req, res).m;
    return submitForm(
      req,
      res,
      this.writes,
      m,
      change,
      `/forpliktelser/${seg(id)}?melding=${change.flash}`,
      (state, status) => this.render(req, res, id, null, state, status),
    );
  }

  private async render(
    req: Request,
    res: Response,
    id: string,
    flash: string | null,
    form: FormState | null,
    status: number,
  ): Promise<void> {
    lookups.commitment(this.catalog, id);
    const { events } = await this.queries.execute(
      new GetAuditTrail({ stream: commitmentStream(id) }, HISTORY_LIMIT),
    );
    const data = commitmentPage(this.catalog, id, events, new Date())!;
    // A refused form is drawn at its POST address, which has no page of its own: the language link names the page.
    const page = this.context(req, res, `/forpliktelser/${seg(id)}`);
    sendPage(res, commitmentView({ data, flash, form }, page), status);
  }
}
