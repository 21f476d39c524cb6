import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import { AgendaPageController } from './agenda/agenda.controller';
import { CommitmentPageController } from './commitment/commitment.controller';
import { DashboardPageController } from './dashboard/dashboard.controller';
import { MatterPageController } from './matter/matter.controller';
import { MeetingPageController } from './meeting/meeting.controller';
import { PageErrorFilter } from './shared/page-error.filter';
// --- web-record (issue 14, items 1 and 3) ---
import { RecordPageController } from './record/record.controller';
// --- end web-record ---
import { ASSETS } from './shared/layout';
import { StartPageController } from './start/start.controller';
import { TasksPageController } from './tasks/tasks.controller';
import { WorkingGroupPageController } from './working-group/working-group.controller';
// web-admin (issue 14, items 4 and 5)
import { AdminPeoplePageController } from './admin/people/admin-people.controller';
import { AdminRemindersPageController } from './admin/reminders/admin-reminders.controller';
import { SignInController } from './sign-in/sign-in.controller';
// Issue 14 part 2, import and review (web-import): begin
import { ImportPageController } from './import/import.controller';
import { ImportJobs } from './import/import-jobs';
import { importUpload } from './import/import-upload.middleware';
// Issue 14 part 2, import and review (web-import): end

/**
 * The page routes, which sit outside the API's `/api` prefix (path-to-regexp patterns, as Nest's
 * `setGlobalPrefix` exclusion takes them).
 */
export const PAGE_ROUTES = [
  '/',
  'grupper/*path',
  'personer/*path',
  'moter/*path',
  'saker/*path',
  'forpliktelser/*path',
  'arbeidsgrupper/*path',
  'kalender/*path',
  // The page behind List-Unsubscribe in reminder e-mails.
  'varsler/*path',
  // web-admin (issue 14, items 4 and 5): people and groups (the reminders page is under grupper/).
  'personer',
  // Sign-in: asking for a link, the link's own page, single sign-on; and sign-out.
  'logg-inn',
  'logg-inn/*path',
  'logg-ut',
  'forste-gang',
  // --- web-record (issue 14, items 1 and 3): its pages sit under grupper/ and moter/ above:
  // /grupper/:id/nytt-mote, /moter/:id/registrer (and its forms), /moter/:id/innkalling.docx|.txt ---
  // Issue 14 part 2, import and review (web-import): begin
  'import',
  'import/*path',
  // Issue 14 part 2, import and review (web-import): end
];

const dirOf = (file: string) => join(file, '..');

/** Static files the pages load: our CSS and script, Designsystemet's CSS and htmx, straight from node_modules. */
export function mountWebAssets(app: NestExpressApplication): void {
  const options = { index: false, maxAge: '1h' } as const;
  // Found through each package's main file: the CSS package's is dist/src/index.css, htmx's sits in dist/.
  const dsSrc = dirOf(require.resolve('@digdir/designsystemet-css'));
  app.useStaticAssets(dsSrc, { ...options, prefix: `${ASSETS}/ds/css/` });
  app.useStaticAssets(join(dsSrc, '../theme'), { ...options, prefix: `${ASSETS}/ds/theme/` });
  app.useStaticAssets(dirOf(require.resolve('htmx.org')), { ...options, prefix: `${ASSETS}/htmx/` });
  app.useStaticAssets(join(__dirname, 'assets'), { ...options, prefix: `${ASSETS}/` });
  // Issue 14 part 2 (web-import): the upload form is read before the guard, which checks its CSRF field.
  app.use('/import', importUpload);
}

@Module({
  controllers: [
    StartPageController,
    DashboardPageController,
    AgendaPageController,
    TasksPageController,
    MeetingPageController,
    MatterPageController,
    CommitmentPageController,
    WorkingGroupPageController,
    // web-admin (issue 14, items 4 and 5)
    AdminRemindersPageController,
    AdminPeoplePageController,
    SignInController,
    // --- web-record (issue 14, items 1 and 3) ---
    RecordPageController,
    // --- end web-record ---
    // Issue 14 part 2, import and review (web-import)
    ImportPageController,
  ],
  providers: [PageErrorFilter, ImportJobs],
})
export class WebModule {}
