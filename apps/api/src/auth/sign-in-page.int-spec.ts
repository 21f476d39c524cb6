import { WebTestApp } from '../web/testing/web-test-app';

// The sign-in link's page over HTTP, with its rate limit counted in a real Redis (under the app's own prefix).
jest.setTimeout(30_000);

const app = new WebTestApp();
// A tenth of the budgets: the address's sign-in budget (20) is spent after two tries.
beforeAll(() => app.start({ RATE_LIMIT_SCALE: '0.1' }));
afterAll(() => app.stop());

const unknownLink = `/logg-inn/${'x'.repeat(43)}`;

describe('the page a sign-in link opens', () => {
  it('answers too many tries from one address with a page saying when to try again, not JSON', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 10; i++) {
      last = await app.get(unknownLink, { accept: 'text/html' });
      if (last.status === 429) break;
      expect(last.status).toBe(410);
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await last!.text();
    expect(html).toContain('<html lang="nb"');
    expect(html).toContain('For mange forsøk');
    expect(html).not.toContain('RATE_LIMITED');

    const posted = await fetch(`${app.base}${unknownLink}?lang=en`, { method: 'POST' });
    expect(posted.status).toBe(429);
    expect(posted.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await posted.text()).toContain('Too many attempts');
  });
});
