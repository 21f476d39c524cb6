import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nb } from '@tilneste/i18n';
import { RECORDED_KINDS, type RecordedKind } from '@tilneste/minutes-import/plan';
import { KIND_OF_EVENT } from '../../libs/application/testing/recorded-kinds';
import { FEBRUARY, JANUARY, MARCH } from '../../libs/application/testing/water-minutes';
import { ApiProcess, client, TOKEN } from './support/server';

// `minutes import` run for real against a SQLite file: what it shows before recording is what each commit then
// records, and what it says it recorded is, kind by kind, what the store then holds.
jest.setTimeout(300_000);

const CLI = join(__dirname, '../../dist/apps/cli/src/main.js');
const dir = mkdtempSync(join(tmpdir(), 'tilneste-cli-import-'));
const db = join(dir, 'cli.db');
let groupId: string;

/** The import's own bookkeeping, beside the records the summary counts. */
const BOOKKEEPING = new Set(['MinutesParsed', 'MinutesImported', 'MinutesImportedIntoGroup']);

beforeAll(async () => {
  const api = new ApiProcess(db);
  await api.start();
  try {
    groupId = (await client(api).ok('/groups', { name: 'Faggruppe for vann' })).id;
  } finally {
    await api.stop();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const head = () =>
  new Database(db, { readonly: true })
    .prepare<[], { p: number | null }>('SELECT MAX(global_position) AS p FROM events')
    .get()!.p ?? 0;

/** The events stored after `from`, counted as the summary counts them. */
function storedSince(from: number): Partial<Record<RecordedKind, number>> {
  const rows = new Database(db, { readonly: true })
    .prepare<[number], { type: string }>('SELECT type FROM events WHERE global_position > ?')
    .all(from);
  const counts: Partial<Record<RecordedKind, number>> = {};
  for (const { type } of rows) {
    const kind = KIND_OF_EVENT[type];
    if (kind) counts[kind] = (counts[kind] ?? 0) + 1;
    else if (!BOOKKEEPING.has(type)) throw new Error(`minutes import recorded ${type}, which no kind counts`);
  }
  return counts;
}

function importWithCli(path: string) {
  const run = spawnSync(process.execPath, [CLI, 'minutes', 'import', path, '--group', groupId, '--yes'], {
    env: { ...process.env, SQLITE_PATH: db, TILNESTE_ADMIN_TOKEN: TOKEN, TILNESTE_EMBEDDED_WORKER: 'false' },
    encoding: 'utf8',
    timeout: 240_000,
    input: '',
  });
  if (run.status !== 0) throw new Error(`minutes import failed (${run.status}): ${run.stderr}`);
  return run.stdout.split('\n');
}

/** The indented lines under each line `heading` matches, in order. */
function blocks(lines: string[], heading: RegExp): string[][] {
  const out: string[][] = [];
  lines.forEach((l, i) => {
    if (!heading.test(l)) return;
    const block: string[] = [];
    for (let j = i + 1; j < lines.length && lines[j].startsWith('  '); j++) block.push(lines[j].trim());
    out.push(block);
  });
  return out;
}

/** A summary's lines read back into counts, each line checked to be the catalogue's own words for its kind. */
function countsOf(lines: string[]): Partial<Record<RecordedKind, number>> {
  const counts: Partial<Record<RecordedKind, number>> = {};
  for (const line of lines) {
    const n = Number(/^(\d+) /.exec(line)?.[1]);
    const kind = RECORDED_KINDS.find((k) => nb.importPage.recorded[k](n) === line);
    if (!kind) throw new Error(`not a summary line: ${line}`);
    counts[kind] = (counts[kind] ?? 0) + n;
  }
  return counts;
}

const sum = (all: Partial<Record<RecordedKind, number>>[]) => {
  const total: Partial<Record<RecordedKind, number>> = {};
  for (const counts of all)
    for (const [kind, n] of Object.entries(counts) as [RecordedKind, number][])
      total[kind] = (total[kind] ?? 0) + n;
  return total;
};

describe('minutes import on the command line, and its summaries', () => {
  it('shows for a directory what each commit records, follow-ups and all, and says what the store then holds', () => {
    const docs = join(dir, 'januar-og-mars');
    mkdirSync(docs);
    writeFileSync(join(docs, 'januar.txt'), JANUARY);
    writeFileSync(join(docs, 'mars.txt'), MARCH);
    const before = head();
    const out = importWithCli(docs);

    const shown = blocks(out, /^Blir lagret \(to be recorded\):$/).map(countsOf);
    const saved = blocks(out, /^Lagret møtet \d{4}-\d{2}-\d{2} \(.+\):$/).map(countsOf);
    expect(saved).toHaveLength(2);
    // Each document as the commit after it counted it, and together what the store holds.
    expect(shown).toEqual(saved);
    expect(sum(saved)).toEqual(storedSince(before));
    // March, after January in the same run: it holds its meeting, approves no minutes (it names February's) and
    // carries Per Hansen's task over, which came due at March.
    expect(saved[1]).toMatchObject({ held: 1, carriedOver: 1, workingGroups: 1 });
  });

  it('shows the steps after the plan for an older document imported after newer ones, counted as the store holds them', () => {
    const file = join(dir, 'februar.txt');
    writeFileSync(file, FEBRUARY);
    const before = head();
    const out = importWithCli(file);

    const [shown] = blocks(out, /^Blir lagret \(to be recorded\):$/).map(countsOf);
    const [saved] = blocks(out, /^Lagret møtet 2026-02-12 \(.+\):$/).map(countsOf);
    expect(shown).toEqual(saved);
    expect(saved).toEqual(storedSince(before));
    // February approves January's minutes and is approved by March's; the lead stays the one March names.
    expect(saved).toMatchObject({ minutesApproved: 2, attendance: 3 });
    expect(saved).not.toHaveProperty('leadChanges');
    expect(blocks(out, /^Etter planen \(after the plan\):$/)).toEqual([
      expect.arrayContaining([
        nb.importPage.approvalLine('2026-01-15', '2026-02-12'),
        nb.importPage.approvalLine('2026-02-12', '2026-03-12'),
      ]),
    ]);
  });
});
