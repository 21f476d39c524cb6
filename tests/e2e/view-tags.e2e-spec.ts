import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess, client, TOKEN } from './support/server';

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-view-tags-'));
const api = new ApiProcess(join(dir, 'tags.db'));
const http = client(api);

beforeAll(() => api.start());
afterAll(async () => {
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('GETs carry the revision of the view they show', () => {
  let groupId: string;
  let matterId: string;

  beforeAll(async () => {
    groupId = (await http.ok('/groups', { name: 'Plangruppen' })).id;
    matterId = (await http.ok('/matters', { groupId, title: 'Regional plan for kollektivtrafikk' })).id;
  });

  it('answers a matching If-None-Match with 304 and no body, until an event changes the view', async () => {
    const first = await http.get(`/matters/${matterId}/history`);
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^W\/"p\d+"$/);

    const again = await fetch(`${api.url}/matters/${matterId}/history`, {
      headers: { authorization: `Bearer ${TOKEN}`, 'if-none-match': first.etag! },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    await http.ok(`/matters/${matterId}/decisions`, {
      meetingId: (await http.ok('/meetings', { groupId, startsAt: '2026-03-12T09:00:00+01:00' })).id,
      text: 'Planen sendes på høring',
      kind: 'adopted',
    });
    const changed = await fetch(`${api.url}/matters/${matterId}/history`, {
      headers: { authorization: `Bearer ${TOKEN}`, 'if-none-match': first.etag! },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(first.etag);
    expect(
      ((await changed.json()) as { timeline: { type: string }[] }).timeline.map(
        (e: { type: string }) => e.type,
      ),
    ).toContain('DecisionRecorded');
  });

  it('tags a view that changes with the clock by the minute it was computed in as well', async () => {
    const dashboard = await http.get(`/groups/${groupId}/dashboard`);
    expect(dashboard.etag).toMatch(/^W\/"p\d+-\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"$/);
  });

  it('answers a view asked for again with the kept JSON, and a write with the new state at once', async () => {
    const ask = () =>
      fetch(`${api.url}/groups/${groupId}/dashboard`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const first = await ask();
    const again = await ask();
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await first.text();
    if (again.headers.get('etag') === first.headers.get('etag')) expect(await again.text()).toBe(body);
    const revalidated = await fetch(`${api.url}/groups/${groupId}/dashboard`, {
      headers: { authorization: `Bearer ${TOKEN}`, 'if-none-match': again.headers.get('etag')! },
    });
    expect(revalidated.status).toBe(304);

    const openBefore = (JSON.parse(body) as { open: number }).open;
    const meetingId = (await http.ok('/meetings', { groupId, startsAt: '2026-05-12T09:00:00+02:00' })).id;
    await http.ok('/commitments', {
      meetingId,
      text: 'Legge fram høringsuttalelsen',
      owner: null,
      due: { nextMeeting: true },
    });
    const after = await ask();
    expect(after.headers.get('etag')).not.toBe(again.headers.get('etag'));
    expect(((await after.json()) as { open: number }).open).toBe(openBefore + 1);
  });

  it('leaves health, which no event changes, untagged by the view position', async () => {
    const health = await fetch(`${api.url}/health`);
    expect(health.headers.get('etag') ?? '').not.toMatch(/^W\/"p/);
  });
});
