import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CarryOverPolicy, lookups, type CommandContext } from '@tilneste/application';
import { makeCommitmentData } from '@tilneste/commitments';
import { DomainError, zonedIsoString } from '@tilneste/domain-kit';
import { GROUP_TIME_ZONE } from '@tilneste/groups';
import type { Messages } from '@tilneste/i18n';
import { amendDecisionData, openMatterData, recordDecisionData } from '@tilneste/matters';
import { agendaAdditions } from './agenda-additions';
import {
  addAgendaItemData,
  cancelMeetingData,
  deferAgendaItemData,
  renumberAgendaItemData,
  holdMeetingData,
  approveMinutesData,
  recordAttendanceData,
  rescheduleMeetingData,
  scheduleMeetingData,
  withdrawAttendanceData,
} from '@tilneste/meetings';
import {
  agendaTitle,
  deferredItems,
  draftItemsToAdd,
  idsMergedInto,
  meetingAfter,
  newItemNumbers,
  previousMeeting,
  ReadModelHost,
} from '@tilneste/projections';
import { formWorkingGroupData } from '@tilneste/working-groups';
import { resources } from '../../auth/resources';
import { Access } from '../../http/auth.guard';
import { WriteService } from '../../http/write.service';
import { attachmentDisposition } from '../web-responses';
import { seg } from '../shared/format';
import { PageController } from '../shared/page.base';
import { PageErrorFilter } from '../shared/page-error.filter';
import { sendPage } from '../shared/page-response';
import { adoptFormKey } from '../shared/form-key';
import { submitForm, type FormSubmission } from '../shared/form-submit';
import { noticeDocx, noticeModel, noticeText } from './notice';
import {
  blankToNull,
  dateAndTime,
  formStateOf,
  formStatus,
  dueOfForm,
  ownerOfForm,
  numberOrNull,
  text,
  texts,
  validate,
  validateAll,
  unticked,
  valuesOf,
  type FieldMap,
  type FieldProblem,
  type FormState,
  type FormValues,
} from './record-form';
import { recordPage } from './record.page-query';
import { recordView } from './record.view';
import { scheduleView } from './schedule.view';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** One form's post (`submitForm`'s), the message after it, and where the page scrolls to afterwards. */
interface Submission extends FormSubmission {
  write: (ctx: CommandContext) => Promise<void>;
  flash: string;
  anchor: string;
}

/**
 * Recording a meeting in the browser (issue 14, items 1 and 3), for the group's secretariat and admins:
 * schedule, move or cancel it; build the agenda, deferred items of the last meeting offered first; record
 * attendance, decisions, commitments and working groups; mark it held; approve the previous minutes, or
 * record this meeting's as approved another way (by e-mail); amend a decision; and download the notice of a meeting. Every form posts one write through the
 * application layer with the API's own schemas, and a refused form comes back with its errors and
 * nothing stored.
 */
@Controller()
@UseFilters(PageErrorFilter)
export class RecordPageController extends PageController {
  constructor(
    readModels: ReadModelHost,
    private readonly writes: WriteService,
    private readonly carryOver: CarryOverPolicy,
  ) {
    super(readModels);
  }

  // --- schedule a meeting ---

  @Access('group.record', resources.group())
  @Get('grupper/:id/nytt-mote')
  scheduleForm(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    const group = lookups.group(this.catalog, id);
    sendPage(res, scheduleView({ group: { id, name: group.name }, form: null }, this.context(req, res)));
  }

  @Access('group.record', resources.group())
  @Post('grupper/:id/nytt-mote')
  async schedule(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const group = lookups.group(this.catalog, id);
    const values = valuesOf(body, ['title', 'date', 'startTime', 'endTime', 'location', 'online']);
    let meetingId = '';
    try {
      // The id comes from the answer, which a second post of the same form replays.
      ({ id: meetingId } = await this.write(req, res, async (ctx) => {
        const newId = ctx.newId();
        const { startsAt, endsAt, problems } = instants(values);
        const data = validate(
          scheduleMeetingData,
          {
            meetingId: newId,
            groupId: id,
            title: blankToNull(text(body, 'title')),
            startsAt,
            endsAt,
            location: blankToNull(text(body, 'location')),
            online: text(body, 'online') === 'on' ? true : null,
          },
          problems,
          ['startsAt', 'endsAt'],
        );
        await ctx.run('meeting', { type: 'ScheduleMeeting', data });
        return newId;
      }));
    } catch (error) {
      const page = this.context(req, res);
      const state = formStateOf(error, 'schedule', values, SCHEDULE_FIELDS, page.m, {
        'MEETING.ENDS_BEFORE_START': 'endTime',
      });
      if (!state) throw error;
      return sendPage(
        res,
        scheduleView({ group: { id, name: group.name }, form: state }, page),
        formStatus(error),
      );
    }
    res.redirect(303, `/moter/${seg(meetingId)}/registrer?melding=scheduled`);
  }

  // --- the record page ---

  @Access('group.record', resources.meeting())
  @Get('moter/:id/registrer')
  show(@Param('id') id: string, @Query('melding') flash: unknown, @Req() req: Request, @Res() res: Response) {
    lookups.meeting(this.catalog, id);
    this.render(req, res, id, typeof flash === 'string' ? flash : null, null, 200);
  }

  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/flytt')
  reschedule(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = valuesOf(body, ['date', 'startTime', 'endTime']);
    return this.submit(req, res, id, {
      form: 'reschedule',
      values,
      fields: SCHEDULE_FIELDS,
      codeFields: { 'MEETING.ENDS_BEFORE_START': 'endTime' },
      flash: 'rescheduled',
      anchor: 'details',
      write: async (ctx) => {
        const { startsAt, endsAt, problems } = instants(values);
        const data = validate(
          rescheduleMeetingData,
          { meetingId: id, startsAt, ...(endsAt ? { endsAt } : {}) },
          problems,
          ['startsAt', 'endsAt'],
        );
        await ctx.run('meeting', { type: 'RescheduleMeeting', data });
      },
    });
  }

  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/avlys')
  cancel(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = valuesOf(body, ['reason']);
    return this.submit(req, res, id, {
      form: 'cancel',
      values,
      fields: { reason: 'reason' },
      flash: 'cancelled',
      anchor: 'details',
      write: async (ctx) => {
        const data = validate(cancelMeetingData, {
          meetingId: id,
          reason: blankToNull(text(body, 'reason')),
        });
        await ctx.run('meeting', { type: 'CancelMeeting', data });
      },
    });
  }

  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/saker')
  addItem(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = valuesOf(body, ['number', 'title', 'kind']);
    return this.submit(req, res, id, {
      form: 'item',
      values,
      fields: { number: 'number', title: 'title', kind: 'kind' },
      codeFields: { 'MEETING.ITEM_NUMBER_TAKEN': 'number' },
      flash: 'item',
      anchor: 'agenda',
      write: async (ctx) => {
        const meeting = lookups.meeting(this.catalog, id);
        const typed = numberOrNull(text(body, 'number'));
        const data = validate(addAgendaItemData, {
          meetingId: id,
          itemId: ctx.newId(),
          number: typed ?? newItemNumbers(this.catalog, meeting, 1)[0],
          title: text(body, 'title'),
          kind: blankToNull(text(body, 'kind')),
        });
        // A number the secretariat typed is theirs to choose, before or after "Eventuelt".
        if (typed !== null) await ctx.run('meeting', { type: 'AddAgendaItem', data });
        else await ctx.runAll('meeting', agendaAdditions(meeting, [data]));
      },
    });
  }

  /** The chosen deferred items of the previous meeting, added together or not at all. */
  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/utsatte-saker')
  addDeferred(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = valuesOf(body, [], ['itemId']);
    return this.submit(req, res, id, {
      form: 'deferred',
      values,
      fields: {},
      flash: 'deferredAdded',
      anchor: 'agenda',
      write: async (ctx) => {
        const meeting = lookups.meeting(this.catalog, id);
        const offered = deferredItems(this.catalog, meeting.groupId, meeting);
        const chosen = offered.filter((d) => texts(body, 'itemId').includes(d.itemId));
        if (chosen.length === 0) validate(addAgendaItemData, null, [{ field: null, kind: 'choice' }]);
        const numbers = newItemNumbers(this.catalog, meeting, chosen.length);
        const items = chosen.map((d, i) =>
          validate(addAgendaItemData, {
            meetingId: id,
            itemId: ctx.newId(),
            number: numbers[i],
            title: d.title,
            kind: d.kind,
          }),
        );
        await ctx.runAll('meeting', agendaAdditions(meeting, items));
      },
    });
  }

  /**
   * The chosen items of the draft agenda (standard items, reports, follow-ups), added together or not at all,
   * with the numbers and words the draft gives them, so the agenda the notice set out is the one recorded.
   */
  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/fra-utkastet')
  addFromDraft(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = valuesOf(body, [], ['key']);
    const words = this.context(req, res).m.agenda.draft;
    return this.submit(req, res, id, {
      form: 'draft',
      values,
      fields: {},
      flash: 'draftAdded',
      anchor: 'agenda',
      write: async (ctx) => {
        const meeting = lookups.meeting(this.catalog, id);
        const offered = meeting.status === 'scheduled' ? draftItemsToAdd(this.catalog, meeting) : [];
        const chosen = offered.filter((d) => texts(body, 'key').includes(d.key));
        if (chosen.length === 0) validate(addAgendaItemData, null, [{ field: null, kind: 'choice' }]);
        const items = chosen.map((d) =>
          validate(addAgendaItemData, {
            meetingId: id,
            itemId: ctx.newId(),
            number: d.number,
            title: agendaTitle(d.wording, words),
            kind: d.kind,
            ...(d.commitmentId && { commitmentId: d.commitmentId }),
            ...(d.workingGroupId && { workingGroupId: d.workingGroupId }),
          }),
        );
        await ctx.runAll('meeting', agendaAdditions(meeting, items));
      },
    });
  }

  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/saker/:itemId/utsett')
  defer(@Param('id') id: string, @Param('itemId') itemId: string, @Req() req: Request, @Res() res: Response) {
    return this.submit(req, res, id, {
      form: `defer-${itemId}`,
      values: {},
      fields: {},
      flash: 'deferred',
      anchor: 'agenda',
      write: async (ctx) => {
        const data = validate(deferAgendaItemData, { meetingId: id, itemId });
        await ctx.run('meeting', { type: 'DeferAgendaItem', data });
      },
    });
  }

  /** Another number for an item, before the meeting; the one it has already is refused beside the field. */
  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/saker/:itemId/nummer')
  renumber(
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.submit(req, res, id, {
      form: `number-${itemId}`,
      values: valuesOf(body, ['number']),
      fields: { number: 'number' },
      codeFields: { 'MEETING.ITEM_NUMBER_TAKEN': 'number', 'MEETING.ITEM_SAME_NUMBER': 'number' },
      flash: 'renumbered',
      anchor: `item-${itemId}`,
      write: async (ctx) => {
        const data = validate(renumberAgendaItemData, {
          meetingId: id,
          itemId,
          number: numberOrNull(text(body, 'number')),
        });
        const item = lookups.meeting(this.catalog, id).items.find((i) => i.itemId === itemId);
        if (item?.number === data.number)
          throw new DomainError('MEETING.ITEM_SAME_NUMBER', 'Saken har allerede dette nummeret', 'invalid', {
            field: 'number',
          });
        await ctx.run('meeting', { type: 'RenumberAgendaItem', data });
      },
    });
  }

  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/oppmote')
  attendance(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = valuesOf(body, ['personId', 'remote', 'substituteFor']);
    return this.submit(req, res, id, {
      form: 'attendance',
      values,
      fields: { personId: 'personId', substituteFor: 'substituteFor', remote: 'remote' },
      codeFields: { 'MEETING.INVALID_SUBSTITUTE': 'substituteFor' },
      flash: 'attendance',
      anchor: 'attendance',
      write: async (ctx) => {
        const data = validate(recordAttendanceData, {
          meetingId: id,
          personId: text(body, 'personId'),
          remote: text(body, 'remote') === 'on',
          substituteFor: blankToNull(text(body, 'substituteFor')),
        });
        await ctx.run('meeting', { type: 'RecordAttendance', data });
      },
    });
  }

  /** Attendance recorded by mistake, taken back (also under the ids of people merged into the person). */
  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/oppmote/:personId/fjern')
  withdrawAttendance(
    @Param('id') id: string,
    @Param('personId') personId: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.submit(req, res, id, {
      form: `withdraw-${personId}`,
      values: {},
      fields: {},
      flash: 'attendanceWithdrawn',
      anchor: 'attendance',
      write: async (ctx) => {
        const data = validate(withdrawAttendanceData, {
          meetingId: id,
          personId,
          mergedIds: idsMergedInto(this.catalog, personId),
        });
        await ctx.run('meeting', { type: 'WithdrawAttendance', data });
      },
    });
  }

  /** A decision on an item, on a matter of the group or on a new one opened with it, in one batch. */
  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/vedtak')
  decision(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = valuesOf(body, ['agendaItemId', 'matterId', 'matterTitle', 'text', 'kind']);
    const itemId = this.itemOf(id, text(body, 'agendaItemId'));
    return this.submit(req, res, id, {
      form: `decision-${itemId}`,
      values,
      fields: { matterId: 'matterId', title: 'matterTitle', text: 'text', kind: 'kind' },
      codeFields: { 'MATTER.NOT_FOUND': 'matterId', 'MATTER.CLOSED': 'matterId' },
      flash: 'decision',
      anchor: 'decisions',
      write: async (ctx) => {
        const meeting = lookups.meeting(this.catalog, id);
        const existing = blankToNull(text(body, 'matterId'));
        if (existing) this.matterOfGroup(existing, meeting.groupId);
        const matterId = existing ?? ctx.newId();
        const decision = () =>
          validate(recordDecisionData, {
            matterId,
            decisionId: ctx.newId(),
            meetingId: id,
            agendaItemId: itemId,
            text: text(body, 'text'),
            kind: text(body, 'kind'),
          });
        if (existing) {
          await ctx.run('matter', { type: 'RecordDecision', data: decision() });
          return;
        }
        const open = () =>
          validate(openMatterData, { matterId, groupId: meeting.groupId, title: text(body, 'matterTitle') });
        validateAll([open, decision]);
        await ctx.runAll('matter', [
          { type: 'OpenMatter', data: open() },
          { type: 'RecordDecision', data: decision() },
        ]);
      },
    });
  }

  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/forpliktelser')
  commitment(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = valuesOf(body, [
      'agendaItemId',
      'text',
      'ownerKind',
      'ownerPerson',
      'ownerWorkingGroup',
      'dueKind',
      'dueMeeting',
      'dueDate',
    ]);
    const itemId = this.itemOf(id, text(body, 'agendaItemId'));
    return this.submit(req, res, id, {
      form: `commitment-${itemId}`,
      values,
      fields: {
        text: 'text',
        owner: 'ownerKind',
        'owner.kind': 'ownerKind',
        'owner.personId': 'ownerPerson',
        'owner.workingGroupId': 'ownerWorkingGroup',
        due: 'dueKind',
        'due.kind': 'dueKind',
        'due.meetingId': 'dueMeeting',
        'due.date': 'dueDate',
      },
      codeFields: {
        'WORKING_GROUP.NOT_FOUND': 'ownerWorkingGroup',
        'COMMITMENT.OWNER_OF_OTHER_GROUP': 'ownerWorkingGroup',
        'MEETING.NOT_FOUND': 'dueMeeting',
        'COMMITMENT.DUE_AT_OTHER_GROUP': 'dueMeeting',
      },
      flash: 'commitment',
      anchor: `item-${itemId}`,
      write: async (ctx) => {
        const meeting = lookups.meeting(this.catalog, id);
        const data = validate(makeCommitmentData, {
          commitmentId: ctx.newId(),
          groupId: meeting.groupId,
          meetingId: id,
          agendaItemId: itemId,
          matterId: null,
          text: text(body, 'text'),
          owner: ownerOfForm(body),
          due: dueOfForm(body),
        });
        await ctx.run('commitment', { type: 'MakeCommitment', data });
      },
    });
  }

  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/arbeidsgrupper')
  workingGroup(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = valuesOf(body, ['agendaItemId', 'name', 'leadPersonId', 'mandate'], ['memberIds']);
    const itemId = this.itemOf(id, text(body, 'agendaItemId'));
    return this.submit(req, res, id, {
      form: `wg-${itemId}`,
      values,
      fields: { name: 'name', leadPersonId: 'leadPersonId', memberIds: 'memberIds', mandate: 'mandate' },
      flash: 'workingGroup',
      anchor: `item-${itemId}`,
      write: async (ctx) => {
        const meeting = lookups.meeting(this.catalog, id);
        const data = validate(formWorkingGroupData, {
          workingGroupId: ctx.newId(),
          groupId: meeting.groupId,
          name: text(body, 'name'),
          leadPersonId: blankToNull(text(body, 'leadPersonId')),
          memberIds: texts(body, 'memberIds'),
          mandate: blankToNull(text(body, 'mandate')),
          meetingId: id,
        });
        await ctx.run('workingGroup', { type: 'FormWorkingGroup', data });
      },
    });
  }

  /**
   * Held: the carry-over policy carries what is still open and due here; the page waits for it. It cannot be
   * undone, so the form asks for a ticked box first; without it nothing is stored.
   */
  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/avholdt')
  hold(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = valuesOf(body, ['confirm']);
    return this.submit(req, res, id, {
      form: 'hold',
      values,
      fields: {},
      flash: 'held',
      anchor: 'documents',
      messages: (m) => ({ confirm: m.record.status.holdConfirmMissing }),
      write: async (ctx) => {
        const data = validate(holdMeetingData, { meetingId: id }, unticked(values));
        const result = await ctx.run('meeting', { type: 'HoldMeeting', data });
        if (result.position !== undefined) await this.carryOver.settled(result.position);
      },
    });
  }

  /** The minutes of the group's previous held meeting, approved at this one. */
  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/godkjenn-referat')
  approve(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    return this.submit(req, res, id, {
      form: 'approve',
      values: {},
      fields: {},
      flash: 'approved',
      anchor: 'minutes-approval',
      write: async (ctx) => {
        const meeting = lookups.meeting(this.catalog, id);
        const previous = previousMeeting(this.catalog, meeting.groupId, meeting);
        if (!previous)
          throw new DomainError(
            'MEETING.NO_PREVIOUS',
            'Det er ikke noe tidligere møte (no previous meeting)',
            'invalid',
          );
        const data = validate(approveMinutesData, { meetingId: previous.id, atMeetingId: id });
        await ctx.run('meeting', { type: 'ApproveMinutes', data });
      },
    });
  }

  /**
   * This meeting's minutes, approved another way than at a meeting (by e-mail, by circulation): the same
   * command with no meeting. It cannot be undone, so the form asks for a ticked box first.
   */
  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/referat-godkjent')
  approveOtherwise(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const values = valuesOf(body, ['confirm']);
    return this.submit(req, res, id, {
      form: 'approve-otherwise',
      values,
      fields: {},
      // The rules' refusals go beside the box: it is the form's only field.
      codeFields: { 'MEETING.NOT_HELD': 'confirm', 'MEETING.MINUTES_ALREADY_APPROVED': 'confirm' },
      flash: 'approvedOtherwise',
      anchor: 'own-minutes',
      messages: (m) => ({ confirm: m.record.status.approveOtherwiseMissing }),
      write: async (ctx) => {
        const data = validate(approveMinutesData, { meetingId: id, atMeetingId: null }, unticked(values));
        await ctx.run('meeting', { type: 'ApproveMinutes', data });
      },
    });
  }

  @Access('group.record', resources.meeting())
  @Post('moter/:id/registrer/vedtak/:matterId/:decisionId/endre')
  amend(
    @Param('id') id: string,
    @Param('matterId') matterId: string,
    @Param('decisionId') decisionId: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const meeting = lookups.meeting(this.catalog, id);
    this.matterOfGroup(matterId, meeting.groupId, false);
    const values = valuesOf(body, ['text', 'reason']);
    return this.submit(req, res, id, {
      form: `amend-${decisionId}`,
      values,
      fields: { text: 'text', reason: 'reason' },
      codeFields: { 'MATTER.AMENDMENT_UNCHANGED': 'text' },
      flash: 'amended',
      anchor: 'decisions',
      write: async (ctx) => {
        // Amended from this meeting's record: the minutes of this meeting then read as amended.
        const data = validate(amendDecisionData, {
          matterId,
          decisionId,
          meetingId: id,
          text: text(body, 'text'),
          reason: text(body, 'reason'),
        });
        await ctx.run('matter', { type: 'AmendDecision', data });
      },
    });
  }

  // --- the notice of a meeting ---

  @Access('group.record', resources.meeting())
  @Get('moter/:id/innkalling.docx')
  async noticeDocx(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const { m } = this.context(req, res);
    const model = this.notice(id, m);
    const buffer = await noticeDocx(model, m);
    res
      .status(200)
      .type(DOCX)
      .setHeader(
        'Content-Disposition',
        attachmentDisposition(m.record.notice.filename(model.startsAt.slice(0, 10))),
      )
      .setHeader('Cache-Control', 'no-store')
      .send(buffer);
  }

  @Access('group.record', resources.meeting())
  @Get('moter/:id/innkalling.txt')
  noticeText(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const { m } = this.context(req, res);
    const model = this.notice(id, m);
    res
      .status(200)
      .type('text/plain; charset=utf-8')
      .setHeader('Cache-Control', 'no-store')
      .send(noticeText(model, m));
  }

  // --- shared ---

  private notice(id: string, m: Messages) {
    lookups.meeting(this.catalog, id);
    const model = noticeModel(this.catalog, id, m.agenda.draft);
    if (!model)
      throw new DomainError('MEETING.CANCELLED', 'Møtet er avlyst (the meeting is cancelled)', 'not_found');
    return model;
  }

  private render(
    req: Request,
    res: Response,
    id: string,
    flash: string | null,
    form: FormState | null,
    status: number,
  ) {
    // Each form posts to an address of its own; refused, the page is still the meeting's record page.
    const page = this.context(req, res, `/moter/${seg(id)}/registrer`);
    const data = recordPage(this.catalog, id, new Date())!;
    const meeting = this.catalog.meetings.get(id)!;
    // Held: the notice of the meeting after it; still ahead: its own.
    const noticeFor =
      meeting.status === 'held'
        ? meetingAfter(this.catalog, meeting)
        : meeting.status === 'scheduled'
          ? meeting
          : undefined;
    const model = noticeFor ? noticeModel(this.catalog, noticeFor.id, page.m.agenda.draft) : undefined;
    sendPage(
      res,
      recordView(
        {
          data,
          flash: flash ? (page.m.record.flash[flash] ?? null) : null,
          form,
          noticeMeetingId: model?.meetingId ?? null,
          notice: model ?? null,
        },
        page,
      ),
      status,
    );
  }

  /**
   * Runs one form's write as the signed-in person, through the web (`submitForm`); then back to the page, or,
   * refused, the page again with the form's errors and nothing stored.
   */
  private submit(req: Request, res: Response, id: string, s: Submission): Promise<void> {
    lookups.meeting(this.catalog, id);
    return submitForm(
      req,
      res,
      this.writes,
      this.context(req, res).m,
      s,
      `/moter/${seg(id)}/registrer?melding=${s.flash}#${s.anchor}`,
      (state, status) => this.render(req, res, id, null, state, status),
    );
  }

  /**
   * One form's write through the API's write path, as from the web; the form's key makes a second post of
   * it (a double click) answer as the first did, recording nothing new. The answer carries the id the
   * write returns, if any, so a replay redirects where the first post did.
   */
  private write(
    req: Request,
    res: Response,
    write: (ctx: CommandContext) => Promise<string | void>,
  ): Promise<{ id: string }> {
    adoptFormKey(req);
    return this.writes.handle(req, res, async (ctx) => {
      const id = await write(ctx.as({ via: 'web' }));
      return { status: 303, body: { id: id ?? '' } };
    });
  }

  /** The item a form names must be on this meeting's agenda. */
  private itemOf(meetingId: string, itemId: string): string {
    const meeting = lookups.meeting(this.catalog, meetingId);
    if (!meeting.items.some((i) => i.itemId === itemId))
      throw new DomainError(
        'MEETING.ITEM_NOT_FOUND',
        'Saken finnes ikke på sakslisten (no such item)',
        'not_found',
      );
    return itemId;
  }

  /** A matter named by a form must be of the meeting's group: access was checked for that group only. */
  private matterOfGroup(matterId: string, groupId: string, asField = true): void {
    const matter = this.catalog.matters.get(matterId);
    if (!matter || matter.groupId !== groupId)
      throw new DomainError(
        'MATTER.NOT_FOUND',
        `Saken ${matterId} finnes ikke i gruppen`,
        'not_found',
        asField ? { field: 'matterId' } : undefined,
      );
  }
}

const SCHEDULE_FIELDS: FieldMap = {
  title: 'title',
  location: 'location',
  online: 'online',
  startsAt: 'startTime',
  endsAt: 'endTime',
};

/** The date and times of a meeting form as instants in the group's zone, or what is wrong with them. */
function instants(values: FormValues): { startsAt: string; endsAt: string | null; problems: FieldProblem[] } {
  const s = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const start = dateAndTime(s('date'), s('startTime'), { date: 'date', time: 'startTime' }, true);
  const end = s('endTime').trim()
    ? dateAndTime(s('date'), s('endTime'), { date: 'date', time: 'endTime' }, true)
    : null;
  const problems = [...(Array.isArray(start) ? start : []), ...(Array.isArray(end) ? end : [])].filter(
    (p, i, all) => all.findIndex((q) => q.field === p.field) === i,
  );
  const iso = (parts: { date: string; time: string }) =>
    zonedIsoString(parts.date, parts.time, GROUP_TIME_ZONE);
  return {
    startsAt: Array.isArray(start) ? '' : iso(start),
    endsAt: end && !Array.isArray(end) ? iso(end) : null,
    problems,
  };
}
