import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mailCases, type RenderedCase } from '../testing/mail-cases';

/*
 * The reminder texts moved from reminder.messages.ts into the message catalogue (libs/i18n). Every e-mail and
 * page they go into was rendered from the same fixed inputs before the move (testing/mail-before/, written
 * from testing/mail-cases.ts at the commit before it) and must render exactly so now.
 */
const BEFORE = join(__dirname, '../testing/mail-before');

const FILES: Record<keyof RenderedCase, string> = {
  subject: 'subject.txt',
  text: 'txt',
  html: 'html',
  attachments: 'attachments.txt',
};

/**
 * Changes made on purpose since then, each said here: the chair's overview in an English e-mail named the
 * secretariat in bokmål.
 */
const CHANGED: Record<string, (before: string) => string> = {
  'composed-chair-en': (before) => before.replaceAll('Owner: Sekretariatet', 'Owner: The secretariat'),
};

describe('the e-mails and pages with reminder texts', () => {
  it('have a rendering from before the move for every case', () => {
    for (const name of Object.keys(mailCases))
      expect([name, Object.keys(FILES).some((f) => existsSync(join(BEFORE, `${name}.${FILES[f as keyof RenderedCase]}`)))]).toEqual([name, true]);
  });

  it.each(Object.keys(mailCases))('render %s exactly as before', async (name) => {
    const now = await mailCases[name]();
    const change = CHANGED[name] ?? ((before: string) => before);
    for (const [field, extension] of Object.entries(FILES) as [keyof RenderedCase, string][]) {
      const file = join(BEFORE, `${name}.${extension}`);
      const before = existsSync(file) ? change(readFileSync(file, 'utf8')) : undefined;
      expect([field, now[field]]).toEqual([field, before]);
    }
  });

  it('changed the English overview only where it named the secretariat in bokmål', async () => {
    const now = await mailCases['composed-chair-en']();
    expect(now.text).toContain('Owner: The secretariat');
    expect(`${now.text}${now.html}`).not.toContain('Sekretariatet');
  });
});
