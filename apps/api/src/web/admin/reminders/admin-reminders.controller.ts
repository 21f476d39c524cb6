import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { lookups, ValidationError } from '@tilneste/application';
import { DomainError, type CommandMetadata } from '@tilneste/domain-kit';
import { EVENT_STORE, type EventStore } from '@tilneste/event-store';
import { MAX_REMINDER_OFFSETS, setReminderPolicyData } from '@tilneste/groups';
import { ruleMessage, type Messages } from '@tilneste/i18n';
import { ReadModelHost } from '@tilneste/projections';
import { ReminderLedgerHost, requestReminderResend, requestReminderResendData } from '@tilneste/reminders';
import type { AuthenticatedRequest } from '../../../auth/access.service';
import { resources } from '../../../auth/resources';
import { Access } from '../../../http/auth.guard';
import { WriteService } from '../../../http/write.service';
import { seg } from '../../shared/format';
import { PageController } from '../../shared/page.base';
import { PageErrorFilter } from '../../shared/page-error.filter';
import { sendPage } from '../../shared/page-response';
import { adoptFormKey } from '../../shared/form-key';
import { fieldErrors, formValues, type FieldErrors } from '../form';
import { adminRemindersPage } from './admin-reminders.page-query';
import { adminRemindersView, rowKey, type AdminRemindersView } from './admin-reminders.view';
import { parseOffsets, type TypedOffset } from './reminder-offsets';

const FLASH = { tidspunkter: 'policySaved', 'sendes-igjen': 'resendDone' } as const;

/** The secretariat's reminders page: the group's policy, and every reminder, with "send again" for those needing attention. */
@Controller()
@UseFilters(PageErrorFilter)
export class AdminRemindersPageController extends PageController {
  constructor(
    readModels: ReadModelHost,
    private readonly ledger: ReminderLedgerHost,
    private readonly writes: WriteService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super(readModels);
  }

  @Access('group.manage', resources.group())
  @Get('grupper/:id/paminnelser')
  show(@Param('id') id: string, @Query('melding') flash: unknown, @Req() req: Request, @Res() res: Response) {
    const page = this.context(req, res);
    const key = typeof flash === 'string' && flash in FLASH ? FLASH[flash as keyof typeof FLASH] : null;
    this.render(req, res, id, {
      flash: key ? page.m.admin.reminders[key] : null,
      policy: null,
      resend: null,
    });
  }

  @Access('group.manage', resources.group())
  @Post('grupper/:id/paminnelser/tidspunkter')
  async policy(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    lookups.group(this.catalog, id);
    const values = formValues(body, ['mode', 'offsets']);
    const m = this.context(req, res).m;
    const refused = (errors: FieldErrors) =>
      this.render(req, res, id, { flash: null, policy: { values, errors }, resend: null }, 400);
    // No reminders is a choice of its own: an empty field is a field left empty, not a policy.
    let typed: TypedOffset[] = [];
    if (values.mode !== 'none') {
      const read = parseOffsets(values.offsets ?? '');
      if (read.bad !== null) return refused({ offsets: m.admin.reminders.invalidOffset(read.bad) });
      if (read.offsets.length === 0) return refused({ offsets: m.admin.reminders.offsetsMissing });
      if (read.offsets.length > MAX_REMINDER_OFFSETS)
        return refused({ offsets: m.admin.reminders.tooManyOffsets(MAX_REMINDER_OFFSETS) });
      typed = read.offsets;
    }
    const parsed = setReminderPolicyData.safeParse({ groupId: id, offsets: typed.map((o) => o.iso) });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: ['offsets'],
        message: i.message,
        code: i.code,
      }));
      return this.render(
        req,
        res,
        id,
        { flash: null, policy: { values, errors: fieldErrors(issues, m) }, resend: null },
        400,
      );
    }
    adoptFormKey(req);
    try {
      await this.writes.handle(req, res, async (ctx) => {
        const result = await ctx
          .as({ via: 'web' })
          .run('group', { type: 'SetReminderPolicy', data: parsed.data });
        return { status: 200, body: { id }, etag: result.revision };
      });
    } catch (error) {
      const errors = offsetError(error, m, typed);
      if (!errors) throw error;
      return this.render(req, res, id, { flash: null, policy: { values, errors }, resend: null }, 400);
    }
    res.redirect(303, `/grupper/${seg(id)}/paminnelser?melding=tidspunkter`);
  }

  @Access('group.manage', resources.group())
  @Post('grupper/:id/paminnelser/send-igjen')
  async resend(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    lookups.group(this.catalog, id);
    const values = formValues(body, ['meetingId', 'recipientId', 'offset', 'version', 'note']);
    const m = this.context(req, res).m;
    const parsed = requestReminderResendData.safeParse(values);
    const key = rowKey({ ...values, version: Number(values.version) } as never);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: i.path.map(String),
        message: i.message,
        code: i.code,
      }));
      const errors = fieldErrors(issues, m);
      // Only the note is the reader's to fix; anything else wrong is a request no page makes.
      if (!errors.note) throw new ValidationError(issues);
      return this.render(req, res, id, { flash: null, policy: null, resend: { key, values, errors } }, 400);
    }
    const meeting = lookups.meeting(this.catalog, parsed.data.meetingId);
    if (meeting.groupId !== id)
      throw new DomainError(
        'MEETING.NOT_FOUND',
        'Møtet finnes ikke i gruppen (not in this group)',
        'not_found',
      );
    const actor = (req as AuthenticatedRequest).actor ?? { kind: 'client' as const, id: 'anonymous' };
    const meta: CommandMetadata = {
      now: new Date().toISOString(),
      actor,
      via: 'web',
      correlationId: randomUUID(),
    };
    try {
      const { position } = await requestReminderResend(this.store, parsed.data, meta);
      await this.readModels.waitFor(position);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'REMINDER.NOT_NEEDING_ATTENTION') throw error;
      // Someone (or a second click) got there first: show the list as it is now, saying why nothing was done.
      const errors: FieldErrors = { _form: m.admin.form.conflict(ruleMessage(m, error) ?? error.message) };
      return this.render(
        req,
        res,
        id,
        { flash: null, policy: null, resend: null, problem: errors._form },
        409,
      );
    }
    res.redirect(303, `/grupper/${seg(id)}/paminnelser?melding=sendes-igjen#resend-requested`);
  }

  private render(
    req: Request,
    res: Response,
    groupId: string,
    view: Omit<AdminRemindersView, 'data'> & { problem?: string },
    status = 200,
  ) {
    lookups.group(this.catalog, groupId);
    // Its forms post to addresses of their own; refused, the page is still the group's reminders page.
    const page = this.context(req, res, `/grupper/${seg(groupId)}/paminnelser`);
    const data = adminRemindersPage(this.catalog, this.ledger.ledger, groupId, new Date());
    sendPage(res, adminRemindersView({ ...view, data }, page), status);
  }
}

/**
 * The decider's verdict on an offset, as a message next to the field quoting the time as it was typed (the
 * decider names its ISO form); null for any other error.
 */
function offsetError(error: unknown, m: Messages, typed: readonly TypedOffset[]): FieldErrors | null {
  if (!(error instanceof DomainError) || error.code !== 'GROUP.INVALID_REMINDER_OFFSET') return null;
  const details = error.details ?? {};
  const offset = typeof details.offset === 'string' ? details.offset : '';
  const r = m.admin.reminders;
  if (details.problem === 'too_many') return { offsets: r.tooManyOffsets(MAX_REMINDER_OFFSETS) };
  if (!offset) return { offsets: m.admin.form.invalid };
  const asTyped = [...typed].reverse().find((o) => o.iso === offset)?.typed ?? offset;
  if (details.problem === 'unparsable') return { offsets: r.invalidOffset(asTyped) };
  return { offsets: r.offsetRefused(asTyped, ruleMessage(m, error) ?? m.admin.form.invalid) };
}
