import { WebTestApp } from '../web/testing/web-test-app';

// The sign-in link's page over HTTP, with its rate limit counted in a real Redis (under the app's own prefix).
jest.setTimeout(30_000);

const app = new WebTestApp();
// The address's sign-in budget set to two tries a minute (20 per 15 minutes as shipped).
beforeAll(() => app.start({ RATE_LIMIT_SIGN_IN_PER_ADDRESS: '2/60' }));
afterAll(() => app.stop());

const unknownLink = `/logg-inn/${'x'.repeat(43)}`;

describe('the page a sign-in link opens', () => {
  it('answers too many tries from one address with a page saying when to try again, not JSON', async () => {
    for (let i = 0; i < 2; i++)
      expect((await app.get(unknownLink, { accept: 'text/html' })).status).toBe(410);
    // The third try within the configured minute.
    const last = await app.get(unknownLink, { accept: 'text/html' });
    expect(last.status).toBe(429);
    const retryAfter = Number(last.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(last.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await last.text();
    expect(html).toContain('<html lang="nb"');
    expect(html).toContain('For mange forsøk');
    expect(html).not.toContain('RATE_LIMITED');

    const posted = await fetch(`${app.base}${unknownLink}?lang=en`, { method: 'POST' });
    expect(posted.status).toBe(429);
    expect(posted.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await posted.text()).toContain('Too many attempts');
  });
});
