import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tilneste/domain-kit';
import { SqliteEventStore } from '@tilneste/event-store';
import { parseMinutes } from '@tilneste/minutes-import';
import { aobMove, ReadModelHost } from '@tilneste/projections';
import { startCarryOver } from '../../testing/start-carry-over';
import { Application } from '../application';
import { CommandContext } from '../command-context';
import { MinutesImportService } from './minutes-import.service';
import { MinutesReviewService } from './minutes-review.service';

// The same minutes saved with other line breaks are the same import, over a real SQLite store and the parser's
// child process; and an import keyed by its raw text before that rule is still found under its old key.
jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-import-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ADMIN: Actor = { kind: 'client', id: 'admin' };
const LINES = [
  'Referat fra møte i Faggruppe for friluftsliv',
  'Dato: 3.2.2026, kl. 13.00 – 15.00',
  'Sted: Turistforeningens hus',
  'Til stede: Solveig Brenna - Nordby kommune, Pål Tveit - Sørby kommune',
  'Møteleder: Solveig Brenna',
  '',
  'Sak 1. Godkjenning av innkalling',
  'Vedtak: Innkallingen ble godkjent.',
  '',
  'Sak 2. Merking av stier',
  'Til neste møte: Pål Tveit lager et kart over stiene som mangler merking.',
];
const unix = `${LINES.join('\n')}\n`;
const windows = `${LINES.join('\r\n')}\r\n`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function open(name: string) {
  const store = new SqliteEventStore({ path: join(dir, `${name}.db`), pollIntervalMs: 20 });
  const readModels = new ReadModelHost(store);
  await readModels.start();
  const app = new Application(store, readModels, () => readModels.catalog);
  const carryOver = await startCarryOver(app, store, readModels);
  const imports = new MinutesImportService(store, readModels, carryOver, new MinutesReviewService(store));
  const ctx = () => CommandContext.start(app, ADMIN, 'api');
  const groupId = randomUUID();
  await ctx().run('group', { type: 'EstablishGroup', data: { groupId, name: 'Faggruppe for friluftsliv' } });
  const parse = (text: string) =>
    imports.parse({ kind: 'text', data: text, fileName: null }, { actor: ADMIN, via: 'api' });
  const close = async () => {
    await carryOver.stop();
    await readModels.beforeApplicationShutdown();
    await store.close();
  };
  return { store, readModels, imports, ctx, groupId, parse, close };
}

describe('the key of an imported document', () => {
  it('is the same for the text with Windows line breaks, so committing it again adds nothing', async () => {
    const { readModels, imports, ctx, groupId, parse, close } = await open('line-breaks');
    try {
      const first = await parse(unix);
      const committed = await imports.commit(first.id, { groupId }, ctx());
      expect(committed.alreadyImported).toBe(false);
      expect(committed.created.commitments).toBe(1);
      const commitments = readModels.catalog.commitments.size;

      const again = await parse(windows);
      expect(again.id).toBe(first.id);
      expect(again.draft).toEqual(first.draft);
      // The text shown beside the draft is the text as uploaded.
      expect(again.text).toBe(windows);
      const second = await imports.commit(again.id, { groupId }, ctx());
      expect(second).toMatchObject({ alreadyImported: true, meetingId: committed.meetingId });
      expect(readModels.catalog.commitments.size).toBe(commitments);
    } finally {
      await close();
    }
  });

  it('stays the raw text’s hash for a document imported under it before', async () => {
    const { store, parse, close } = await open('legacy');
    try {
      // As the parse step recorded it when the key was the hash of the text exactly as uploaded.
      const legacy = sha256(windows);
      await store.appendToStream(`minutesimport-${legacy}`, [
        {
          id: randomUUID(),
          type: 'MinutesParsed',
          data: { contentHash: legacy, fileName: 'friluft.txt', draft: parseMinutes(windows) } as never,
        },
      ]);
      expect((await parse(windows)).id).toBe(legacy);
      // A text never imported gets the new key, whatever its line breaks.
      const other = unix.replace('Merking av stier', 'Nye gapahuker');
      const fresh = await parse(other.replace(/\n/g, '\r\n'));
      expect(fresh.id).toBe(sha256(other.trimEnd()));
      expect(fresh.id).not.toBe(sha256(other.replace(/\n/g, '\r\n')));
    } finally {
      await close();
    }
  });
});

describe('minutes imported for a meeting with an agenda already', () => {
  it('record on its items of the same number, and add only the ones it lacks', async () => {
    // Set up in Tilneste first (from the record page's draft, or by importing the notice): the document's items
    // 1 and 2 are the meeting's own, in its words and with its ids; item 3 is new.
    const { readModels, imports, ctx, groupId, parse, close } = await open('agenda-first');
    try {
      const meetingId = randomUUID();
      await ctx().run('meeting', {
        type: 'ScheduleMeeting',
        data: { meetingId, groupId, startsAt: '2026-02-03T13:00:00+01:00' },
      });
      const [first, second] = [randomUUID(), randomUUID()];
      const item = (itemId: string, number: number, title: string) => ({
        type: 'AddAgendaItem' as const,
        data: { meetingId, itemId, number, title },
      });
      await ctx().runAll('meeting', [
        item(first, 1, 'Godkjenning av innkalling og saksliste'),
        item(second, 2, 'Stier'),
      ]);
      const text = `${unix}\nSak 3. Nye gapahuker\nVedtak: Sekretariatet innhenter tilbud.\n`;
      const committed = await imports.commit((await parse(text)).id, { groupId }, ctx());
      expect(committed.meetingId).toBe(meetingId);
      const meeting = readModels.catalog.meetings.get(meetingId)!;
      expect(
        meeting.items.map((i) => [i.itemId === first || i.itemId === second, i.number, i.title]),
      ).toEqual([
        [true, 1, 'Godkjenning av innkalling og saksliste'],
        [true, 2, 'Stier'],
        [false, 3, 'Nye gapahuker'],
      ]);
      const made = [...readModels.catalog.commitments.values()].filter((c) => c.meetingId === meetingId);
      expect(made.map((c) => c.agendaItemId)).toEqual([second]);
    } finally {
      await close();
    }
  });

  it('record each decision on its own item when "Eventuelt" moved to the end before an item the minutes add', async () => {
    // The notice's agenda, then an item added on the record page: "Eventuelt" moves after it (`aobMove`), as the
    // page does. The minutes add one more item before "Eventuelt", which they number one higher than it is stored.
    const { store, readModels, imports, ctx, groupId, parse, close } = await open('floating-aob');
    try {
      const meetingId = randomUUID();
      await ctx().run('meeting', {
        type: 'ScheduleMeeting',
        data: { meetingId, groupId, startsAt: '2026-10-15T13:00:00+02:00' },
      });
      const [notice, trails, shelters, aob] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      await ctx().runAll('meeting', [
        {
          type: 'AddAgendaItem',
          data: {
            meetingId,
            itemId: notice,
            number: 1,
            title: 'Godkjenning av innkalling',
            kind: 'notice-approval',
          },
        },
        { type: 'AddAgendaItem', data: { meetingId, itemId: trails, number: 2, title: 'Stier' } },
        {
          type: 'AddAgendaItem',
          data: { meetingId, itemId: aob, number: 3, title: 'Eventuelt', kind: 'aob' },
        },
      ]);
      const move = aobMove(readModels.catalog.meetings.get(meetingId)!, [3]);
      expect(move).toEqual({ itemId: aob, number: 4 });
      await ctx().runAll('meeting', [
        { type: 'RenumberAgendaItem', data: { meetingId, ...move! } },
        { type: 'AddAgendaItem', data: { meetingId, itemId: shelters, number: 3, title: 'Nye gapahuker' } },
      ]);

      const text = [
        'Referat fra møte i Faggruppe for friluftsliv',
        'Dato: 15.10.2026, kl. 13.00 – 15.00',
        'Til stede: Solveig Brenna - Nordby kommune, Pål Tveit - Sørby kommune',
        'Møteleder: Solveig Brenna',
        '',
        'Sak 1. Godkjenning av innkalling',
        'Vedtak: Innkallingen ble godkjent.',
        '',
        'Sak 2. Merking av stier',
        'Vedtak: Merkingen fortsetter til våren.',
        '',
        'Sak 3. Nye gapahuker',
        'Vedtak: Sekretariatet innhenter tilbud.',
        '',
        'Sak 4. Budsjett for 2027',
        'Vedtak: Budsjettforslaget sendes styret.',
        'Til neste møte: Pål Tveit regner på driftskostnadene.',
        '',
        'Sak 5. Eventuelt',
        'Vedtak: Neste møte holdes digitalt.',
        '',
      ].join('\n');
      const committed = await imports.commit((await parse(text)).id, { groupId }, ctx());
      expect(committed.meetingId).toBe(meetingId);

      const items = readModels.catalog.meetings.get(meetingId)!.items;
      const budget = items.find((i) => i.title === 'Budsjett for 2027')?.itemId;
      // Each decision as the store holds it, on the item the minutes record it under.
      const decisions: Record<string, unknown> = {};
      for await (const e of store.readAll({ filter: { eventTypes: ['DecisionRecorded'] } })) {
        const data = e.data as { meetingId: string; text: string; agendaItemId: string };
        if (data.meetingId === meetingId) decisions[data.text] = data.agendaItemId;
      }
      expect(decisions).toEqual({
        'Merkingen fortsetter til våren.': trails,
        'Sekretariatet innhenter tilbud.': shelters,
        'Budsjettforslaget sendes styret.': budget,
        'Neste møte holdes digitalt.': aob,
      });
      // The meeting's own items keep their ids and words, in the minutes' numbers.
      expect(items.map((i) => [i.itemId, i.number, i.title])).toEqual([
        [notice, 1, 'Godkjenning av innkalling'],
        [trails, 2, 'Stier'],
        [aob, 5, 'Eventuelt'],
        [shelters, 3, 'Nye gapahuker'],
        [budget, 4, 'Budsjett for 2027'],
      ]);
      const made = [...readModels.catalog.commitments.values()].filter((c) => c.meetingId === meetingId);
      expect(made.map((c) => [c.text, c.agendaItemId])).toEqual([
        [expect.stringMatching(/driftskostnadene/), budget],
      ]);
      // The summary counts the renumber beside the item added.
      expect(committed.recorded).toMatchObject({ renumbered: 1, agendaItems: 1, decisions: 4 });
    } finally {
      await close();
    }
  });
});
