import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Action, Actions, Resource } from '@tilneste/access';
import { lookups, MergedMembershipsPolicy, type IssueView } from '@tilneste/application';
import { DomainError } from '@tilneste/domain-kit';
import { addMemberData, establishGroupData, removeMemberData } from '@tilneste/groups';
import { ruleMessage, type Messages } from '@tilneste/i18n';
import { changePersonDetailsData, mergePersonData, registerPersonData } from '@tilneste/people';
import { ReadModelHost, survivingPersonId } from '@tilneste/projections';
import type { z } from 'zod';
import { AccessService, type AuthenticatedRequest } from '../../../auth/access.service';
import { groupResource, membershipsOf, personResource, resources } from '../../../auth/resources';
import { Access } from '../../../http/auth.guard';
import { WriteService } from '../../../http/write.service';
import { personPagePath } from '../../../people/merged-person';
import { seg } from '../../shared/format';
import { personName } from '../../shared/parts';
import { PageController } from '../../shared/page.base';
import { PageErrorFilter } from '../../shared/page-error.filter';
import { sendPage } from '../../shared/page-response';
import { adoptFormKey } from '../../shared/form-key';
import { fieldErrors, formValues, type FieldErrors, type FormValues } from '../form';
import { adminPeoplePage, membershipPage } from './admin-people.page-query';
import { adminPeopleView, type AdminPeopleView, type PeopleForm } from './admin-people.view';
import { membershipView, type MembershipForm } from './membership.view';

const issuesOf = (error: z.ZodError): IssueView[] =>
  error.issues.map((i) => ({ path: i.path.map(String), message: i.message, code: i.code }));

/** An optional text field left empty is absent, as the API's JSON would leave it out. */
const optional = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value;

/**
 * People and groups for the secretariat and admins: establish a group (admins), add people and members,
 * change a member's role or remove them, fix missing e-mail, merge duplicates.
 */
@Controller()
@UseFilters(PageErrorFilter)
export class AdminPeoplePageController extends PageController {
  constructor(
    readModels: ReadModelHost,
    private readonly writes: WriteService,
    private readonly access: AccessService,
    private readonly mergedMemberships: MergedMembershipsPolicy,
  ) {
    super(readModels);
  }

  @Access('person.register')
  @Get('personer')
  show(
    @Query('melding') flash: unknown,
    @Query('person') person: unknown,
    @Query('gruppe') group: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const m = this.context(req, res).m;
    const newGroupId = flash === 'gruppe' && typeof group === 'string' ? group : null;
    this.render(req, res, { flash: this.flashText(m, flash, person, group), back: null, newGroupId });
  }

  /** A new standing group, as `POST /api/groups`: for admins only. Its next step is adding members. */
  @Access('system.admin')
  @Post('personer/ny-gruppe')
  async establish(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = formValues(body, ['name']);
    const input = { name: values.name ?? '' };
    const checked = establishGroupData.safeParse({ groupId: 'checked-before-an-id-is-made', ...input });
    if (!checked.success)
      return this.back(req, res, 'group', values, fieldErrors(issuesOf(checked.error), this.m(req, res)));
    adoptFormKey(req);
    // The id comes from the answer, which a second post of the same form replays.
    const { id: groupId } = await this.writes.handle(req, res, async (ctx) => {
      const id = ctx.newId();
      const data = establishGroupData.parse({ groupId: id, ...input });
      const result = await ctx.as({ via: 'web' }).run('group', { type: 'EstablishGroup', data });
      return { status: 201, body: { id }, etag: result.revision };
    });
    res.redirect(303, `/personer?melding=gruppe&gruppe=${seg(groupId)}`);
  }

  /** One member's place in a group: change the role, or remove them (group.manage on that group). */
  @Access('group.manage', resources.group('groupId'))
  @Get('personer/:id/grupper/:groupId')
  membership(
    @Param('id') personId: string,
    @Param('groupId') groupId: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    this.renderMembership(req, res, personId, groupId, null);
  }

  /** The same command as adding a member: for one already in the group the decider records `MemberRoleChanged`. */
  @Access('group.manage', resources.group('groupId'))
  @Post('personer/:id/grupper/:groupId/rolle')
  async changeRole(
    @Param('id') personId: string,
    @Param('groupId') groupId: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    // Only a current member's role is changed here: a stale page must not add someone who has left.
    membershipPage(this.catalog, personId, groupId);
    const values = formValues(body, ['role']);
    const m = this.m(req, res);
    const parsed = addMemberData.safeParse({ groupId, personId, role: values.role ?? '' });
    if (!parsed.success)
      return this.renderMembership(req, res, personId, groupId, {
        form: 'role',
        values,
        errors: fieldErrors(issuesOf(parsed.error), m),
      });
    const refused = await this.attempt(
      req,
      res,
      (ctx) => ctx.run('group', { type: 'AddMember', data: parsed.data }),
      m,
      'role',
    );
    if (refused)
      return this.renderMembership(
        req,
        res,
        personId,
        groupId,
        { form: 'role', values, errors: refused },
        409,
      );
    res.redirect(303, this.afterMembershipChange(req, 'rolle', personId, groupId));
  }

  @Access('group.manage', resources.group('groupId'))
  @Post('personer/:id/grupper/:groupId/fjern')
  async removeMember(
    @Param('id') personId: string,
    @Param('groupId') groupId: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    // No check that they are still a member before the write: a second post of the same form (its key) is
    // answered as the first was, after they have left. Without a key, the decider refuses it.
    const values = formValues(body, ['confirm']);
    const m = this.m(req, res);
    const parsed = removeMemberData.safeParse({ groupId, personId });
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(issuesOf(parsed.error), m);
    if (values.confirm !== 'on') errors.confirm = m.admin.people.removeConfirmMissing;
    if (!parsed.success || Object.keys(errors).length > 0)
      return this.renderMembership(req, res, personId, groupId, { form: 'remove', values, errors });
    const refused = await this.attempt(
      req,
      res,
      (ctx) => ctx.run('group', { type: 'RemoveMember', data: parsed.data }),
      m,
      'confirm',
    );
    if (refused)
      return this.renderMembership(
        req,
        res,
        personId,
        groupId,
        { form: 'remove', values, errors: refused },
        409,
      );
    res.redirect(303, this.afterMembershipChange(req, 'fjernet', personId, groupId));
  }

  /**
   * A person's page by id is their task list. The id of a record merged into another leads to the person
   * who remains, whose page then says so; the reader needs the right to see that person.
   */
  @Access('person.read', (req, catalog) =>
    personResource(catalog, survivingPersonId(catalog, String((req.params as Record<string, unknown>).id))),
  )
  @Get('personer/:id')
  person(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const survivor = survivingPersonId(this.catalog, id);
    lookups.person(this.catalog, survivor);
    const { search } = new URL(req.originalUrl, 'http://tilneste.invalid');
    res.redirect(303, personPagePath(survivor, survivor === id ? null : id, search));
  }

  @Access('person.register')
  @Post('personer/ny')
  async add(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = formValues(body, ['name', 'email', 'organisation']);
    const input = {
      name: values.name ?? '',
      email: optional(values.email),
      organisation: optional(values.organisation),
    };
    const checked = registerPersonData.safeParse({ personId: 'checked-before-an-id-is-made', ...input });
    if (!checked.success)
      return this.back(req, res, 'add', values, fieldErrors(issuesOf(checked.error), this.m(req, res)));
    adoptFormKey(req);
    // The id comes from the answer, which a second post of the same form replays.
    const { id: personId } = await this.writes.handle(req, res, async (ctx) => {
      const id = ctx.newId();
      const data = registerPersonData.parse({ personId: id, ...input });
      const result = await ctx.as({ via: 'web' }).run('person', { type: 'RegisterPerson', data });
      return { status: 201, body: { id }, etag: result.revision };
    });
    res.redirect(303, `/personer?melding=lagt-til&person=${seg(personId)}#add-person`);
  }

  @Access('person.register')
  @Post('personer/medlem')
  async member(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = formValues(body, ['personId', 'groupId', 'role']);
    const parsed = addMemberData.safeParse({
      personId: values.personId ?? '',
      groupId: values.groupId ?? '',
      role: values.role ?? '',
    });
    const m = this.m(req, res);
    if (!parsed.success) return this.back(req, res, 'member', values, fieldErrors(issuesOf(parsed.error), m));
    this.check(
      req,
      'group.manage',
      groupResource(this.catalog, parsed.data.groupId) as Resource & { kind: Actions['group.manage'] },
    );
    const refused = await this.attempt(
      req,
      res,
      (ctx) => ctx.run('group', { type: 'AddMember', data: parsed.data }),
      m,
      'personId',
    );
    if (refused) return this.back(req, res, 'member', values, refused, 409);
    res.redirect(
      303,
      `/personer?melding=medlem&person=${seg(parsed.data.personId)}&gruppe=${seg(parsed.data.groupId)}#add-member`,
    );
  }

  @Access('person.edit', resources.person())
  @Post('personer/:id/epost')
  async email(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = formValues(body, ['email']);
    const m = this.m(req, res);
    const form: PeopleForm = `email-${id}`;
    if (!optional(values.email)) return this.back(req, res, form, values, { email: m.admin.form.required });
    const parsed = changePersonDetailsData.safeParse({ personId: id, email: values.email });
    if (!parsed.success) return this.back(req, res, form, values, fieldErrors(issuesOf(parsed.error), m));
    const refused = await this.attempt(
      req,
      res,
      (ctx) => ctx.run('person', { type: 'ChangePersonDetails', data: parsed.data }),
      m,
      'email',
    );
    if (refused) return this.back(req, res, form, values, refused, 409);
    res.redirect(303, `/personer?melding=epost&person=${seg(id)}#no-email`);
  }

  @Access('person.register')
  @Post('personer/sla-sammen')
  async merge(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const values = formValues(body, ['personId', 'intoPersonId']);
    const m = this.m(req, res);
    const parsed = mergePersonData.safeParse({
      personId: values.personId ?? '',
      intoPersonId: values.intoPersonId ?? '',
    });
    if (!parsed.success) {
      const errors = fieldErrors(issuesOf(parsed.error), m, (issue) =>
        issue.code === 'custom' ? m.admin.people.samePerson : null,
      );
      return this.back(req, res, 'merge', values, errors);
    }
    // Both records change hands: the reader must be allowed to edit each of them.
    for (const id of [parsed.data.personId, parsed.data.intoPersonId])
      this.check(
        req,
        'person.edit',
        personResource(this.catalog, id) as Resource & { kind: Actions['person.edit'] },
      );
    const refused = await this.attempt(
      req,
      res,
      async (ctx) => {
        const result = await ctx.run('person', { type: 'MergePerson', data: parsed.data });
        // The next form may remove or re-role the one who remains: their groups' streams must know them by then.
        if (result.position !== undefined) await this.mergedMemberships.settled(result.position);
        return result;
      },
      m,
      'personId',
    );
    if (refused) return this.back(req, res, 'merge', values, refused, 409);
    res.redirect(303, `/personer?melding=sammenslatt&person=${seg(parsed.data.intoPersonId)}#merge`);
  }

  private m(req: Request, res: Response): Messages {
    return this.context(req, res).m;
  }

  private check<A extends Action>(req: Request, action: A, resource: Resource & { kind: Actions[A] }) {
    const principal = (req as AuthenticatedRequest).principal;
    if (!principal) throw new DomainError('AUTH.REQUIRED', 'ingen tilgang (no access)', 'not_found');
    this.access.check(principal, action, resource);
  }

  /**
   * Runs one command through the API's write path, as from the web. A broken rule (already a member, a
   * record already merged, a person not found) comes back as an error next to `field`; the rest is thrown.
   */
  private async attempt(
    req: Request,
    res: Response,
    run: (ctx: Parameters<Parameters<WriteService['handle']>[2]>[0]) => Promise<{ revision?: bigint }>,
    m: Messages,
    field: string,
  ): Promise<FieldErrors | null> {
    adoptFormKey(req);
    try {
      await this.writes.handle(req, res, async (ctx) => {
        const result = await run(ctx.as({ via: 'web' }));
        return { status: 200, body: {}, etag: result.revision };
      });
      return null;
    } catch (error) {
      if (error instanceof DomainError && error.kind !== 'invalid')
        return { [field]: m.admin.form.conflict(ruleMessage(m, error) ?? error.message) };
      throw error;
    }
  }

  private back(
    req: Request,
    res: Response,
    form: PeopleForm,
    values: FormValues,
    errors: FieldErrors,
    status = 400,
  ) {
    this.render(req, res, { flash: null, back: { form, values, errors } }, status);
  }

  /**
   * Back to the groups on `/personer`; or, for a secretary who just gave up their last secretariat role
   * (removed themselves, or took another role), to the start page, as `/personer` is no longer theirs.
   */
  private afterMembershipChange(req: Request, flash: string, personId: string, groupId: string): string {
    const principal = (req as AuthenticatedRequest).principal;
    const own = principal?.personId ? membershipsOf(this.catalog).get(principal.personId) : undefined;
    if (principal && !principal.admin && ![...(own?.values() ?? [])].includes('secretariat')) return '/';
    return `/personer?melding=${flash}&person=${seg(personId)}&gruppe=${seg(groupId)}#groups`;
  }

  private renderMembership(
    req: Request,
    res: Response,
    personId: string,
    groupId: string,
    back: { form: MembershipForm; values: FormValues; errors: FieldErrors } | null,
    status = back ? 400 : 200,
  ) {
    const data = membershipPage(this.catalog, personId, groupId);
    // Refused, it is drawn at the form's POST address: its page is the membership's own.
    const page = this.context(req, res, `/personer/${seg(personId)}/grupper/${seg(groupId)}`);
    sendPage(res, membershipView({ data, back }, page), status);
  }

  private render(req: Request, res: Response, view: Omit<AdminPeopleView, 'data'>, status = 200) {
    const principal = (req as AuthenticatedRequest).principal;
    const data = adminPeoplePage(this.catalog, {
      admin: !!principal?.admin,
      roles: principal?.roles ?? new Map(),
    });
    // Every form on /personer posts to an address of its own; refused, the page is still /personer.
    sendPage(res, adminPeopleView({ ...view, data }, this.context(req, res, '/personer')), status);
  }

  private flashText(m: Messages, flash: unknown, personId: unknown, groupId: unknown): string | null {
    const t = m.admin.people;
    const group = typeof groupId === 'string' ? this.catalog.groups.get(groupId)?.name : undefined;
    if (flash === 'gruppe') return group ? t.groupEstablished(group) : null;
    const found = typeof personId === 'string' ? this.catalog.people.get(personId)?.name : undefined;
    if (!found) return null;
    const name = personName(found, m);
    switch (flash) {
      case 'lagt-til':
        return t.added(name);
      case 'medlem':
        return group ? t.memberAdded(name, group) : null;
      case 'rolle': {
        const role = group
          ? this.catalog.groups.get(groupId as string)?.members.get(personId as string)
          : undefined;
        return group && role ? t.roleSaved(name, group, m.start.role[role] ?? role) : null;
      }
      case 'fjernet':
        return group ? t.removed(name, group) : null;
      case 'epost':
        return t.emailSaved(name);
      case 'sammenslatt': {
        // The merged record's name is now the survivor's latest alias.
        const alias = this.catalog.people.get(personId as string)?.aliases.at(-1);
        return alias ? t.merged(alias, name) : m.admin.form.saved;
      }
      default:
        return null;
    }
  }
}
