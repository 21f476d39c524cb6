import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { ReadModelHost } from '@tilneste/projections';
import { ReminderQueueFigures } from '@tilneste/reminders';
import { AccessService } from '../../auth/access.service';
import { returnPathOf } from '../../auth/return-path';
import { errorView, signInRequiredView } from '../shared/error.view';
import { pageContext } from '../shared/page-context';
import { sendPage } from '../shared/page-response';
import { viewerName } from '../shared/viewer';

/** Where the admins' Bull Board lives: outside `/api`, beside the pages. */
export const QUEUE_BOARD_PATH = '/admin/ko';

/**
 * Bull Board's own page asks for nothing but its scripts and styles from here, a JSON config block, inline
 * styles, and a Google Fonts stylesheet. Its path gets its own policy: the pages' script rule, inline styles
 * (which its React UI sets), and no third-party origin at all, so the fonts fall back to the system's and an
 * admin's browser never calls Google from here.
 */
const BOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

type RenderDone = (err: Error | null, html: string) => void;

/**
 * Bull Board's page has no way back to the product, and its one menu of links hides behind a button with no
 * name. A plain link comes first in its body instead, before the app it mounts, so it is the first thing a
 * keyboard reaches; it is fixed in the bottom left corner, over the sidebar's foot, as the app fills the
 * window. `text` is the catalogue's (no markup) in the reader's language, marked as such, since the board's
 * page says it is English.
 */
export function withWayBack(html: string, text: string, lang: string): string {
  const link =
    `<nav aria-label="Tilneste" lang="${lang}" style="position:fixed;left:0;bottom:0;z-index:1000;` +
    'padding:0.5rem 1rem;background:#fff;border:1px solid #767676"><a href="/" style="color:#0b5394;' +
    'text-decoration:underline;' +
    `font:1rem sans-serif">${text}</a></nav>`;
  return html.replace(/<body[^>]*>/, (body) => body + link);
}

/**
 * Mounts Bull Board over the reminder queue at {@link QUEUE_BOARD_PATH}, for admins only (the one access
 * policy's `system.admin`, from a session or the admin token). It is read-only: every send goes through
 * the claim on the reminder's stream, and a person's "send again" is an event on the reminders page, never
 * a retry from here. Redis is first touched when an admin opens it.
 */
export function mountQueueBoard(app: NestExpressApplication): void {
  const access = app.get(AccessService);
  const readModels = app.get(ReadModelHost);
  const figures = app.get(ReminderQueueFigures);
  let router: ((req: Request, res: Response, next: NextFunction) => void) | undefined;

  // Bull Board (and BullMQ under it) loads when an admin first opens it, not when the API starts.
  const board = () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { createBullBoard } = require('@bull-board/api') as typeof import('@bull-board/api');
    const { BullMQAdapter } =
      require('@bull-board/api/bullMQAdapter') as typeof import('@bull-board/api/bullMQAdapter');
    const { ExpressAdapter } = require('@bull-board/express') as typeof import('@bull-board/express');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: [
        new BullMQAdapter(figures.bullQueue(), {
          readOnlyMode: true,
          allowRetries: false,
          displayName: 'Påminnelser (reminders)',
        }),
      ],
      serverAdapter,
      // The link to Bull Board's documentation leads to another site, which this policy would not let it reach.
      options: { uiConfig: { boardTitle: 'Tilneste', hideDocsLink: true } },
    });
    return serverAdapter.getRouter() as (req: Request, res: Response, next: NextFunction) => void;
  };

  const guard = (req: Request, res: Response, next: NextFunction) => {
    const page = () => pageContext(req, undefined, viewerName(readModels.catalog));
    let principal;
    try {
      principal = access.principalOf(req);
    } catch {
      principal = null;
    }
    if (!principal) return sendPage(res, signInRequiredView(page(), returnPathOf(req.originalUrl)), 401);
    const decision = access.decide(principal, 'system.admin', { kind: 'system' });
    if (!decision.allow) return sendPage(res, errorView('forbidden', page(), decision.reason), 403);
    (req as Request & { actor?: unknown }).actor = principal.actor;
    res.setHeader('Content-Security-Policy', BOARD_CSP);
    res.setHeader('Cache-Control', 'no-store');
    // Its page is rendered from a template (the API and its scripts are sent as they are): give it a way back.
    const render = res.render.bind(res) as (view: string, options: object, done: RenderDone) => void;
    res.render = ((view: string, options: object = {}) =>
      render(view, options, (err, html) =>
        err ? next(err) : res.send(withWayBack(html, page().m.common.backToTilneste, page().lang)),
      )) as Response['render'];
    next();
  };

  app.use(QUEUE_BOARD_PATH, guard, (req: Request, res: Response, next: NextFunction) => {
    router ??= board();
    router(req, res, next);
  });
}
