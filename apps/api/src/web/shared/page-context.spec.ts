import type { Request } from 'express';
import { errorView } from './error.view';
import { pageContext } from './page-context';
import { renderDocument } from './render';

const request = (path: string, query: Record<string, string> = {}, cookie = '') =>
  ({ path, query, headers: { cookie } }) as unknown as Request;
const context = (req: Request) => pageContext(req, undefined, () => null);

describe('the page context', () => {
  it('takes the language from ?lang, then the cookie, then bokmål', () => {
    expect(context(request('/', { lang: 'en' })).lang).toBe('en');
    expect(context(request('/', {}, 'a=b; tilneste_lang=en')).lang).toBe('en');
    expect(context(request('/', { lang: 'de' })).lang).toBe('nb');
  });

  it('never links to another host from a path that starts with two slashes or a backslash', () => {
    for (const path of ['//elsewhere.example/x', '/\\elsewhere.example/x', '///elsewhere.example/x']) {
      const page = context(request(path));
      expect(page.path).toBe('/elsewhere.example/x');
      expect(renderDocument(errorView('not-found', page))).toContain('href="/elsewhere.example/x?lang=en"');
    }
    expect(context(request('/grupper/g1')).path).toBe('/grupper/g1');
  });
});
