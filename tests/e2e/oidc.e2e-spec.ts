import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess, client } from './support/server';

// Single sign-on end to end: the real API against a real oidc-provider, driven like a browser would.
jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-oidc-e2e-'));
let api: ApiProcess;
let provider: ChildProcess;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  const [providerPort, apiPort] = await Promise.all([freePort(), freePort()]);
  const publicUrl = `http://127.0.0.1:${apiPort}`;
  provider = spawn(process.execPath, [join(__dirname, 'support/oidc-provider.mjs')], {
    env: {
      ...process.env,
      PORT: String(providerPort),
      CLIENT_SECRET: 'oidc-client-secret-for-tests',
      REDIRECT_URI: `${publicUrl}/logg-inn/sso/callback`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    provider.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
    provider.once('exit', (code) => reject(new Error(`oidc-provider exited with ${code}`)));
  });
  api = new ApiProcess(join(dir, 'oidc.db'), {
    PORT: String(apiPort),
    PUBLIC_URL: publicUrl,
    OIDC_ISSUER: `http://127.0.0.1:${providerPort}`,
    OIDC_CLIENT_ID: 'tilneste',
    OIDC_CLIENT_SECRET: 'oidc-client-secret-for-tests',
    OIDC_SCOPES: 'openid email',
    TILNESTE_EMBEDDED_WORKER: 'false',
    // Every case signs on from this one address: more flows than a person starts in a quarter of an hour.
    RATE_LIMIT_SCALE: '5',
  });
  await api.start();
});
afterAll(async () => {
  await api?.stop();
  provider?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A browser in miniature: follows redirects, keeps cookies (per host, as browsers do), submits the forms it is
 * shown. `tamper` may rewrite each address before it is fetched, as someone crafting one would.
 */
async function browse(
  start: string,
  login: string,
  tamper: (url: string) => string = (url) => url,
): Promise<{ status: number; url: string; cookies: Map<string, string>; html: string }> {
  const jar = new Map<string, string>();
  let url = start;
  let init: RequestInit = {};
  for (let hops = 0; hops < 20; hops++) {
    url = tamper(url);
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair.split('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name.trim());
      else jar.set(name.trim(), value.join('='));
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).href;
      init = {};
      continue;
    }
    const html = await res.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(html);
    if (!form || !url.includes('/interaction/')) return { status: res.status, url, cookies: jar, html };
    const fields = new URLSearchParams();
    for (const [, name, value] of html.matchAll(/<input[^>]*name="([^"]+)"(?:[^>]*value="([^"]*)")?/g))
      fields.set(name, value ?? '');
    if (fields.has('login')) fields.set('login', login);
    if (fields.has('password')) fields.set('password', 'any');
    url = new URL(form[1].replace(/&amp;/g, '&'), url).href;
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
    };
  }
  throw new Error('too many hops');
}

describe('OpenID Connect sign-in', () => {
  it('signs in the person whose verified e-mail the provider vouches for, and refuses an unverified one', async () => {
    const http = client(api);
    const personId = (await http.ok('/people', { name: 'Siri Sso', email: 'siri@example.no' })).id;
    const origin = api.url.replace(/\/api$/, '');

    const done = await browse(`${origin}/logg-inn/sso`, 'siri@example.no');
    expect(done.url).toBe(`${origin}/`);
    const session = [...done.cookies].find(([name]) => name === 'tilneste_session');
    expect(session).toBeDefined();
    const me = await fetch(`${api.url}/me`, { headers: { cookie: `tilneste_session=${session![1]}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ personId, name: 'Siri Sso' });

    const unverified = await browse(`${origin}/logg-inn/sso`, 'unverified:siri@example.no');
    expect(unverified.status).toBe(403);
    expect(unverified.cookies.has('tilneste_session')).toBe(false);

    const stranger = await browse(`${origin}/logg-inn/sso`, 'nobody@example.no');
    expect(stranger.status).toBe(403);
  });

  it('leads on to the page asked for before the sign-in page, carried with the flow', async () => {
    const personId = (await client(api).ok('/people', { name: 'Nora Neste', email: 'nora@example.no' })).id;
    const origin = api.url.replace(/\/api$/, '');
    const asked = `/personer/${personId}/oppgaver?lang=en`;
    const sent = await fetch(`${origin}${asked}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    const signInPage = sent.headers.get('location')!;
    expect(signInPage).toBe(`/logg-inn?neste=${encodeURIComponent(asked)}`);
    const html = await (await fetch(`${origin}${signInPage}`, { headers: { accept: 'text/html' } })).text();
    const sso = /<a [^>]*href="(\/logg-inn\/sso[^"]*)"/.exec(html)![1];
    expect(sso).toBe(`/logg-inn/sso?neste=${encodeURIComponent(asked)}`);

    const done = await browse(`${origin}${sso}`, 'nora@example.no');
    expect([done.url, done.status]).toEqual([`${origin}${asked}`, 200]);
    expect(done.cookies.has('tilneste_session')).toBe(true);

    // Refused, the way back to the sign-in page still leads on to it.
    const stranger = await browse(`${origin}${sso}`, 'nobody@example.no');
    expect(stranger.status).toBe(403);
    expect(stranger.html).toContain(`<a class="ds-link" href="${signInPage}">`);
  });

  it('leads nowhere but to a page of ours, and never where the callback says', async () => {
    const personId = (await client(api).ok('/people', { name: 'Vera Videre', email: 'vera@example.no' })).id;
    const origin = api.url.replace(/\/api$/, '');
    for (const elsewhere of ['//evil.example', '/\\evil.example', 'https://evil.example/', '/logg-ut']) {
      const start = `${origin}/logg-inn/sso?neste=${encodeURIComponent(elsewhere)}`;
      const done = await browse(start, 'vera@example.no');
      expect([elsewhere, done.url]).toEqual([elsewhere, `${origin}/`]);
      expect(done.cookies.has('tilneste_session')).toBe(true);
    }
    // The page is the one the flow started with: one named in the provider's answer does not count.
    const asked = `/personer/${personId}/oppgaver`;
    const crafted = (url: string) =>
      url.startsWith(`${origin}/logg-inn/sso/callback?`) ? `${url}&neste=%2F%2Fevil.example` : url;
    const done = await browse(
      `${origin}/logg-inn/sso?neste=${encodeURIComponent(asked)}`,
      'vera@example.no',
      crafted,
    );
    expect(done.url).toBe(`${origin}${asked}`);
  });

  it('refuses a callback without the flow this browser started', async () => {
    const origin = api.url.replace(/\/api$/, '');
    const res = await fetch(`${origin}/logg-inn/sso/callback?code=abc&state=forged`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('set-cookie') ?? '').not.toContain('tilneste_session=');
  });
});
