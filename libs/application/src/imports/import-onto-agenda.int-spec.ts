import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tilneste/domain-kit';
import { SqliteEventStore } from '@tilneste/event-store';
import { ReadModelHost } from '@tilneste/projections';
import { startCarryOver } from '../../testing/start-carry-over';
import { Application } from '../application';
import { CommandContext } from '../command-context';
import { MinutesImportService } from './minutes-import.service';
import { MinutesReviewService } from './minutes-review.service';

// Minutes imported for a meeting whose agenda was set up in Tilneste first (from the record page's draft, or by
// importing its notice): the minutes' items are the meeting's items of the same number, not new ones beside
// them, over a real SQLite store and the parser's child process.
jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-import-agenda-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ADMIN: Actor = { kind: 'client', id: 'admin' };
const MINUTES = `${[
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
  '',
  'Sak 3. Nye gapahuker',
  'Vedtak: Sekretariatet innhenter tilbud.',
].join('\n')}\n`;

async function open() {
  const store = new SqliteEventStore({ path: join(dir, 'agenda.db'), pollIntervalMs: 20 });
  const readModels = new ReadModelHost(store);
  await readModels.start();
  const app = new Application(store, readModels, () => readModels.catalog);
  const carryOver = await startCarryOver(app, store, readModels);
  const imports = new MinutesImportService(store, readModels, carryOver, new MinutesReviewService(store));
  const ctx = () => CommandContext.start(app, ADMIN, 'api');
  const close = async () => {
    await carryOver.stop();
    await readModels.beforeApplicationShutdown();
    await store.close();
  };
  return { readModels, imports, ctx, close };
}

describe('minutes imported for a meeting with an agenda already', () => {
  it('record on the items of the same number, add only the ones it lacks, and twice add nothing', async () => {
    const { readModels, imports, ctx, close } = await open();
    try {
      const groupId = randomUUID();
      const meetingId = randomUUID();
      await ctx().run('group', {
        type: 'EstablishGroup',
        data: { groupId, name: 'Faggruppe for friluftsliv' },
      });
      await ctx().run('meeting', {
        type: 'ScheduleMeeting',
        data: { meetingId, groupId, startsAt: '2026-02-03T13:00:00+01:00' },
      });
      // As the record page adds them from the draft: its own words, its own ids.
      const first = randomUUID();
      const second = randomUUID();
      await ctx().runAll('meeting', [
        {
          type: 'AddAgendaItem',
          data: {
            meetingId,
            itemId: first,
            number: 1,
            title: 'Godkjenning av innkalling og saksliste',
            kind: 'notice-approval',
          },
        },
        {
          type: 'AddAgendaItem',
          data: { meetingId, itemId: second, number: 2, title: 'Stier', kind: 'other' },
        },
      ]);

      const parsed = await imports.parse(
        { kind: 'text', data: MINUTES, fileName: null },
        { actor: ADMIN, via: 'api' },
      );
      const committed = await imports.commit(parsed.id, { groupId }, ctx());
      expect(committed.meetingId).toBe(meetingId);
      const meeting = readModels.catalog.meetings.get(meetingId)!;
      // Items 1 and 2 are the meeting's own, as they were; item 3 is added from the minutes.
      expect(meeting.items.map((i) => [i.number, i.title])).toEqual([
        [1, 'Godkjenning av innkalling og saksliste'],
        [2, 'Stier'],
        [3, 'Nye gapahuker'],
      ]);
      const commitments = [...readModels.catalog.commitments.values()].filter(
        (c) => c.meetingId === meetingId,
      );
      expect(commitments.map((c) => c.agendaItemId)).toEqual([second]);
      const again = await imports.commit(parsed.id, { groupId }, ctx());
      expect(again.alreadyImported).toBe(true);
      expect(readModels.catalog.meetings.get(meetingId)!.items).toHaveLength(3);
    } finally {
      await close();
    }
  });
});
