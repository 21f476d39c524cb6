import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { completeCommitmentData, reportCommitmentProgressData } from '@tilneste/commitments';
import type { Config } from '@tilneste/config';
import { Application, CommandContext, type InputOf } from '@tilneste/application';
import { DomainError } from '@tilneste/domain-kit';
import { CONFIG } from '@tilneste/event-sourcing';
import { answerableFor, ownerName, ReadModelHost } from '@tilneste/projections';
import {
  linkSecretFrom,
  nb,
  renderLinkPage,
  verifyLink,
  type LinkClaims,
  type LinkPage,
} from '@tilneste/reminders';
import { Public } from '../http/auth.guard';
import { Accepts } from '../http/body-contract';

type Outcome = { status: number; page: LinkPage };

/** Pages reached from the links in reminder e-mails: no login, the signed token is the authority. */
@Public()
@Controller('links')
export class ReminderLinksController {
  private readonly secret: string;

  constructor(
    private readonly app: Application,
    private readonly readModels: ReadModelHost,
    @Inject(CONFIG) config: Config,
  ) {
    this.secret = linkSecretFrom(config);
  }

  // GET never changes anything: mail scanners open links too.
  @Get(':token')
  show(@Param('token') token: string, @Res() res: Response): void {
    const outcome = this.check(token, (claims, text) => ({
      status: 200,
      page: {
        lead: this.lead(claims),
        message: claims.action === 'done' ? nb.page.confirmDone(text) : nb.page.progressPrompt(text),
        form: { kind: claims.action, action: `./${token}` },
      },
    }));
    send(res, outcome);
  }

  // The page's own form posts form-encoded.
  @Post(':token')
  @Accepts('form', 'json')
  async use(@Param('token') token: string, @Body() body: unknown, @Res() res: Response): Promise<void> {
    let run: (() => Promise<Outcome>) | undefined;
    const checked = this.check(token, (claims) => {
      run = () => (claims.action === 'done' ? this.complete(claims) : this.progress(claims, body));
      return { status: 200, page: { message: '' } };
    });
    send(res, run ? await run() : checked);
  }

  private check(token: string, next: (claims: LinkClaims, text: string) => Outcome): Outcome {
    const verified = verifyLink(token, this.secret, new Date());
    if (!verified.ok) {
      return verified.reason === 'expired'
        ? { status: 410, page: { message: nb.page.expired } }
        : { status: 400, page: { message: nb.page.invalid } };
    }
    const { catalog } = this.readModels;
    const commitment = catalog.commitments.get(verified.claims.commitmentId);
    if (!commitment) return { status: 404, page: { message: nb.page.notFound } };
    if (commitment.status === 'completed')
      return { status: 200, page: { lead: this.lead(verified.claims), message: nb.page.alreadyDone } };
    if (commitment.status !== 'open')
      return { status: 200, page: { lead: this.lead(verified.claims), message: nb.page.closed } };
    // Handed on to someone else since the e-mail went: the link was the old owner's authority, not the new one's.
    if (!answerableFor(catalog, commitment).includes(verified.claims.personId)) {
      const owner = ownerName(catalog, commitment.owner);
      return { status: 409, page: { lead: this.lead(verified.claims), message: nb.page.reassigned(owner) } };
    }
    return next(verified.claims, commitment.text);
  }

  private async complete(claims: LinkClaims): Promise<Outcome> {
    const data = completeCommitmentData.parse({ commitmentId: claims.commitmentId, note: null });
    try {
      await this.execute(claims, { type: 'CompleteCommitment', data });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'COMMITMENT.ALREADY_COMPLETED') {
        return { status: 200, page: { lead: this.lead(claims), message: nb.page.alreadyDone } };
      }
      throw error;
    }
    return { status: 200, page: { lead: this.lead(claims), message: nb.page.recordedDone } };
  }

  private async progress(claims: LinkClaims, body: unknown): Promise<Outcome> {
    const text = typeof body === 'object' && body !== null ? (body as { text?: unknown }).text : undefined;
    const parsed = reportCommitmentProgressData.safeParse({ commitmentId: claims.commitmentId, text });
    if (!parsed.success)
      return {
        status: 400,
        page: {
          lead: this.lead(claims),
          message: nb.page.emptyProgress,
          form: { kind: 'progress', action: '' },
        },
      };
    await this.execute(claims, { type: 'ReportCommitmentProgress', data: parsed.data });
    return { status: 200, page: { lead: this.lead(claims), message: nb.page.recordedProgress } };
  }

  /** Recorded with the recipient as the actor, through the e-mail link. */
  private execute(claims: LinkClaims, command: InputOf<'commitment'>) {
    const actor = { kind: 'person', id: claims.personId } as const;
    return CommandContext.start(this.app, actor, 'email-link').run('commitment', command);
  }

  private lead(claims: LinkClaims): string | undefined {
    const name = this.readModels.catalog.people.get(claims.personId)?.name;
    return name ? nb.page.forPerson(name) : undefined;
  }
}

function send(res: Response, { status, page }: Outcome): void {
  res
    .status(status)
    .type('html')
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Referrer-Policy', 'no-referrer');
  res.send(renderLinkPage(page));
}
