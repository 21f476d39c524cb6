import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@tilneste/event-store';
import { parseMinutes } from '@tilneste/minutes-import';
import { importSubject, ShreddingEventStore, SqlitePersonKeyStore } from '@tilneste/personal-data';
import { MinutesReviewService } from './minutes-review.service';

// The review of an imported document over a real SQLite store behind the personal-data seam: what an erasure
// leaves of it, and that an erasure stopped part way is still read as one.
const dir = mkdtempSync(join(tmpdir(), 'tilneste-review-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = [
  'REFERAT',
  'Faggruppe for skog',
  'Møtedato: 5. mai 2026',
  'Deltakere:',
  '- Halvard Mosevoll, Lia kommune',
  'Sak 1/26 Skogsbilveier',
  'Vedtak: Saken tas til orientering.',
].join('\n');
const admin = { kind: 'client', id: 'admin' } as const;

function open(name: string) {
  const keys = new SqlitePersonKeyStore(join(dir, `${name}.keys.db`));
  const store = new ShreddingEventStore(new SqliteEventStore({ path: join(dir, `${name}.db`) }), keys);
  return { store, keys, reviews: new MinutesReviewService(store) };
}

async function opened(reviews: MinutesReviewService, id: string) {
  const draft = parseMinutes(TEXT, { fileName: 'skog-mai.txt' });
  const review = await reviews.open(
    { id, fileName: 'skog-mai.txt', text: TEXT, draft, groupId: 'g1' },
    admin,
  );
  await reviews.save(id, review.revision, { groupId: 'g1', draft, rejectedMatches: ['H. Mosevoll'] }, admin);
  return review;
}

describe('a review whose document is erased', () => {
  it('keeps its group and what it recorded, refuses changes, and is listed without its file name', async () => {
    const { store, reviews } = open('erased');
    const id = 'd'.repeat(64);
    const other = 'e'.repeat(64);
    await opened(reviews, id);
    await opened(reviews, other);
    await reviews.committed(id, { groupId: 'g1', meetingId: 'm1', created: { commitments: 0 } }, admin);
    expect(await reviews.documentTexts(id)).toEqual(expect.arrayContaining([TEXT, 'H. Mosevoll']));

    await reviews.erased(id, admin);
    await reviews.erased(id, admin); // a retry records nothing twice
    expect(await reviews.find(id)).toEqual({
      id,
      groupId: 'g1',
      committed: { groupId: 'g1', meetingId: 'm1', created: { commitments: 0 } },
      revision: 3n,
      erased: true,
    });
    await expect(reviews.get(id)).rejects.toMatchObject({ code: 'IMPORT.ERASED' });
    const draft = parseMinutes(TEXT, {});
    await expect(
      reviews.save(id, 3n, { groupId: 'g1', draft, rejectedMatches: [] }, admin),
    ).rejects.toMatchObject({ code: 'IMPORT.ERASED' });
    expect(JSON.stringify(await reviews.documentTexts(id))).not.toMatch(/Mosevoll|skog-mai/);
    expect(await reviews.list()).toEqual([
      expect.objectContaining({ id: other, fileName: 'skog-mai.txt', erased: false }),
      expect.objectContaining({ id, fileName: null, committed: true, erased: true }),
    ]);
    expect((await reviews.get(other)).text).toBe(TEXT);

    // The file holds neither the text nor the file name in clear, before or after.
    await store.close();
    const raw = new Database(join(dir, 'erased.db'), { readonly: true });
    const data = raw.prepare<[], { data: string }>('SELECT data FROM events').all();
    raw.close();
    expect(data.map((r) => r.data).join('\n')).not.toMatch(/Mosevoll|skog-mai/);
  });

  it('reads as erased when the key went but the erasure was never recorded (a stop part way)', async () => {
    const { store, keys, reviews } = open('partway');
    const id = 'f'.repeat(64);
    await opened(reviews, id);
    keys.erase(importSubject(id), new Date());
    expect(await reviews.find(id)).toMatchObject({ id, groupId: 'g1', erased: true, committed: null });
    await reviews.erased(id, admin);
    expect((await reviews.list())[0]).toMatchObject({ id, erased: true });
    await store.close();
  });
});
