import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { completeCommitmentData, reportCommitmentProgressData } from '@tilneste/commitments';
import type { Config } from '@tilneste/config';
import { Application, CommandContext, type InputOf } from '@tilneste/application';
import { DomainError } from '@tilneste/domain-kit';
import { CONFIG } from '@tilneste/event-sourcing';
import { EVENT_STORE, StreamNotFoundError, type EventStore } from '@tilneste/event-store';
import { answerableFor, ownerName, ReadModelHost } from '@tilneste/projections';
import {
  linkId,
  linkSecretFrom,
  linkStanding,
  nb,
  renderLinkPage,
  ReminderLedgerHost,
  verifyLink,
  type LinkClaims,
  type LinkFacts,
  type LinkPage,
} from '@tilneste/reminders';
import { isoMs } from '../auth/durations';
import { RateLimited, RateLimits } from '../auth/rate-limits';
import { Public } from '../http/auth.guard';
import { Accepts } from '../http/body-contract';

/** Events after which a link's item is no longer what the e-mail described. */
const MOVES = new Set(['CommitmentReassigned', 'CommitmentDueChanged', 'CommitmentCarriedOver']);

type Outcome = { status: number; page: LinkPage };

/**
 * Pages reached from the links in reminder e-mails: no login, the signed token is the authority, for the
 * one commitment and person it names and no further. It never opens a session.
 */
@Public()
@Controller('links')
export class ReminderLinksController {
  private readonly secret: string;

  constructor(
    private readonly app: Application,
    private readonly readModels: ReadModelHost,
    private readonly ledger: ReminderLedgerHost,
    private readonly limits: RateLimits,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONFIG) config: Config,
  ) {
    this.secret = linkSecretFrom(config);
  }

  // GET never changes anything: mail scanners open links too.
  @RateLimited('links')
  @Get(':token')
  async show(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const outcome = await this.check(token, (claims, text) => ({
      status: 200,
      page: {
        lead: this.lead(claims),
        message: claims.action === 'done' ? nb.page.confirmDone(text) : nb.page.progressPrompt(text),
        form: { kind: claims.action, action: `./${token}` },
      },
    }));
    send(res, outcome);
  }

  @RateLimited('links')
  // The page's own form posts form-encoded.
  @Post(':token')
  @Accepts('form', 'json')
  async use(@Param('token') token: string, @Body() body: unknown, @Res() res: Response): Promise<void> {
    let run: (() => Promise<Outcome>) | undefined;
    const checked = await this.check(token, (claims) => {
      run = () =>
        claims.action === 'done' ? this.complete(token, claims) : this.progress(token, claims, body);
      return { status: 200, page: { message: '' } };
    });
    send(res, run ? await run() : checked);
  }

  private async check(token: string, next: (claims: LinkClaims, text: string) => Outcome): Promise<Outcome> {
    const verified = verifyLink(token, this.secret, new Date());
    if (!verified.ok) {
      return verified.reason === 'expired'
        ? { status: 410, page: { message: nb.page.expired } }
        : { status: 400, page: { message: nb.page.invalid } };
    }
    await this.limits.byAccount('links', `person:${verified.claims.personId}`);
    const { catalog } = this.readModels;
    const commitment = catalog.commitments.get(verified.claims.commitmentId);
    if (!commitment) return { status: 404, page: { message: nb.page.notFound } };
    if (commitment.status === 'completed')
      return { status: 200, page: { lead: this.lead(verified.claims), message: nb.page.alreadyDone } };
    if (commitment.status !== 'open')
      return { status: 200, page: { lead: this.lead(verified.claims), message: nb.page.closed } };
    // Handed on to someone else since the e-mail went: the link was the old owner's authority, not the new one's.
    if (!answerableFor(catalog, commitment).includes(verified.claims.personId)) {
      // These pages are in bokmål, as the e-mails are sent (ComposeOptions.messages is not set).
      const owner = ownerName(catalog, commitment.owner, nb.secretariat);
      return { status: 409, page: { lead: this.lead(verified.claims), message: nb.page.reassigned(owner) } };
    }
    const standing = linkStanding(verified.claims, await this.facts(token, verified.claims), isoMs);
    if (standing !== 'live') {
      const message = standing === 'used' ? nb.page.alreadyUsed : nb.page.superseded;
      return { status: 410, page: { lead: this.lead(verified.claims), message } };
    }
    return next(verified.claims, commitment.text);
  }

  /** What has happened since the link's e-mail: the meeting, later reminders, moves of the item, this link's own use. */
  private async facts(token: string, claims: LinkClaims): Promise<LinkFacts> {
    const sent = [...this.ledger.ledger.entries.values()]
      .filter(
        (e) => e.meetingId === claims.meetingId && e.recipientId === claims.personId && e.status === 'sent',
      )
      .map((e) => ({ offset: e.offset, version: e.version }));
    const movedAt: number[] = [];
    let usedByThisLink = false;
    const cause = linkId(token);
    try {
      for await (const event of this.store.readStream(`commitment-${claims.commitmentId}`)) {
        const meta = (event.metadata ?? {}) as { at?: string; causationId?: string | null };
        if (MOVES.has(event.type)) movedAt.push(Date.parse(meta.at ?? event.createdAt.toISOString()));
        if (meta.causationId === cause) usedByThisLink = true;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return {
      meetingStatus: this.readModels.catalog.meetings.get(claims.meetingId)?.status,
      sent,
      movedAt,
      usedByThisLink,
    };
  }

  private async complete(token: string, claims: LinkClaims): Promise<Outcome> {
    const data = completeCommitmentData.parse({ commitmentId: claims.commitmentId, note: null });
    try {
      await this.execute(token, claims, { type: 'CompleteCommitment', data });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'COMMITMENT.ALREADY_COMPLETED') {
        return { status: 200, page: { lead: this.lead(claims), message: nb.page.alreadyDone } };
      }
      throw error;
    }
    return { status: 200, page: { lead: this.lead(claims), message: nb.page.recordedDone } };
  }

  private async progress(token: string, claims: LinkClaims, body: unknown): Promise<Outcome> {
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
    await this.execute(token, claims, { type: 'ReportCommitmentProgress', data: parsed.data });
    return { status: 200, page: { lead: this.lead(claims), message: nb.page.recordedProgress } };
  }

  /**
   * Recorded with the recipient as the actor, through the e-mail link, with the link as the cause; event ids
   * follow from the link, so two racing uses of one link cannot both be recorded.
   */
  private execute(token: string, claims: LinkClaims, command: InputOf<'commitment'>) {
    const actor = { kind: 'person', id: claims.personId } as const;
    const link = linkId(token);
    return CommandContext.start(this.app, actor, 'email-link', { causationId: link, key: link }).run(
      'commitment',
      command,
    );
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
