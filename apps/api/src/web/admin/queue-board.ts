import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { ReadModelHost } from '@tilneste/projections';
import { ReminderQueueFigures } from '@tilneste/reminders';
import { AccessService } from '../../auth/access.service';
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
      options: { uiConfig: { boardTitle: 'Tilneste' } },
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
    if (!principal) return sendPage(res, signInRequiredView(page()), 401);
    const decision = access.decide(principal, 'system.admin', { kind: 'system' });
    if (!decision.allow) return sendPage(res, errorView('forbidden', page(), decision.reason), 403);
    (req as Request & { actor?: unknown }).actor = principal.actor;
    res.setHeader('Content-Security-Policy', BOARD_CSP);
    res.setHeader('Cache-Control', 'no-store');
    next();
  };

  app.use(QUEUE_BOARD_PATH, guard, (req: Request, res: Response, next: NextFunction) => {
    router ??= board();
    router(req, res, next);
  });
}
