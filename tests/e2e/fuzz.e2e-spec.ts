import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestSmtpServer } from '../../libs/reminders/testing/smtp-test-server';
import { ApiProcess, client, TOKEN } from './support/server';
import { personalToken } from './support/sign-in';

// Hostile bodies to every write endpoint of the real server process: nothing a client sends may answer
// 5xx, the server must stay healthy, and what was written before must be left as it was.
jest.setTimeout(900_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-fuzz-'));
// Every payload goes to every write route, imports included: far past the import budget, which
// tests/e2e/access.e2e-spec.ts checks at its shipped size.
const env: Record<string, string> = { RATE_LIMIT_SCALE: '1000' };
const api = new ApiProcess(join(dir, 'fuzz.db'), env);
const http = client(api);
// The account routes are a signed-in person's own: they get a person's token, so bodies reach their checks.
const smtp = new TestSmtpServer();

beforeAll(async () => {
  await smtp.start();
  env.SMTP_URL = smtp.url;
  await api.start();
});
afterAll(async () => {
  await api.stop();
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Payload {
  label: string;
  body: string | Blob;
  contentType?: string;
  headers?: Record<string, string>;
  /** The status and error code this payload must get on a JSON route. */
  expect?: { status: number; code?: string; path?: (string | number)[] };
}

const DEPTH = 20_000;
const deepObject = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
const deepArray = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;

/** Payloads for one route; `field` is a property its body schema names, so values reach real fields. */
function payloads(field: string): Payload[] {
  const json = (label: string, body: string, expect?: Payload['expect']): Payload => ({
    label,
    body,
    contentType: 'application/json',
    expect,
  });
  const at = (value: string) => `{${JSON.stringify(field)}:${value}}`;
  return [
    json('object nested 20,000 deep', deepObject, { status: 400, code: 'BODY.TOO_DEEP' }),
    json('array nested 20,000 deep', deepArray, { status: 400, code: 'BODY.TOO_DEEP' }),
    json(`${field} nested 20,000 deep`, at(deepObject), { status: 400, code: 'BODY.TOO_DEEP' }),
    json('array of 200,000 numbers', `[${'0,'.repeat(199_999)}0]`, {
      status: 413,
      code: 'BODY.ARRAY_TOO_LONG',
    }),
    json(`${field}: 150,000 strings`, at(`[${'"x",'.repeat(149_999)}"x"]`), {
      status: 413,
      code: 'BODY.ARRAY_TOO_LONG',
      path: [field],
    }),
    json('object with 20,000 keys', `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":0`).join(',')}}`, {
      status: 413,
      code: 'BODY.TOO_MANY_KEYS',
    }),
    json('body of 1.2 MB', at(JSON.stringify('x'.repeat(1_200_000))), {
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    }),
    json(`${field}: 1e400 (Infinity once parsed)`, at('1e400'), {
      status: 400,
      code: 'BODY.NUMBER_OUT_OF_RANGE',
      path: [field],
    }),
    json(`${field}: -1e400`, at('-1e400'), { status: 400, code: 'BODY.NUMBER_OUT_OF_RANGE' }),
    json(`${field}: 1e308`, at('1e308')),
    json(`${field}: 2^53 + 1`, at('9007199254740993')),
    json(`${field}: 30 digits`, at('123456789012345678901234567890')),
    json(`${field}: -0`, at('-0')),
    json(`${field}: 1e-400`, at('1e-400')),
    json(`${field}: 900,000 characters`, at(JSON.stringify('å'.repeat(900_000)))),
    json(`${field}: lone surrogate`, at('"\\ud800"'), {
      status: 400,
      code: 'BODY.INVALID_TEXT',
      path: [field],
    }),
    json(`${field}: NUL`, at('"\\u0000"')),
    json(`${field}: empty`, at('""')),
    json(`${field}: 2,000 emoji`, at(JSON.stringify('🎉'.repeat(2_000)))),
    json(`${field}: object`, at('{"$ne":null}')),
    json(`${field}: array`, at('[1,2]')),
    json('null', 'null', { status: 400 }),
    json('a string', '"x"', { status: 400 }),
    json('a number', '42', { status: 400 }),
    json('an empty array', '[]', { status: 400 }),
    json('__proto__ and constructor', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}'),
    json('malformed JSON', '{"a":', { status: 400, code: 'INVALID_JSON' }),
    json('a key of 100,000 characters', `{${JSON.stringify('k'.repeat(100_000))}:1}`),
    {
      label: 'form-encoded',
      body: `${field}=x&text=y`,
      contentType: 'application/x-www-form-urlencoded',
      expect: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    },
    {
      label: 'form-encoded, nested',
      body: `${'a['.repeat(50)}x${']'.repeat(50)}=1`,
      contentType: 'application/x-www-form-urlencoded',
    },
    {
      label: 'text/plain',
      body: at('"x"'),
      contentType: 'text/plain',
      expect: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    },
    {
      label: 'XML',
      body: '<person><name>x</name></person>',
      contentType: 'application/xml',
      expect: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    },
    {
      label: 'multipart',
      body: '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--\r\n',
      contentType: 'multipart/form-data; boundary=b',
      expect: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    },
    {
      label: 'no content type',
      body: new Blob([at('"x"')]), // a Blob without a type: fetch sends no Content-Type
      expect: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    },
    { label: 'JSON in latin1', body: at('"x"'), contentType: 'application/json; charset=latin1' },
    {
      label: 'gzip that is not gzip',
      body: at('"x"'),
      contentType: 'application/json',
      headers: { 'content-encoding': 'gzip' },
    },
    {
      label: 'brotli',
      body: at('"x"'),
      contentType: 'application/json',
      headers: { 'content-encoding': 'br' },
    },
    {
      label: 'an If-Match past 64 bits',
      body: at('"x"'),
      contentType: 'application/json',
      headers: { 'if-match': '"123456789012345678901234567890"' },
      expect: { status: 400, code: 'VALIDATION' },
    },
    {
      label: 'an Idempotency-Key of 300 characters',
      body: at('"x"'),
      contentType: 'application/json',
      headers: { 'idempotency-key': 'k'.repeat(300) },
      expect: { status: 400, code: 'VALIDATION' },
    },
  ];
}

interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

describe('hostile input to every write endpoint', () => {
  const ids: Record<string, string> = {};
  const snapshot = new Map<string, unknown[]>();

  /** The events of every stream the admin wrote, as the audit shows them. */
  async function streams(): Promise<Map<string, unknown[]>> {
    const all = (await http.get('/audit?actor=admin&limit=10000')).body.events as { stream: string }[];
    const names = [...new Set(all.map((e) => e.stream))];
    const byStream = new Map<string, unknown[]>();
    for (const name of names) {
      const events = (await http.get(`/audit?stream=${encodeURIComponent(name)}`)).body.events as {
        recordedAt?: string;
      }[];
      byStream.set(name, events);
    }
    return byStream;
  }

  beforeAll(async () => {
    ids.person = (await http.ok('/people', { name: 'Fuzz Person', email: 'fuzz@example.no' })).id;
    ids.member = (await http.ok('/people', { name: 'Fuzz Medlem' })).id;
    // The erase route succeeds on its first well-formed call: it gets a person of its own, whose earlier
    // events then rightly read as erased.
    ids.erasable = (await http.ok('/people', { name: 'Fuzz Slettbar', email: 'slettbar@example.no' })).id;
    ids.group = (await http.ok('/groups', { name: 'Fuzzgruppen' })).id;
    await http.ok(`/groups/${ids.group}/members`, { personId: ids.member, role: 'member' });
    ids.meeting = (
      await http.ok('/meetings', { groupId: ids.group, startsAt: '2026-03-20T09:00:00+01:00' })
    ).id;
    ids.item = (await http.ok(`/meetings/${ids.meeting}/agenda-items`, { title: 'Sak 1' })).id;
    ids.workingGroup = (await http.ok('/working-groups', { groupId: ids.group, name: 'Arbeidsgruppe F' })).id;
    ids.matter = (await http.ok('/matters', { groupId: ids.group, title: 'Saken' })).id;
    ids.decision = (
      await http.ok(`/matters/${ids.matter}/decisions`, {
        meetingId: ids.meeting,
        text: 'Vedtatt',
        kind: 'approved',
      })
    ).id;
    ids.commitment = (
      await http.ok('/commitments', {
        meetingId: ids.meeting,
        text: 'Følge opp',
        owner: { personId: ids.person },
        due: { nextMeeting: true },
      })
    ).id;
    const parsed = await fetch(`${api.url}/imports/minutes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain; charset=utf-8' },
      body: 'Referat fra møte i Fuzzgruppen 20. mars 2026\n\nTil stede: Fuzz Person\n\nSak 1 Godkjenning av innkalling\nGodkjent.\n',
    });
    ids.import = parsed.ok ? ((await parsed.json()) as { id: string }).id : 'no-such-import';
    ids.personalToken = await personalToken(api, smtp, 'fuzz@example.no');
    for (const [name, events] of await streams()) snapshot.set(name, events);
  });

  function concrete(path: string): string {
    const area = path.split('/')[2];
    const idFor: Record<string, string> = {
      people: ids.person,
      groups: ids.group,
      meetings: ids.meeting,
      'working-groups': ids.workingGroup,
      matters: ids.matter,
      commitments: ids.commitment,
      imports: ids.import,
      links: 'not-a-valid-token',
    };
    return path
      .replace(/^\/api/, '')
      .replace('{id}', path.endsWith('/erase') ? ids.erasable : idFor[area])
      .replace('{itemId}', ids.item)
      .replace('{decisionId}', ids.decision)
      .replace('{personId}', ids.member)
      .replace('{tokenId}', 'no-such-token')
      .replace('{token}', 'not-a-valid-token');
  }

  it('answers every one with 4xx (or a success), stays healthy, and keeps what was written before', async () => {
    const document = (await http.get('/docs/openapi.json')).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const writes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => method !== 'get')
        .map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
    );
    expect(writes.length).toBeGreaterThanOrEqual(35);

    const serverErrors: string[] = [];
    const wrongAnswers: string[] = [];
    let sent = 0;
    for (const { path, method, operation } of writes) {
      const media = operation.requestBody?.content ?? {};
      const jsonOnly = Object.keys(media).every((type) => type === 'application/json');
      const fields = Object.keys(media['application/json']?.schema?.properties ?? {});
      const field = fields[0] ?? 'text';
      const token = /^\/api\/(me|auth)\//.test(path) ? ids.personalToken : TOKEN;
      for (const payload of payloads(field)) {
        const res = await fetch(`${api.url}${concrete(path)}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload.contentType ? { 'content-type': payload.contentType } : {}),
            ...payload.headers,
          },
          body: payload.body,
        });
        sent += 1;
        const text = await res.text();
        const where = `${method} ${path} with ${payload.label} → ${res.status}`;
        if (res.status >= 500) serverErrors.push(`${where}: ${text.slice(0, 200)}`);
        const expected = payload.expect;
        if (!expected || !jsonOnly) continue;
        // If-Match and Idempotency-Key are checked where the document offers them (writes of events).
        const offered = new Set((operation.parameters ?? []).map((p) => p.name.toLowerCase()));
        if (Object.keys(payload.headers ?? {}).some((h) => !offered.has(h))) continue;
        const error = (() => {
          try {
            return (JSON.parse(text) as { error?: { code?: string; issues?: { path: unknown[] }[] } }).error;
          } catch {
            return undefined;
          }
        })();
        const codeOk = !expected.code || error?.code === expected.code;
        const pathOk =
          !expected.path || JSON.stringify(error?.issues?.[0]?.path) === JSON.stringify(expected.path);
        if (res.status !== expected.status || !codeOk || !pathOk)
          wrongAnswers.push(
            `${where} ${error?.code ?? ''}, wanted ${expected.status} ${expected.code ?? ''}`,
          );
      }
      const health = await http.get('/health');
      if (health.status !== 200 || health.body?.status !== 'ok')
        serverErrors.push(`health after ${method} ${path}: ${health.status}`);
    }
    expect(sent).toBeGreaterThan(1_000);
    expect(serverErrors).toEqual([]);
    expect(wrongAnswers).toEqual([]);

    // What was written before is all still there, unchanged (appends after it are allowed).
    const after = await streams();
    for (const [name, events] of snapshot) {
      if (name === `person-${ids.erasable}`) continue;
      expect({ name, events: after.get(name)?.slice(0, events.length) }).toEqual({ name, events });
    }
    expect((await http.get(`/people/${ids.person}`)).status).toBe(200);
    expect((await http.get(`/matters/${ids.matter}/history`)).status).toBe(200);
  });

  it('asks who is calling before it looks at the body: no token is 401 whatever the body, then 415, then 400', async () => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${api.url}/commitments`, { method: 'POST', headers, body }).then(async (res) => ({
        status: res.status,
        code: ((await res.json()) as { error?: { code?: string } }).error?.code,
      }));
    const admin = { authorization: `Bearer ${TOKEN}` };
    expect(await post({ 'content-type': 'text/plain' }, 'x')).toMatchObject({ status: 401 });
    expect(await post({ ...admin, 'content-type': 'text/plain' }, 'x')).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    expect(await post({ ...admin, 'content-type': 'application/json' }, '[1]')).toEqual({
      status: 400,
      code: 'VALIDATION',
    });
  });
});
