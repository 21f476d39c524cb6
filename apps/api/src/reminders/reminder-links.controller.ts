import { Body, Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { completeCommitmentData, reportCommitmentProgressData } from '@tilneste/commitments';
import type { Config } from '@tilneste/config';
import { Application, CommandContext, type InputOf } from '@tilneste/application';
import { DomainError } from '@tilneste/domain-kit';
import { CONFIG } from '@tilneste/event-sourcing';
import { EVENT_STORE, StreamNotFoundError, type EventStore } from '@tilneste/event-store';
import { answerableFor, ownerName, ReadModelHost } from '@tilneste/projections';
import {
  linkId,
  linkRecipient,
  linkSecretFrom,
  linkStanding,
  preferencesOf,
  ReminderLedgerHost,
  verifyLink,
  type CommitmentLinkClaims,
  type LinkClaims,
  type LinkFacts,
} from '@tilneste/reminders';
import { isoMs } from '../auth/durations';
import { RateLimited, RateLimits } from '../auth/rate-limits';
import { Public } from '../http/auth.guard';
import { Accepts } from '../http/body-contract';
import { linkView, type LinkOutcome, type LinkPage } from '../web/reminder-link/link.view';
import { statusLinkView } from '../web/reminder-link/status-link.view';
import { askedLanguage, pageContext, type PageContext } from '../web/shared/page-context';
import { PageErrorFilter } from '../web/shared/page-error.filter';
import { sendPage } from '../web/shared/page-response';
import { viewerName } from '../web/shared/viewer';
import { StatusLinks, type StatusOutcome } from './status-links';

/** Events after which a link's item is no longer what the e-mail described. */
const MOVES = new Set(['CommitmentReassigned', 'CommitmentDueChanged', 'CommitmentCarriedOver']);

type Outcome = { status: number; page: LinkPage };

/** A page with no form: what happened, or why nothing can be done with the link. */
const told = (
  status: number,
  claims: CommitmentLinkClaims | null,
  personName: string | null,
  outcome: Exclude<LinkOutcome, 'reassigned' | 'recorded-done' | 'recorded-progress' | 'already-done'>,
): Outcome => ({ status, page: { kind: 'outcome', action: claims?.action ?? null, personName, outcome } });

/** The thanks after the link's button, or that it was done already, naming the item. */
const recorded = (
  claims: CommitmentLinkClaims,
  personName: string | null,
  outcome: 'recorded-done' | 'recorded-progress' | 'already-done',
  text: string,
): Outcome => ({ status: 200, page: { kind: 'outcome', action: claims.action, personName, outcome, text } });

/**
 * Pages reached from the links in reminder e-mails: no login, the signed token is the authority, for the
 * one commitment (or, for a status link, the one working group) and person it names and no further. It never opens a session. The pages are in the common
 * layout, in the reader's language (`?lang`, then its cookie), else in the one the person chose for their e-mails.
 * What the guards refuse (too many tries, a body that is not a form) is a page too, since a person in a browser
 * is who gets it.
 */
@Public()
@UseFilters(PageErrorFilter)
@Controller('links')
export class ReminderLinksController {
  private readonly secret: string;

  constructor(
    private readonly app: Application,
    private readonly readModels: ReadModelHost,
    private readonly ledger: ReminderLedgerHost,
    private readonly limits: RateLimits,
    private readonly statusLinks: StatusLinks,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONFIG) config: Config,
  ) {
    this.secret = linkSecretFrom(config);
  }

  // GET never changes anything: mail scanners open links too.
  @RateLimited('links')
  @Get(':token')
  async show(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const page = this.context(req, res, token);
    const verified = await this.verified(token);
    if (!verified.ok) return send(res, verified.outcome, page);
    if (verified.claims.action === 'status')
      return sendStatus(res, await this.statusLinks.show(verified.claims, formAction(token, req)), page);
    const outcome = await this.check(token, verified.claims, page, (claims, text) => ({
      status: 200,
      page: {
        kind: 'form',
        action: claims.action,
        personName: this.personName(claims),
        text,
        formAction: formAction(token, req),
      },
    }));
    send(res, outcome, page);
  }

  @RateLimited('links')
  // The page's own form posts form-encoded.
  @Post(':token')
  @Accepts('form', 'json')
  async use(
    @Param('token') token: string,
    @Req() req: Request,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const page = this.context(req, res, token);
    const verified = await this.verified(token);
    if (!verified.ok) return send(res, verified.outcome, page);
    if (verified.claims.action === 'status') {
      const action = formAction(token, req);
      return sendStatus(
        res,
        await this.statusLinks.report(verified.claims, token, body, action, page.m),
        page,
      );
    }
    let run: (() => Promise<Outcome>) | undefined;
    const checked = await this.check(token, verified.claims, page, (claims, text) => {
      run = () =>
        claims.action === 'done'
          ? this.complete(token, claims, text)
          : this.progress(token, claims, text, body, formAction(token, req));
      // Never sent: `run` has been set, and what it records is the page.
      return recorded(claims, null, 'recorded-done', text);
    });
    send(res, run ? await run() : checked, page);
  }

  /** The link's claims when its signature holds and it has not expired (then counted against its person's limit). */
  private async verified(
    token: string,
  ): Promise<{ ok: true; claims: LinkClaims } | { ok: false; outcome: Outcome }> {
    const verified = verifyLink(token, this.secret, new Date());
    if (!verified.ok)
      return {
        ok: false,
        outcome:
          verified.reason === 'expired' ? told(410, null, null, 'expired') : told(400, null, null, 'invalid'),
      };
    await this.limits.byAccount('links', `person:${verified.claims.personId}`);
    return verified;
  }

  private async check(
    token: string,
    claims: CommitmentLinkClaims,
    page: PageContext,
    next: (claims: CommitmentLinkClaims, text: string) => Outcome,
  ): Promise<Outcome> {
    const { catalog } = this.readModels;
    const commitment = catalog.commitments.get(claims.commitmentId);
    if (!commitment) return told(404, claims, null, 'not-found');
    const personName = this.personName(claims);
    if (commitment.status === 'completed')
      return recorded(claims, personName, 'already-done', commitment.text);
    if (commitment.status !== 'open') return told(200, claims, personName, 'closed');
    // Handed on to someone else since the e-mail went: the link was the old owner's authority, not the new one's.
    if (!answerableFor(catalog, commitment).includes(claims.personId)) {
      const owner = ownerName(catalog, commitment.owner, page.m.reminders.secretariat);
      return {
        status: 409,
        page: {
          kind: 'outcome',
          action: claims.action,
          personName,
          outcome: 'reassigned',
          owner,
          ownerIsWorkingGroup: commitment.owner.kind === 'working-group',
        },
      };
    }
    const standing = linkStanding(claims, await this.facts(token, claims), isoMs);
    if (standing !== 'live')
      return told(410, claims, personName, standing === 'used' ? 'used' : 'superseded');
    return next(claims, commitment.text);
  }

  /** What has happened since the link's e-mail: the meeting, later reminders, moves of the item, this link's own use. */
  private async facts(token: string, claims: CommitmentLinkClaims): Promise<LinkFacts> {
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

  private async complete(token: string, claims: CommitmentLinkClaims, itemText: string): Promise<Outcome> {
    const data = completeCommitmentData.parse({ commitmentId: claims.commitmentId, note: null });
    try {
      await this.execute(token, claims, { type: 'CompleteCommitment', data });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'COMMITMENT.ALREADY_COMPLETED') {
        return recorded(claims, this.personName(claims), 'already-done', itemText);
      }
      throw error;
    }
    return recorded(claims, this.personName(claims), 'recorded-done', itemText);
  }

  private async progress(
    token: string,
    claims: CommitmentLinkClaims,
    itemText: string,
    body: unknown,
    action: string,
  ): Promise<Outcome> {
    const text = typeof body === 'object' && body !== null ? (body as { text?: unknown }).text : undefined;
    const parsed = reportCommitmentProgressData.safeParse({ commitmentId: claims.commitmentId, text });
    if (!parsed.success)
      return {
        status: 400,
        page: {
          kind: 'form',
          action: 'progress',
          personName: this.personName(claims),
          text: itemText,
          formAction: action,
          refused: { text: typeof text === 'string' ? text : '' },
        },
      };
    await this.execute(token, claims, { type: 'ReportCommitmentProgress', data: parsed.data });
    return recorded(claims, this.personName(claims), 'recorded-progress', itemText);
  }

  /**
   * Recorded with the recipient as the actor, through the e-mail link, with the link as the cause; event ids
   * follow from the link, so two racing uses of one link cannot both be recorded.
   */
  private execute(token: string, claims: CommitmentLinkClaims, command: InputOf<'commitment'>) {
    const actor = { kind: 'person', id: claims.personId } as const;
    const link = linkId(token);
    return CommandContext.start(this.app, actor, 'email-link', { causationId: link, key: link }).run(
      'commitment',
      command,
    );
  }

  private personName(claims: CommitmentLinkClaims): string | null {
    return this.readModels.catalog.people.get(claims.personId)?.name ?? null;
  }

  /**
   * The pages' context: the language of `?lang` or its cookie, else the one the link's person chose for their
   * e-mails; nobody is signed in on these routes.
   */
  private context(req: Request, res: Response, token: string): PageContext {
    const { catalog } = this.readModels;
    const personId = linkRecipient(token, this.secret);
    const chosen =
      personId && catalog.people.has(personId) ? preferencesOf(catalog, personId).language : undefined;
    return pageContext(req, res, viewerName(catalog), chosen);
  }
}

/** The form posts back to the link itself, with the language the reader asked for (else the person's holds). */
const formAction = (token: string, req: Request): string =>
  `./${token}${askedLanguage(req) === 'en' ? '?lang=en' : ''}`;

function send(res: Response, { status, page }: Outcome, context: PageContext): void {
  // The token is in this page's URL: it must not travel on in a Referer, nor to the stylesheets it loads.
  res.setHeader('Referrer-Policy', 'no-referrer');
  sendPage(res, linkView(page, context), status);
}

function sendStatus(res: Response, { status, page }: StatusOutcome, context: PageContext): void {
  res.setHeader('Referrer-Policy', 'no-referrer');
  sendPage(res, statusLinkView(page, context), status);
}
