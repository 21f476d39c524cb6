import { ADMIN, WebTestApp } from '../testing/web-test-app';

// The "Første gang" form over HTTP: the first administrator, set up with the admin token.
jest.setTimeout(30_000);

const app = new WebTestApp();
beforeAll(() => app.start());
afterAll(() => app.stop());

const setup = (fields: Record<string, string>, lang = 'nb') =>
  fetch(`${app.base}/forste-gang?lang=${lang}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: new URLSearchParams(fields).toString(),
  });

describe('setting up the first administrator', () => {
  it('asks for the token when none is typed, rather than calling it wrong, and sets up no one', async () => {
    for (const token of ['', '   ']) {
      const empty = await setup({ token, name: 'Anne Admin', email: 'anne@example.no' });
      expect(empty.status).toBe(400);
      expect(empty.headers.get('set-cookie') ?? '').not.toMatch(/tilneste_session=|__Host-tilneste=/);
      const html = await empty.text();
      expect(html).toContain('id="setup-token-error">Skriv inn administratornøkkelen.</p>');
      expect(html).not.toContain('Nøkkelen stemmer ikke.');
      // What was typed in the other fields is given back.
      expect(html).toContain('value="Anne Admin"');
    }
    const english = await setup({ name: 'Anne Admin', email: 'anne@example.no' }, 'en');
    expect(english.status).toBe(400);
    expect(await english.text()).toContain('id="setup-token-error">Enter the admin token.</p>');

    const wrong = await setup({ token: `${ADMIN}x`, name: 'Anne Admin', email: 'anne@example.no' });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('id="setup-token-error">Nøkkelen stemmer ikke.</p>');
    // No one was made administrator: the right token still sets one up.
    const done = await setup({ token: ADMIN, name: 'Anne Admin', email: 'anne@example.no' });
    expect(done.status).toBe(303);
  });
});
