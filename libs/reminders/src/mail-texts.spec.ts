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
 * secretariat in bokmål; and every e-mail writes an item's agenda item as the pages do, "sak 4: Arbeidsgrupper"
 * (`EVERYWHERE`).
 */
const CHANGED: Record<string, (before: string) => string> = {
  'composed-chair-en': (before) => before.replaceAll('Owner: Sekretariatet', 'Owner: The secretariat'),
};
const EVERYWHERE = (before: string) => before.replace(/(, (?:sak|item) \d+) /g, '$1: ');

/**
 * The e-mails were laid out anew to make them smaller (one MJML section instead of three an item, each
 * item's two buttons one under the other). Their HTML must say what it said, in the same order, with the
 * same links and language, and no longer has the same markup.
 */
const LAID_OUT_AGAIN = /^(reminder|notice|composed)-/;

/** What an e-mail's HTML says: its language, title, the text of its body in order, and its links. */
function said(html: string) {
  const body = html.slice(html.indexOf('<body')).replace(/<!--[\s\S]*?-->/g, '');
  return {
    lang: /<html[^>]* lang="([^"]*)"/.exec(html)?.[1],
    title: /<title>([\s\S]*?)<\/title>/.exec(html)?.[1],
    // An mj-spacer holds a hair space; the layout has fewer spacers now.
    text: body
      .replace(/<[^>]+>|&#8202;/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
    links: [...body.matchAll(/href="([^"]*)"/g)].map((link) => link[1]),
  };
}

describe('the e-mails and pages with reminder texts', () => {
  it('have a rendering from before the move for every case', () => {
    for (const name of Object.keys(mailCases))
      expect([
        name,
        Object.keys(FILES).some((f) => existsSync(join(BEFORE, `${name}.${FILES[f as keyof RenderedCase]}`))),
      ]).toEqual([name, true]);
  });

  it.each(Object.keys(mailCases))('render %s exactly as before', async (name) => {
    const now = await mailCases[name]();
    const change = (before: string) => EVERYWHERE((CHANGED[name] ?? ((text: string) => text))(before));
    for (const [field, extension] of Object.entries(FILES) as [keyof RenderedCase, string][]) {
      const file = join(BEFORE, `${name}.${extension}`);
      const before = existsSync(file) ? change(readFileSync(file, 'utf8')) : undefined;
      if (field === 'html' && LAID_OUT_AGAIN.test(name) && before !== undefined)
        expect([field, said(now.html!)]).toEqual([field, said(before)]);
      else expect([field, now[field]]).toEqual([field, before]);
    }
  });

  it('changed the English overview only where it named the secretariat in bokmål', async () => {
    const now = await mailCases['composed-chair-en']();
    expect(now.text).toContain('Owner: The secretariat');
    expect(`${now.text}${now.html}`).not.toContain('Sekretariatet');
  });
});
