import { h, type ComponentChildren } from 'preact';
import type { Principal } from '@tilneste/access';
import { RecordLinks } from '../record/record-links';
import { Layout } from './layout';
import { CommitmentLink, Typed, TypedIn } from './parts';
import { mayFor } from './page-context';
import { renderDocument, renderFragment } from './render';
import { testPage, testPrincipal } from './view-testing';

const header = (principal: Principal | null) => {
  const html = renderDocument(
    h(Layout, { page: testPage('nb', '/', principal), title: 'Start', children: null }),
  );
  return ['/import', '/personer', '/admin/ko'].filter((path) => html.includes(`href="${path}"`));
};

const readToken: Principal = {
  ...testPrincipal(),
  actor: { kind: 'client', id: 'reader' },
  personId: null,
  readsAll: true,
};

describe('what a page shows its reader, by the access policy', () => {
  it('links staff to the import and people pages, and admins to the queue too', () => {
    expect(header(testPrincipal({ roles: { g: 'secretariat' } }))).toEqual(['/import', '/personer']);
    expect(header(testPrincipal({ admin: true }))).toEqual(['/import', '/personer', '/admin/ko']);
  });

  it('links nobody else there: a member, a chair, the read token, a reader not signed in', () => {
    expect(header(testPrincipal({ roles: { g: 'member', h: 'chair' } }))).toEqual([]);
    expect(header(readToken)).toEqual([]);
    expect(header(null)).toEqual([]);
  });

  it('asks about the group in question: the secretariat of one group records there only', () => {
    const may = mayFor(testPrincipal({ roles: { g: 'secretariat', h: 'member' } }));
    expect(may('group.record', { kind: 'group', groupId: 'g' })).toBe(true);
    expect(may('group.record', { kind: 'group', groupId: 'h' })).toBe(false);
    expect(may('group.manage', { kind: 'group', groupId: 'g' })).toBe(true);
    expect(mayFor(null)('group.read', { kind: 'group', groupId: 'g' })).toBe(false);
    const page = testPage('nb', '/', testPrincipal({ roles: { g: 'secretariat', h: 'member' } }));
    const links = (groupId: string) =>
      renderFragment(h(RecordLinks, { page, groupId, meetingId: 'm1', schedule: true }));
    expect(links('g')).toContain('href="/moter/m1/registrer"');
    expect(links('g')).toContain('href="/grupper/g/nytt-mote"');
    expect(links('h')).toBe('');
  });
});

describe('text people typed, in the language of the page around it (WCAG 3.1.2)', () => {
  const main = (lang: 'nb' | 'en', children: ComponentChildren) => {
    const html = renderDocument(h(Layout, { page: testPage(lang, '/'), title: 'T', children }));
    return html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  };

  it('is marked bokmål on an English page, and not on a bokmål page, where <html lang> says so', () => {
    const typed = h(
      'p',
      null,
      h(Typed, null, 'Dele lista'),
      ' ',
      h(CommitmentLink, { id: 'c1', text: 'Dele' }),
    );
    expect(main('en', typed)).toContain(
      '<p><span lang="nb">Dele lista</span> <a class="ds-link" href="/forpliktelser/c1" lang="nb">Dele</a></p>',
    );
    expect(main('nb', typed)).toContain(
      '<p>Dele lista <a class="ds-link" href="/forpliktelser/c1">Dele</a></p>',
    );
  });

  it('marks only the typed value in a sentence from the catalogue', () => {
    const sentence = (value: string) => `Report from ${value}, today`;
    expect(main('en', h(TypedIn, { text: sentence, value: 'Gruppe 5' }))).toContain(
      'Report from <span lang="nb">Gruppe 5</span>, today',
    );
    // A sentence that does not hold the value once is shown as it is, unmarked, rather than cut wrongly.
    const twice = (value: string) => `${value} and ${value}`;
    expect(main('en', h(TypedIn, { text: twice, value: 'A' }))).toMatch(/>A and A$/);
  });
});
