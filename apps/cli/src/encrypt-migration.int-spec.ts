import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type JsonObject } from '@tilneste/event-store';
import { isSealed } from '@tilneste/personal-data';
import { applyToCatalog, Catalog } from '@tilneste/projections';
import { createEventStore } from '@tilneste/event-sourcing';
import { encryptStore, MigrationError } from './encrypt-migration';
import { DirectSink, generate } from './generate';

jest.setTimeout(300_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-encrypt-'));
const old = join(dir, 'old.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A store as written before this change: the generator writes straight to SQLite, names in clear. */
beforeAll(async () => {
  const store = new SqliteEventStore({ path: old, writer: 'inline' });
  const options = { seed: 'encrypt-1', events: 4_000, years: 2, until: '2026-10-31' };
  await generate(options, new DirectSink(store, options.events, options.seed));
  await store.close();
});

const rows = (path: string) =>
  new Database(path, { readonly: true })
    .prepare<[], { type: string; data: string }>('SELECT type, data FROM events ORDER BY global_position')
    .all();

describe('encrypt-personal-data', () => {
  it('copies a clear store into a new one with every name and e-mail sealed, and the same read models', async () => {
    const people = rows(old)
      .filter((r) => r.type === 'PersonRegistered')
      .map((r) => JSON.parse(r.data));
    expect(people.length).toBeGreaterThan(5);
    const target = join(dir, 'new.db');
    const result = await encryptStore(old, target);
    expect(result.events).toBe(rows(old).length);
    expect(result.sealedFields).toBeGreaterThanOrEqual(people.length);
    expect(statSync(result.keysPath).mode & 0o777).toBe(0o600);

    // Not one name or address is left in the new file's bytes; the old ones were there.
    const oldBytes = readFileSync(old, 'utf8');
    const newBytes = readFileSync(target, 'utf8');
    for (const p of people) {
      expect(oldBytes).toContain(JSON.stringify(p.name).slice(1, -1));
      expect(newBytes).not.toContain(JSON.stringify(p.name).slice(1, -1));
      if (p.email) expect(newBytes).not.toContain(p.email);
    }
    const sealed = rows(target)
      .filter((r) => r.type === 'PersonRegistered')
      .map((r) => JSON.parse(r.data));
    expect(sealed.every((d) => isSealed(d.name))).toBe(true);

    // Through the seam (as the API opens it) the people read as they were.
    const { store } = createEventStore({
      EVENT_STORE: 'sqlite',
      SQLITE_PATH: target,
      EVENTSTORE_CONNECTION_STRING: undefined,
    });
    const catalog = new Catalog();
    for await (const e of store.readAll()) applyToCatalog(catalog, e);
    await store.close();
    for (const p of people) expect(catalog.people.get(p.personId)?.name).toBe(p.name);
  });

  it('seals an imported document, its drafts and its group record too, and reads them back the same', async () => {
    const hash = 'c'.repeat(64);
    const draft = { kind: 'minutes', chair: 'Sigrun Kildevik', attendees: [{ name: 'Sigrun Kildevik' }] };
    const written: [string, string, JsonObject][] = [
      [`minutesimport-${hash}`, 'MinutesParsed', { contentHash: hash, fileName: 'kildevik.txt', draft }],
      [
        `minutesreview-${hash}`,
        'MinutesReviewOpened',
        { contentHash: hash, fileName: 'kildevik.txt', text: 'Leder: Sigrun Kildevik', draft, groupId: 'g1' },
      ],
      [
        `minutesreview-${hash}`,
        'MinutesReviewSaved',
        { groupId: 'g1', draft, rejectedMatches: ['S. Kildevik'] },
      ],
      [
        'minutesreviews',
        'MinutesReviewListed',
        { contentHash: hash, fileName: 'kildevik.txt', groupId: 'g1', at: '2026-01-01T00:00:00.000Z' },
      ],
      [
        'minutesimports-g1',
        'MinutesImportedIntoGroup',
        { contentHash: hash, meetingId: 'm1', workingGroupLeads: [{ name: 'AG', lead: 'Sigrun Kildevik' }] },
      ],
      [
        `minutesimport-${hash}`,
        'MinutesImported',
        { contentHash: hash, groupId: 'g1', meetingId: 'm1', created: {}, draft },
      ],
    ];
    const clear = join(dir, 'imports-old.db');
    const store = new SqliteEventStore({ path: clear, writer: 'inline' });
    let n = 0;
    for (const [stream, type, data] of written)
      await store.appendToStream(stream, [
        { id: `7a1c2a3b-0000-4000-8000-${String(++n).padStart(12, '0')}`, type, data, metadata: {} },
      ]);
    await store.close();
    expect(readFileSync(clear, 'utf8')).toContain('Kildevik');

    const target = join(dir, 'imports-new.db');
    const result = await encryptStore(clear, target);
    // fileName ×3, text, draft ×4, rejectedMatches, workingGroupLeads
    expect(result.sealedFields).toBe(10);
    expect(readFileSync(target, 'utf8')).not.toMatch(/Kildevik|kildevik/);
    const { store: opened } = createEventStore({
      EVENT_STORE: 'sqlite',
      SQLITE_PATH: target,
      EVENTSTORE_CONNECTION_STRING: undefined,
    });
    const read: [string, string, unknown][] = [];
    for await (const e of opened.readAll()) read.push([e.streamName, e.type, e.data]);
    await opened.close();
    expect(read).toEqual(written);
  });

  it('refuses a target that exists, and a store that is already encrypted', async () => {
    await expect(encryptStore(old, join(dir, 'new.db'))).rejects.toThrow(MigrationError);
    await expect(encryptStore(join(dir, 'new.db'), join(dir, 'again.db'))).rejects.toThrow(
      /allerede kryptert/,
    );
  });

  it('fails loudly, naming the read model, when the copy would change one', async () => {
    // An event without `at` in its metadata takes its time from when it was stored, which a copy cannot keep:
    // the commitment's `madeAt` would change, and the check must say so rather than pass it on.
    const odd = join(dir, 'odd.db');
    const store = new SqliteEventStore({ path: odd, writer: 'inline' });
    await store.appendToStream('commitment-c1', [
      {
        id: '6f1c2a3b-0000-4000-8000-000000000001',
        type: 'CommitmentMade',
        data: {
          commitmentId: 'c1',
          groupId: 'g1',
          meetingId: 'm1',
          agendaItemId: null,
          matterId: null,
          text: 'Sende rapporten',
          owner: { kind: 'secretariat' },
          due: { kind: 'next-meeting' },
        },
        metadata: {},
      },
    ]);
    await store.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(encryptStore(odd, join(dir, 'odd-new.db'))).rejects.toThrow(
      /read models differ\): commitments\b.*må ikke tas i bruk/,
    );
  });
});
