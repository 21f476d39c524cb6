import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { lookups } from '@tilneste/application';
import { DomainError } from '@tilneste/domain-kit';
import { ReadModelHost } from '@tilneste/projections';
import {
  addWorkingGroupMemberData,
  changeWorkingGroupLeadData,
  dissolveWorkingGroupData,
  removeWorkingGroupMemberData,
  reportWorkingGroupStatusData,
} from '@tilneste/working-groups';
import { GetWorkingGroup } from '../../queries/queries';
import { blankToNull, text, validate, unticked, valuesOf, type FormState } from '../record/record-form';
import { seg } from '../shared/format';
import { submitForm, type FormSubmission } from '../shared/form-submit';
import { PageController } from '../shared/page.base';
import { PageErrorFilter } from '../shared/page-error.filter';
import { sendPage } from '../shared/page-response';
import { workingGroupView, type WorkingGroupForm } from './working-group.view';
import { Access } from '../../http/auth.guard';
import { personResource, resources } from '../../auth/resources';
import { WriteService } from '../../http/write.service';

/** A form of the page (`submitForm`'s), and the message after it. */
interface Change extends FormSubmission {
  form: WorkingGroupForm;
  flash: 'status' | 'leder' | 'medlem' | 'fjernet' | 'avviklet';
}

/**
 * A working group's status, members and commitments, for everyone in its group and for its lead (who may come
 * from outside it); its lead or the group's secretariat reports its status, and the secretariat changes its
 * lead and members and dissolves it here, as the API's routes do.
 */
@Controller()
@UseFilters(PageErrorFilter)
export class WorkingGroupPageController extends PageController {
  constructor(
    readModels: ReadModelHost,
    private readonly queries: QueryBus,
    private readonly writes: WriteService,
  ) {
    super(readModels);
  }

  @Access('group.read', resources.workingGroupWithLead())
  @Get('arbeidsgrupper/:id')
  async show(
    @Param('id') id: string,
    @Query('melding') flash: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.render(req, res, id, typeof flash === 'string' ? flash : null, null, 200);
  }

  /**
   * The page with its status form open and focused: an address for "report the status" that needs no
   * `#status` fragment, which a browser keeps from the server and so loses on the way through signing in.
   */
  @Access('group.read', resources.workingGroupWithLead())
  @Get('arbeidsgrupper/:id/status')
  async showStatus(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    await this.render(req, res, id, null, null, 200, true);
  }

  @Access('working-group.report', resources.workingGroupWithLead())
  @Post('arbeidsgrupper/:id/status')
  reportStatus(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.submit(req, res, id, {
      form: 'status',
      values: valuesOf(body, ['status', 'text']),
      fields: { status: 'status', text: 'text' },
      flash: 'status',
      write: async (ctx) => {
        const data = validate(reportWorkingGroupStatusData, {
          workingGroupId: id,
          meetingId: null,
          status: text(body, 'status'),
          text: blankToNull(text(body, 'text')),
        });
        await ctx.run('workingGroup', { type: 'ReportWorkingGroupStatus', data });
      },
    });
  }

  @Access('group.record', resources.workingGroup())
  @Post('arbeidsgrupper/:id/leder')
  changeLead(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.submit(req, res, id, {
      form: 'lead',
      values: valuesOf(body, ['leadPersonId']),
      fields: { leadPersonId: 'leadPersonId' },
      codeFields: { 'PERSON.NOT_FOUND': 'leadPersonId' },
      flash: 'leder',
      write: async (ctx) => {
        const data = validate(changeWorkingGroupLeadData, {
          workingGroupId: id,
          leadPersonId: blankToNull(text(body, 'leadPersonId')),
        });
        if (lookups.workingGroup(this.catalog, id).leadPersonId === data.leadPersonId)
          throw new DomainError(
            'WORKING_GROUP.SAME_LEAD',
            'Arbeidsgruppen har allerede denne lederen',
            'invalid',
            {
              field: 'leadPersonId',
            },
          );
        await ctx.run('workingGroup', { type: 'ChangeWorkingGroupLead', data });
      },
    });
  }

  @Access('group.record', resources.workingGroup())
  @Post('arbeidsgrupper/:id/medlemmer')
  addMember(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.submit(req, res, id, {
      form: 'add-member',
      values: valuesOf(body, ['personId']),
      fields: { personId: 'personId' },
      codeFields: { 'PERSON.NOT_FOUND': 'personId' },
      flash: 'medlem',
      write: async (ctx) => {
        const data = validate(addWorkingGroupMemberData, {
          workingGroupId: id,
          personId: text(body, 'personId'),
        });
        await ctx.run('workingGroup', { type: 'AddWorkingGroupMember', data });
      },
    });
  }

  @Access('group.record', resources.workingGroup())
  @Post('arbeidsgrupper/:id/medlemmer/fjern')
  removeMember(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.submit(req, res, id, {
      form: 'remove-member',
      values: valuesOf(body, ['personId']),
      fields: { personId: 'personId' },
      codeFields: {
        'WORKING_GROUP.NOT_A_MEMBER': 'personId',
        'WORKING_GROUP.CANNOT_REMOVE_LEAD': 'personId',
      },
      flash: 'fjernet',
      write: async (ctx) => {
        const data = validate(removeWorkingGroupMemberData, {
          workingGroupId: id,
          personId: text(body, 'personId'),
        });
        await ctx.run('workingGroup', { type: 'RemoveWorkingGroupMember', data });
      },
    });
  }

  @Access('group.record', resources.workingGroup())
  @Post('arbeidsgrupper/:id/avvikle')
  dissolve(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = valuesOf(body, ['reason', 'confirm']);
    return this.submit(req, res, id, {
      form: 'dissolve',
      values,
      fields: { reason: 'reason' },
      flash: 'avviklet',
      messages: (m) => ({ confirm: m.workingGroup.dissolveConfirmMissing }),
      write: async (ctx) => {
        const data = validate(
          dissolveWorkingGroupData,
          { workingGroupId: id, reason: blankToNull(text(body, 'reason')) },
          unticked(values),
        );
        await ctx.run('workingGroup', { type: 'DissolveWorkingGroup', data });
      },
    });
  }

  private submit(req: Request, res: Response, id: string, change: Change): Promise<void> {
    lookups.workingGroup(this.catalog, id);
    const m = this.context(req, res).m;
    return submitForm(
      req,
      res,
      this.writes,
      m,
      change,
      `/arbeidsgrupper/${seg(id)}?melding=${change.flash}`,
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
    statusFirst = false,
  ): Promise<void> {
    const data = await this.queries.execute(new GetWorkingGroup(id, new Date()));
    const group = this.catalog.groups.get(data.groupId);
    // Who the forms offer: the group's members by name (a lead or member from outside the group stays listed).
    const groupMembers = [...(group?.members.keys() ?? [])]
      .map((pid) => this.catalog.people.get(pid))
      .filter((p) => p !== undefined)
      .map((p) => ({ id: p.id, name: p.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    // A refused form is drawn at its POST address: the language link names the page.
    const page = this.context(req, res, `/arbeidsgrupper/${seg(id)}${statusFirst ? '/status' : ''}`);
    const readablePeople = new Set(
      [...(data.lead ? [data.lead] : []), ...data.members]
        .map((p) => p.id)
        .filter((pid) => {
          // The task list's own check: a person unknown to the catalogue is no link either.
          const person = personResource(this.catalog, pid);
          return person.kind === 'person' && page.may('person.read', person);
        }),
    );
    sendPage(
      res,
      workingGroupView({ ...data, groupName: group?.name ?? '', readablePeople }, page, {
        flash,
        form,
        groupMembers,
        statusFirst,
      }),
      status,
    );
  }
}
