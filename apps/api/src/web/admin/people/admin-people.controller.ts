import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Action, Actions, Resource } from '@tilneste/access';
import { lookups, type IssueView } from '@tilneste/application';
import { DomainError } from '@tilneste/domain-kit';
import { addMemberData } from '@tilneste/groups';
import { ruleMessage, type Messages } from '@tilneste/i18n';
import { changePersonDetailsData, mergePersonData, registerPersonData } from '@tilneste/people';
import { ReadModelHost, survivingPersonId } from '@tilneste/projections';
import type { z } from 'zod';
import { AccessService, type AuthenticatedRequest } from '../../../auth/access.service';
import { groupResource, personResource, resources } from '../../../auth/resources';
import { Access } from '../../../http/auth.guard';
import { WriteService } from '../../../http/write.service';
import { personPagePath } from '../../../people/merged-person';
import { seg } from '../../shared/format';
import { PageController } from '../../shared/page.base';
import { PageErrorFilter } from '../../shared/page-error.filter';
import { sendPage } from '../../shared/page-response';
import { adoptFormKey } from '../../shared/form-key';
import { fieldErrors, formValues, type FieldErrors, type FormValues } from '../form';
import { adminPeoplePage } from './admin-people.page-query';
import { adminPeopleView, type AdminPeopleView, type PeopleForm } from './admin-people.view';

const issuesOf = (error: z.ZodError): IssueView[] =>
  error.issues.map((i) => ({ path: i.path.map(String), message: i.message, code: i.code }));

/** An optional text field left empty is absent, as the API's JSON would leave it out. */
const optional = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value;

/** People and groups for the secretariat and admins: add people and members, fix missing e-mail, merge duplicates. */
@Controller()
@UseFilters(PageErrorFilter)
export class AdminPeoplePageController extends PageController {
  constructor(
    readModels: ReadModelHost,
    private readonly writes: WriteService,
    private readonly access: AccessService,
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
    this.render(req, res, { flash: this.flashText(m, flash, person, group), back: null });
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
      (ctx) => ctx.run('person', { type: 'MergePerson', data: parsed.data }),
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

  private render(req: Request, res: Response, view: Omit<AdminPeopleView, 'data'>, status = 200) {
    const principal = (req as AuthenticatedRequest).principal;
    const data = adminPeoplePage(this.catalog, {
      admin: !!principal?.admin,
      roles: principal?.roles ?? new Map(),
    });
    sendPage(res, adminPeopleView({ ...view, data }, this.context(req, res)), status);
  }

  private flashText(m: Messages, flash: unknown, personId: unknown, groupId: unknown): string | null {
    const t = m.admin.people;
    const name = typeof personId === 'string' ? this.catalog.people.get(personId)?.name : undefined;
    if (!name) return null;
    switch (flash) {
      case 'lagt-til':
        return t.added(name);
      case 'medlem': {
        const group = typeof groupId === 'string' ? this.catalog.groups.get(groupId)?.name : undefined;
        return group ? t.memberAdded(name, group) : null;
      }
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
