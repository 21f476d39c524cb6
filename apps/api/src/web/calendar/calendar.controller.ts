import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Config } from '@tilneste/config';
import { lookups } from '@tilneste/application';
import { CONFIG } from '@tilneste/event-sourcing';
import { ReadModelHost } from '@tilneste/projections';
import { mailDomain, preferencesOf, ReminderLedgerHost } from '@tilneste/reminders';
import { Access, Public } from '../../http/auth.guard';
import { resources } from '../../auth/resources';
import { ownerOrAdmin } from '../owner-or-admin';
import { WriteService } from '../../http/write.service';
import { askedLanguage, pageActor, pageLanguage } from '../shared/page-context';
import { sendNotFound } from '../web-responses';
import { groupFeed, groupsOfPerson, personFeed, type FeedOptions } from './calendar-feeds';
import { calendarKey, calendarSecretFrom, calendarUrls, verifyCalendarKey } from './calendar-keys';
import { calendarMessages } from './calendar.messages';

/** Reads the feeds from the read models; shared by the bearer and the secret-URL routes. */
abstract class FeedReader {
  protected readonly secret: string;

  constructor(
    protected readonly readModels: ReadModelHost,
    protected readonly reminders: ReminderLedgerHost,
    protected readonly config: Config,
  ) {
    this.secret = calendarSecretFrom(config);
  }

  /**
   * A feed speaks the language asked for (`?lang`, or the cookie of a signed-in browser); else the one its
   * person chose for their e-mails, since a calendar app asks with neither; else bokmål.
   */
  protected options(req: Request, personId: string | null): FeedOptions {
    const { catalog } = this.readModels;
    const chosen =
      personId && catalog.people.has(personId) ? preferencesOf(catalog, personId).language : 'nb';
    return {
      publicUrl: this.config.PUBLIC_URL,
      from: this.config.MAIL_FROM,
      domain: mailDomain(this.config.MAIL_FROM),
      now: new Date(),
      messages: calendarMessages[askedLanguage(req) ?? chosen],
    };
  }

  /** The person feed speaks its person's language; a group feed that of its reader, when a person reads it. */
  protected person(req: Request, res: Response, personId: string): void {
    const options = this.options(req, personId);
    this.send(req, res, personFeed(this.readModels.catalog, this.reminders.ledger, personId, options));
  }

  protected group(req: Request, res: Response, groupId: string, reader: string | null): void {
    const options = this.options(req, reader);
    this.send(req, res, groupFeed(this.readModels.catalog, this.reminders.ledger, groupId, options));
  }

  /** The same 404 page for an unknown id and a wrong key, so a key cannot be probed. */
  protected notFound(req: Request, res: Response): void {
    sendNotFound(req, res, this.readModels.catalog, calendarMessages[pageLanguage(req)].notFound);
  }

  private send(req: Request, res: Response, ics: string | undefined): void {
    if (ics === undefined) return this.notFound(req, res);
    res
      .status(200)
      .type('text/calendar; charset=utf-8')
      .setHeader('Cache-Control', 'private, max-age=300')
      .setHeader('Referrer-Policy', 'no-referrer')
      .send(ics);
  }

  /** The person a key belongs to, at their current key generation. */
  protected keyHolder(key: string): string | null {
    return verifyCalendarKey(
      key,
      this.secret,
      (id) => this.readModels.catalog.people.get(id)?.calendarKeyGeneration,
    );
  }
}

/**
 * `/kalender/...ics` for whoever may read the group or the person: a signed-in reader from the pages' links, or
 * `Authorization: Bearer` (scripts, tests).
 */
@Controller('kalender')
export class CalendarFeedsController extends FeedReader {
  constructor(readModels: ReadModelHost, reminders: ReminderLedgerHost, @Inject(CONFIG) config: Config) {
    super(readModels, reminders, config);
  }

  @Access('group.read', resources.group())
  @Get('grupper/:id.ics')
  groupFeed(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    const actor = pageActor(req);
    this.group(req, res, id, actor?.kind === 'person' ? actor.id : null);
  }

  @Access('person.read', resources.person())
  @Get('personer/:id.ics')
  personFeed(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    this.person(req, res, id);
  }
}

/**
 * The same feeds at a secret per-person URL, for calendar apps that cannot send a token or a cookie.
 * A wrong, reset or foreign key gets the same 404 as an unknown id, so a key cannot be probed.
 */
@Public()
@Controller('kalender')
export class SecretCalendarFeedsController extends FeedReader {
  constructor(readModels: ReadModelHost, reminders: ReminderLedgerHost, @Inject(CONFIG) config: Config) {
    super(readModels, reminders, config);
  }

  @Get('grupper/:id/:key.ics')
  groupFeed(
    @Param('id') id: string,
    @Param('key') key: string,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    const personId = this.keyHolder(key);
    const { catalog } = this.readModels;
    const allowed = personId !== null && groupsOfPerson(catalog, personId, []).includes(id);
    if (!allowed) return this.notFound(req, res);
    this.group(req, res, id, personId);
  }

  @Get('personer/:id/:key.ics')
  personFeed(
    @Param('id') id: string,
    @Param('key') key: string,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    if (this.keyHolder(key) !== id) return this.notFound(req, res);
    this.person(req, res, id);
  }
}

/** The owner's secret calendar URLs, and a reset that makes the old ones stop working. */
@Controller('people')
export class CalendarKeysController {
  private readonly secret: string;

  constructor(
    private readonly readModels: ReadModelHost,
    private readonly writes: WriteService,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    this.secret = calendarSecretFrom(config);
  }

  @Get(':id/calendar')
  urls(@Req() req: Request, @Param('id') id: string) {
    ownerOrAdmin(req, id);
    const person = lookups.person(this.readModels.catalog, id);
    return this.body(id, person.calendarKeyGeneration);
  }

  @Post(':id/calendar-key')
  reset(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string) {
    return this.writes.handle(req, res, async (ctx) => {
      ownerOrAdmin(req, id);
      lookups.person(this.readModels.catalog, id);
      const result = await ctx.run('person', { type: 'ResetCalendarKey', data: { personId: id } });
      const events = result.events as { type: string; data: { generation?: number } }[];
      const reset = events.find((e) => e.type === 'CalendarKeyReset');
      const generation =
        reset?.data.generation ?? this.readModels.catalog.people.get(id)!.calendarKeyGeneration;
      return { status: 200, body: this.body(id, generation), etag: result.revision };
    });
  }

  private body(personId: string, generation: number) {
    const key = calendarKey(this.secret, personId, generation);
    const { catalog } = this.readModels;
    const publicUrl = this.config.PUBLIC_URL;
    return {
      personId,
      personFeed: calendarUrls.person(publicUrl, personId, key),
      groupFeeds: groupsOfPerson(catalog, personId, []).map((groupId) => ({
        groupId,
        name: catalog.groups.get(groupId)!.name,
        url: calendarUrls.group(publicUrl, groupId, key),
      })),
    };
  }
}
