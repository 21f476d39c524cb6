import { Body, Controller, Get, Logger, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  Application,
  CommandContext,
  type ErasedReview,
  MinutesImportService,
  MinutesReviewService,
  ValidationError,
} from '@tilneste/application';
import { DomainError, type Actor } from '@tilneste/domain-kit';
import { ruleMessage, type Messages } from '@tilneste/i18n';
import {
  documentKindOf,
  MAX_MINUTES_BYTES,
  MinutesImportError,
  type MinutesDraft,
  type ParseJob,
} from '@tilneste/minutes-import';
import { ReadModelHost } from '@tilneste/projections';
import { AccessService, type AuthenticatedRequest } from '../../auth/access.service';
import { groupResource } from '../../auth/resources';
import { Access } from '../../http/auth.guard';
import { Accepts } from '../../http/body-contract';
import { seg } from '../shared/format';
import { PageController } from '../shared/page.base';
import { PageErrorFilter } from '../shared/page-error.filter';
import { sendPage } from '../shared/page-response';
import { renderFragment } from '../shared/render';
import { describePlan, emptyPlanDescription, recordedLines, type KnownNames } from './import-preview';
import { applyReviewForm, fieldOfPath, formValues, type FieldError } from './import-form';
import { ImportJobs, type ImportJob } from './import-jobs';
import type { UploadRequest } from './import-upload.middleware';
import {
  erasedView,
  jobStatusFragment,
  jobView,
  previewView,
  reviewView,
  uploadView,
  type JobData,
  type MatchProposal,
  type PreviewData,
  type Refused,
} from './import.view';

const MAX_MB = MAX_MINUTES_BYTES / 1024 / 1024;
const REVISION = /^\d{1,18}$/;

/**
 * Importing minutes in the browser (issue 14, item 2), for the secretariat and admins: upload a document or
 * paste its text, review the draft beside the source, accept or reject each proposed name match, correct
 * and add or remove what was read, see what a commit will create, then record it. The draft under review
 * is kept as events (MinutesReviewService), and reading and recording run as jobs the page polls.
 */
@Controller()
@UseFilters(PageErrorFilter)
export class ImportPageController extends PageController {
  private readonly logger = new Logger('ImportPage');

  constructor(
    readModels: ReadModelHost,
    private readonly imports: MinutesImportService,
    private readonly reviews: MinutesReviewService,
    private readonly jobs: ImportJobs,
    private readonly access: AccessService,
    private readonly app: Application,
  ) {
    super(readModels);
  }

  @Access('import.parse')
  @Get('import')
  async uploadPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.renderUpload(req, res, null, 200);
  }

  @Access('import.parse')
  @Accepts('multipart', 'form')
  @Post('import')
  async upload(@Req() req: UploadRequest, @Res() res: Response): Promise<void> {
    const page = this.context(req, res);
    const t = page.m.importPage.errors;
    const form = req.importUpload;
    const groupId = typeof req.body?.groupId === 'string' ? (req.body.groupId as string) : '';
    const errors: FieldError[] = [];
    let status = 400;
    if (!groupId || !this.catalog.groups.has(groupId))
      errors.push({ field: 'groupId', message: t.groupRequired });
    else this.mayRecord(req, groupId);
    let job: ParseJob | null = null;
    if (!form || form.unreadable) errors.push({ field: 'file', message: t.unreadable });
    else if (form.tooLarge) {
      errors.push({ field: form.file || !form.text ? 'file' : 'text', message: t.tooLarge(MAX_MB) });
      status = 413;
    } else if (form.file) {
      const kind = documentKindOf(form.file.name);
      if (!kind) {
        const dot = form.file.name.lastIndexOf('.');
        errors.push({
          field: 'file',
          message: t.wrongType(dot >= 0 ? form.file.name.slice(dot) : form.file.name),
        });
        status = 415;
      } else if (form.file.bytes.length === 0) errors.push({ field: 'file', message: t.emptyFile });
      else job = { kind, data: form.file.bytes, fileName: form.file.name };
    } else if (form.text.trim()) job = { kind: 'text', data: form.text, fileName: null };
    else errors.push({ field: 'file', message: t.nothing });

    if (errors.length || !job) {
      const refused: Refused = { values: { groupId, text: form?.text ?? '' }, errors };
      return this.renderUpload(req, res, refused, status);
    }
    const actor = this.actorOf(req);
    const parse = job;
    const started = this.jobs.start('parse', actor, async () => {
      const parsed = await this.imports.parse(parse, { actor, via: 'web' });
      const text = parsed.text ?? (typeof parse.data === 'string' ? parse.data : '');
      await this.reviews.open(
        { id: parsed.id, fileName: parse.fileName, text, draft: parsed.draft, groupId },
        actor,
      );
      return `/import/${seg(parsed.id)}`;
    });
    res.redirect(303, `/import/jobber/${seg(started.id)}`);
  }

  @Access('import.parse')
  @Get('import/jobber/:job')
  job(
    @Param('job') id: string,
    @Query('del') part: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    const job = this.jobs.get(id, this.actorOf(req));
    if (!job) throw new DomainError('IMPORT.JOB_NOT_FOUND', 'Jobben finnes ikke (no such job)', 'not_found');
    const page = this.context(req, res);
    const data = this.jobData(job, page.m);
    const htmx = req.headers['hx-request'] === 'true';
    if (job.state === 'done' && job.target) {
      if (htmx) {
        res.setHeader('HX-Redirect', job.target);
        res.status(200).type('html').setHeader('Cache-Control', 'no-store');
        res.send(renderFragment(jobStatusFragment(data, page)));
        return;
      }
      return res.redirect(303, job.target);
    }
    if (part === 'status' && htmx) {
      res.status(200).type('html').setHeader('Cache-Control', 'no-store');
      res.send(renderFragment(jobStatusFragment(data, page)));
      return;
    }
    sendPage(res, jobView(data, page));
  }

  @Access('import.parse')
  @Get('import/:id')
  async review(
    @Param('id') id: string,
    @Query('melding') flash: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const review = await this.reviews.read(id);
    this.mayRecord(req, review.groupId);
    if (review.erased) return this.renderErased(req, res, review);
    await this.renderReview(req, res, review, null, typeof flash === 'string' ? flash : null, 200);
  }

  @Access('import.parse')
  @Post('import/:id')
  async save(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const review = await this.reviews.get(id);
    this.mayRecord(req, review.groupId);
    const page = this.context(req, res);
    const values = formValues(body);
    const revision = this.revisionOf(values.revision);
    const result = applyReviewForm(review.draft, values, page.m);
    if (!result.ok) return this.renderReview(req, res, review, { values, errors: result.errors }, null, 400);
    await this.reviews.save(
      id,
      revision,
      { groupId: review.groupId, draft: result.draft, rejectedMatches: result.rejectedMatches },
      this.actorOf(req),
    );
    const action = values.action ?? 'save';
    if (action === 'preview') return res.redirect(303, `/import/${seg(id)}/lagre`);
    const [verb, i] = action.split(':');
    const anchor = verb.endsWith('-wg') ? '#working-groups' : i && /^\d+$/.test(i) ? `#item-${i}` : '';
    res.redirect(303, `/import/${seg(id)}?melding=saved${anchor}`);
  }

  @Access('import.parse')
  @Get('import/:id/lagre')
  async preview(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const review = await this.reviews.read(id);
    const groupId = this.mayRecord(req, review.groupId);
    if (review.erased) return this.renderErased(req, res, review);
    const page = this.context(req, res);
    const data: PreviewData = {
      id,
      revision: String(review.revision),
      fileName: review.fileName,
      groupName: this.catalog.groups.get(groupId)?.name ?? groupId,
      ...emptyPlanDescription({ date: review.draft.meeting.date ?? '', existing: false }),
      committed: !!review.committed,
      problems: [],
    };
    try {
      // The commit's own steps, run where nothing is stored: the page shows what the button records.
      const { plan, steps } = await this.imports.rehearse(
        id,
        { groupId, draft: review.draft, rejectMatches: review.rejectedMatches },
        this.actorOf(req),
      );
      const catalog = this.catalog;
      const known: KnownNames = {
        people: { get: (id) => catalog.people.get(id)?.name },
        workingGroups: { get: (id) => catalog.workingGroups.get(id)?.name },
        meetings: { get: (id) => catalog.meetings.get(id)?.startsAt },
        commitments: { get: (id) => catalog.commitments.get(id)?.text },
        agendaItems: {
          get: (id) => catalog.meetings.get(plan.meetingId)?.items.find((i) => i.itemId === id),
        },
      };
      Object.assign(data, describePlan({ meetingId: plan.meetingId, steps }, known, page.m));
    } catch (error) {
      if (error instanceof ValidationError) data.problems = this.planProblems(error, page.m);
      // A rule the commit would break (a person gone since the review, say): it would stop there.
      else if (error instanceof DomainError)
        data.problems = [{ field: '', message: ruleMessage(page.m, error) ?? error.message }];
      else throw error;
    }
    sendPage(res, previewView(data, page));
  }

  @Access('import.parse')
  @Post('import/:id/lagre')
  async commit(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const review = await this.reviews.get(id);
    const groupId = this.mayRecord(req, review.groupId);
    const revision = this.revisionOf(formValues(body).revision);
    if (revision !== review.revision)
      throw new DomainError(
        'IMPORT.DRAFT_CHANGED',
        'Utkastet er endret siden du så på det; se over det igjen (the draft changed since you looked)',
        'conflict',
      );
    const actor = this.actorOf(req);
    const started = this.jobs.start('commit', actor, async (job) => {
      const ctx = CommandContext.start(this.app, actor, 'web');
      const result = await this.imports.commit(
        id,
        { groupId, draft: review.draft, rejectMatches: review.rejectedMatches },
        ctx,
        (done, total) => job.progress(done, total),
      );
      if (!review.committed)
        await this.reviews.committed(
          id,
          { groupId, meetingId: result.meetingId, created: result.recorded },
          actor,
        );
      return `/import/${seg(id)}?melding=${result.alreadyImported ? 'nothing-new' : 'committed'}`;
    });
    res.redirect(303, `/import/jobber/${seg(started.id)}`);
  }

  // --- helpers ---

  private actorOf(req: Request): Actor {
    return (req as AuthenticatedRequest).actor ?? { kind: 'client', id: 'anonymous' };
  }

  /** Whoever reviews or records an import must be allowed to record in its group. */
  private mayRecord(req: Request, groupId: string | null): string {
    const principal = this.access.require(req as AuthenticatedRequest);
    if (!groupId) throw new DomainError('IMPORT.NOT_FOUND', 'Importen har ingen gruppe', 'not_found');
    this.access.check(principal, 'group.record', groupResource(this.catalog, groupId) as never);
    return groupId;
  }

  private recordableGroups(req: Request) {
    const principal = this.access.require(req as AuthenticatedRequest);
    return [...this.catalog.groups.values()]
      .filter((g) => this.access.decide(principal, 'group.record', { kind: 'group', groupId: g.id }).allow)
      .map((g) => ({ id: g.id, name: g.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  }

  private revisionOf(value: string | undefined): bigint {
    if (!value || !REVISION.test(value))
      throw new ValidationError([
        { path: ['revision'], message: 'must be a revision', code: 'invalid_format' },
      ]);
    return BigInt(value);
  }

  private async renderUpload(req: Request, res: Response, refused: Refused | null, status: number) {
    const page = this.context(req, res);
    const groups = this.recordableGroups(req);
    const allowed = new Set(groups.map((g) => g.id));
    const reviews = (await this.reviews.list())
      .filter((r) => r.groupId && allowed.has(r.groupId))
      .slice(0, 30)
      .map((r) => ({
        ...r,
        groupName: r.groupId ? (this.catalog.groups.get(r.groupId)?.name ?? null) : null,
      }));
    sendPage(res, uploadView({ groups, reviews, refused, maxMb: MAX_MB }, page), status);
  }

  /** An erased import's page: 200, since the link to it (from what it recorded) is not broken, only emptied. */
  private renderErased(req: Request, res: Response, review: ErasedReview): void {
    const page = this.context(req, res);
    const groupId = review.groupId!;
    sendPage(
      res,
      erasedView(
        {
          groupName: this.catalog.groups.get(groupId)?.name ?? groupId,
          meetingId: review.committed?.meetingId ?? null,
        },
        page,
      ),
    );
  }

  private async renderReview(
    req: Request,
    res: Response,
    review: Awaited<ReturnType<MinutesReviewService['get']>>,
    refused: Refused | null,
    flash: string | null,
    status: number,
  ) {
    const page = this.context(req, res);
    const t = page.m.importPage;
    const groupId = review.groupId!;
    const rejected = new Set(review.rejectedMatches);
    const proposals: MatchProposal[] = [];
    const known: string[] = [];
    const newPeople: string[] = [];
    let planProblems: FieldError[] = [];
    try {
      // Proposals as the parser sees them, before any is turned down, so a rejected one can be taken back.
      const { plan } = await this.imports.preview(review.id, {
        groupId,
        draft: review.draft,
        rejectMatches: [],
      });
      for (const r of plan.resolutions) {
        if (r.action === 'same-as') {
          const person = this.catalog.people.get(r.personId);
          proposals.push({
            name: r.name,
            sameAs: r.sameAs,
            personName: person?.name ?? r.sameAs,
            evidence: [
              ...r.evidence,
              ...this.organisationEvidence(review.draft, r.name, person?.organisation, page.m),
            ],
            rejected: rejected.has(r.name),
          });
          if (rejected.has(r.name)) newPeople.push(r.name);
        } else if (r.action === 'existing') known.push(r.name);
        else newPeople.push(r.name);
      }
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      planProblems = this.planProblems(error, page.m);
    }
    const flashText = flash === 'saved' ? t.saved : flash === 'nothing-new' ? t.nothingNew : null;
    // What the commit recorded, as it counted the events it appended: not what the plan meant to.
    const recorded =
      flash === 'committed' && review.committed ? recordedLines(review.committed.created, page.m) : null;
    sendPage(
      res,
      reviewView(
        {
          id: review.id,
          fileName: review.fileName,
          groupName: this.catalog.groups.get(groupId)?.name ?? groupId,
          revision: String(review.revision),
          draft: review.draft,
          lines: review.text.replace(/\r\n|\r|\u2028|\u2029|\v|\f/g, '\n').split('\n'),
          proposals,
          known,
          newPeople,
          directoryNames: [...this.catalog.people.values()]
            .map((p) => p.name)
            .sort((a, b) => a.localeCompare(b, 'nb')),
          committed: review.committed,
          flash: flashText,
          recorded,
          refused,
          planProblems,
        },
        page,
      ),
      status,
    );
  }

  /** "Same organisation" beside the name evidence, when the document says where the person is from. */
  private organisationEvidence(
    draft: MinutesDraft,
    name: string,
    organisation: string | null | undefined,
    m: Messages,
  ): string[] {
    const written = [...draft.attendees, ...draft.invited, ...(draft.absent ?? [])].find(
      (a) => a.name.trim() === name.trim(),
    )?.organisation;
    if (!written || !organisation) return [];
    return written.trim().toLowerCase() === organisation.trim().toLowerCase()
      ? [m.importPage.sameOrganisation(organisation)]
      : [m.importPage.otherOrganisation(written, organisation)];
  }

  private planProblems(error: ValidationError, m: Messages): FieldError[] {
    return error.issues.map((issue) => {
      const field = fieldOfPath(issue.path);
      return {
        field,
        message: field === 'meeting.date' ? m.importPage.errors.meetingDateMissing : issue.message,
      };
    });
  }

  private jobData(job: ImportJob, m: Messages): JobData {
    return {
      id: job.id,
      kind: job.kind,
      state: job.state,
      done: job.done,
      total: job.total,
      seconds: Math.round((Date.now() - job.startedAt) / 1000),
      error: job.state === 'failed' ? this.jobError(job.error, m) : null,
      target: job.target,
      back: '/import',
    };
  }

  private jobError(error: unknown, m: Messages): string {
    const t = m.importPage;
    if (error instanceof MinutesImportError)
      return t.parseErrors[error.code.replace(/^MINUTES\./, '')] ?? error.message;
    if (error instanceof ValidationError)
      return error.issues.some((i) => i.code === 'too_small')
        ? t.errors.emptyDocument
        : t.errors.invalidDraft;
    if (error instanceof DomainError && error.code === 'IMPORT.ERASED') return t.errors.erasedDocument;
    if (error instanceof DomainError) return ruleMessage(m, error) ?? error.message;
    this.logger.error((error as Error)?.stack ?? String(error));
    return t.errors.failed;
  }
}
