import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Application, CommandContext } from '@tilneste/application';
import type { Config } from '@tilneste/config';
import { CONFIG } from '@tilneste/event-sourcing';
import { mailLanguageSchema, setReminderPreferencesData } from '@tilneste/people';
import { ReadModelHost } from '@tilneste/projections';
import { linkSecretFrom, preferencesOf, verifyPreferencesToken } from '@tilneste/reminders';
import { Public } from '../../http/auth.guard';
import { askedLanguage, pageContext } from '../shared/page-context';
import { sendPage } from '../shared/page-response';
import { viewerName } from '../shared/viewer';
import { preferencesView, type PreferencesNotice } from './preferences.view';

/** The form as browsers post it: a checkbox left unticked is simply absent. */
const formSchema = z.object({
  reminders: z.enum(['all', 'last', 'none']),
  chairDigest: z.literal('on').optional(),
  calendarNotices: z.literal('on').optional(),
  /** Absent from a form rendered before the choice existed: the person keeps their language. */
  language: mailLanguageSchema.optional(),
});

/**
 * `/varsler/<token>`: the List-Unsubscribe target of every reminder. GET shows the choices (and changes
 * nothing: mail scanners open links); POST with `List-Unsubscribe=One-Click` (RFC 8058) turns everything
 * off, and the form's POST saves the choices. The signed token is the authority, as with the e-mail links.
 */
@Public()
@Controller('varsler')
export class ReminderPreferencesController {
  private readonly secret: string;

  constructor(
    private readonly app: Application,
    private readonly readModels: ReadModelHost,
    @Inject(CONFIG) config: Config,
  ) {
    this.secret = linkSecretFrom(config);
  }

  @Get(':token')
  show(@Param('token') token: string, @Req() req: Request, @Res() res: Response): void {
    const personId = this.person(token);
    if (!personId) return this.send(req, res, 404, null, 'invalid', token);
    this.send(req, res, 200, personId, null, token);
  }

  @Post(':token')
  async save(
    @Param('token') token: string,
    @Req() req: Request,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const personId = this.person(token);
    if (!personId) return this.send(req, res, 404, null, 'invalid', token);
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    if (fields['List-Unsubscribe'] === 'One-Click') {
      await this.record(personId, {
        reminders: 'none',
        chairDigest: false,
        calendarNotices: false,
        source: 'one-click',
      });
      return this.send(req, res, 200, personId, 'unsubscribed', token);
    }
    const form = formSchema.safeParse(fields);
    if (!form.success) return this.send(req, res, 400, personId, 'invalid', token);
    await this.record(personId, {
      reminders: form.data.reminders,
      chairDigest: form.data.chairDigest === 'on',
      calendarNotices: form.data.calendarNotices === 'on',
      language: form.data.language,
      source: 'page',
    });
    this.send(req, res, 200, personId, 'saved', token);
  }

  /** The token's person, if the token is ours and the person exists. */
  private person(token: string): string | null {
    const personId = verifyPreferencesToken(token, this.secret);
    return personId && this.readModels.catalog.people.has(personId) ? personId : null;
  }

  /** Recorded with the person as the actor, through the e-mail's link; waits for the read models so the page shows it. */
  private async record(
    personId: string,
    choice: Omit<z.input<typeof setReminderPreferencesData>, 'personId'>,
  ): Promise<void> {
    const data = setReminderPreferencesData.parse({ personId, ...choice });
    await CommandContext.start(this.app, { kind: 'person', id: personId }, 'email-link').run('person', {
      type: 'SetReminderPreferences',
      data,
    });
  }

  /**
   * The page in the common layout, in the language of `?lang` or its cookie as every page is, and without
   * either in the language the person chose for their e-mails (just saved, after a POST).
   */
  private send(
    req: Request,
    res: Response,
    status: number,
    personId: string | null,
    notice: PreferencesNotice | null,
    token: string,
  ): void {
    const { catalog } = this.readModels;
    const preferences = personId ? preferencesOf(catalog, personId) : null;
    const page = pageContext(req, res, viewerName(catalog), preferences?.language);
    const view = preferencesView(
      {
        personName: personId ? (catalog.people.get(personId)?.name ?? null) : null,
        preferences,
        notice,
        // Only a language the reader asked for travels with the form; else the answer follows the choice saved.
        action: `/varsler/${token}${askedLanguage(req) === 'en' ? '?lang=en' : ''}`,
      },
      page,
    );
    // The token is in this page's URL: it must not travel on in a Referer, nor to the stylesheets it loads.
    res.setHeader('Referrer-Policy', 'no-referrer');
    sendPage(res, view, status);
  }
}
