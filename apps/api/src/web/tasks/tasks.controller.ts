import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { lookups, type InputOf } from '@tilneste/application';
import type { Config } from '@tilneste/config';
import { CONFIG } from '@tilneste/event-sourcing';
import { linkSecretFrom, signPreferencesToken } from '@tilneste/reminders';
import { completeCommitmentData, reportCommitmentProgressData } from '@tilneste/commitments';
import { DomainError } from '@tilneste/domain-kit';
import { answerableFor, ReadModelHost, survivingPersonId } from '@tilneste/projections';
import { parseInput } from '../../http/validation';
import { WriteService } from '../../http/write.service';
import { MERGED_FROM } from '../../people/merged-person';
import { GetTasks } from '../../queries/queries';
import { seg } from '../shared/format';
import { adoptFormKey } from '../shared/form-key';
import { PageController } from '../shared/page.base';
import { PageErrorFilter } from '../shared/page-error.filter';
import type { PageContext } from '../shared/page-context';
import { sendPage } from '../shared/page-response';
import { tasksView, type Flash, type RefusedProgress } from './tasks.view';
import { Access } from '../../http/auth.guard';
import { commitmentResource, resources } from '../../auth/resources';

const FLASH: Record<string, Flash> = { utfort: 'done', fremdrift: 'progress' };
/** The query parameter naming the task a flash is about. */
const FLASH_TASK = 'forpliktelse';

/** What the progress command's schema refuses in the text, as the page says it; null when it takes it. */
function progressProblem(commitmentId: string, text: unknown): RefusedProgress['problem'] | null {
  const parsed = reportCommitmentProgressData.safeParse({ commitmentId, text });
  if (parsed.success) return null;
  return parsed.error.issues.some((i) => i.code === 'too_big') ? 'too-long' : 'empty';
}

/** A person's tasks, and the two things they do with them: mark done, report progress. */
@Controller()
@UseFilters(PageErrorFilter)
export class TasksPageController extends PageController {
  private readonly secret: string;

  constructor(
    readModels: ReadModelHost,
    private readonly queries: QueryBus,
    private readonly writes: WriteService,
    @Inject(CONFIG) config: Config,
  ) {
    super(readModels);
    this.secret = linkSecretFrom(config);
  }

  @Access('person.read', resources.person())
  @Get('personer/:id/oppgaver')
  async show(
    @Param('id') id: string,
    @Query('melding') flash: unknown,
    @Query(MERGED_FROM) mergedFrom: unknown,
    @Query(FLASH_TASK) flashTask: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.render(req, res, id, {
      flash: typeof flash === 'string' ? (FLASH[flash] ?? null) : null,
      flashTask,
      mergedFrom,
    });
  }

  /**
   * The list, with a flash after a write, or with one task's progress form refused: then drawn at the form's
   * POST address, so the page names the list's own address for its language link.
   */
  private async render(
    req: Request,
    res: Response,
    id: string,
    view: { flash?: Flash; flashTask?: unknown; mergedFrom?: unknown; refused?: RefusedProgress },
    status = 200,
  ) {
    const { tasks } = await this.queries.execute(new GetTasks(id, false, new Date()));
    const person = lookups.person(this.catalog, id);
    const page = this.context(req, res, `/personer/${seg(id)}/oppgaver`);
    const mergedFrom = view.mergedFrom;
    const data = {
      person: { id: person.id, name: person.name },
      tasks,
      answerable: new Set(
        tasks
          .filter((t) => page.may('commitment.answer', commitmentResource(this.catalog, t.id)))
          .map((t) => t.id),
      ),
      flash: view.flash ?? null,
      flashTask: view.flash ? this.flashTaskText(page, id, view.flashTask) : null,
      refused: view.refused ?? null,
      // Their own e-mail choices (which reminders, which language), where the e-mails' own link leads.
      preferencesPath:
        page.viewer?.actor.kind === 'person' && page.viewer.actor.id === person.id
          ? `/varsler/${signPreferencesToken(person.id, this.secret)}`
          : null,
      mergedFrom:
        typeof mergedFrom === 'string' &&
        mergedFrom !== id &&
        survivingPersonId(this.catalog, mergedFrom) === id,
    };
    sendPage(res, tasksView(data, page), status);
  }

  /**
   * The text of the task a flash names, from the redirect's query: only a task of this list that the reader
   * may answer for (one they could have just marked done), so an edited address shows nothing more.
   */
  private flashTaskText(page: PageContext, personId: string, commitmentId: unknown): string | null {
    if (typeof commitmentId !== 'string') return null;
    const commitment = this.catalog.commitments.get(commitmentId);
    if (!commitment || !answerableFor(this.catalog, commitment).includes(personId)) return null;
    return page.may('commitment.answer', commitmentResource(this.catalog, commitmentId))
      ? commitment.text
      : null;
  }

  @Access('commitment.answer', resources.commitment('commitmentId'))
  @Post('personer/:id/oppgaver/:commitmentId/utfort')
  async complete(
    @Param('id') personId: string,
    @Param('commitmentId') commitmentId: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.run(req, res, personId, commitmentId, () => ({
      type: 'CompleteCommitment',
      data: parseInput(completeCommitmentData, { commitmentId, note: null }),
    }));
    res.redirect(
      303,
      `/personer/${seg(personId)}/oppgaver?melding=utfort&${FLASH_TASK}=${seg(commitmentId)}`,
    );
  }

  @Access('commitment.answer', resources.commitment('commitmentId'))
  @Post('personer/:id/oppgaver/:commitmentId/fremdrift')
  async progress(
    @Param('id') personId: string,
    @Param('commitmentId') commitmentId: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const text = typeof body === 'object' && body !== null ? (body as { text?: unknown }).text : undefined;
    // Blank or too long: the list again, the error beside this task's field, with what was typed.
    const problem = progressProblem(commitmentId, text);
    const commitment = lookups.commitment(this.catalog, commitmentId);
    // An item no longer on this list is refused as such by `run`, whatever was typed.
    if (
      problem &&
      commitment.status === 'open' &&
      answerableFor(this.catalog, commitment).includes(personId)
    ) {
      lookups.person(this.catalog, personId);
      return this.render(
        req,
        res,
        personId,
        { refused: { commitmentId, text: typeof text === 'string' ? text : '', problem } },
        400,
      );
    }
    await this.run(req, res, personId, commitmentId, () => ({
      type: 'ReportCommitmentProgress',
      data: parseInput(reportCommitmentProgressData, { commitmentId, text }),
    }));
    res.redirect(
      303,
      `/personer/${seg(personId)}/oppgaver?melding=fremdrift&${FLASH_TASK}=${seg(commitmentId)}`,
    );
  }

  /**
   * The API's write path (metadata, actor, idempotency), recorded as coming from the web. The item must
   * still be this person's to answer for, by the same rule as the e-mail links: a list opened before a
   * reassignment cannot close the new owner's item.
   */
  private run(
    req: Request,
    res: Response,
    personId: string,
    commitmentId: string,
    command: () => InputOf<'commitment'>,
  ) {
    adoptFormKey(req);
    return this.writes.handle(req, res, async (ctx) => {
      const input = command();
      lookups.person(this.catalog, personId);
      const commitment = lookups.commitment(this.catalog, commitmentId);
      if (commitment.status === 'open' && !answerableFor(this.catalog, commitment).includes(personId)) {
        throw new DomainError(
          'COMMITMENT.NOT_ANSWERABLE',
          `Forpliktelsen ${commitmentId} er ikke lenger på listen til ${personId} (no longer this person's)`,
          'conflict',
        );
      }
      const result = await ctx.as({ via: 'web' }).run('commitment', input);
      return { status: 200, body: { id: commitmentId }, etag: result.revision };
    });
  }
}
