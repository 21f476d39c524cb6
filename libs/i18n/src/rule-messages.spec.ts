import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { en, nb, ruleMessage, type Messages } from './index';

const ROOT = join(__dirname, '../../..');

/** Every source file (not specs) under apps/ and libs/. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'dist', 'fixtures'].includes(entry.name) ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !/spec\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The code of every `new DomainError('CONTEXT.NAME', …)` in the code base: the rules a reader can break. */
function thrownCodes(): string[] {
  const codes = new Set<string>();
  for (const file of [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))]) {
    for (const [, code] of readFileSync(file, 'utf8').matchAll(
      /new DomainError\(\s*['"`]([A-Z_]+\.[A-Z_]+)['"`]/g,
    ))
      codes.add(code);
  }
  return [...codes].sort();
}

// The HTTP error mapping names a lost race (the store's WrongExpectedVersionError) with a code of its own.
const MAPPED = ['CONCURRENCY.CONFLICT'];

const known = [...thrownCodes(), ...MAPPED];
const catalogued = (m: Messages) =>
  Object.entries(m.rules).flatMap(([context, names]) =>
    Object.keys(names).map((name) => `${context}.${name}`),
  );

describe('the texts of broken rules', () => {
  it('are looked for in every code thrown (the search finds the rules of every context)', () => {
    for (const code of [
      'COMMITMENT.ALREADY_COMPLETED',
      'MEETING.ENDS_BEFORE_START',
      'COMMITMENT.OWNER_OF_OTHER_GROUP',
      'REMINDER.NOT_NEEDING_ATTENTION',
    ])
      expect(known).toContain(code);
    expect(known.length).toBeGreaterThan(40);
  });

  it.each(known)('have %s in bokmål and in English, and the English is not the bokmål', (code) => {
    const [bokmal, english] = [nb, en].map((m) => ruleMessage(m, { code }));
    expect([code, typeof bokmal, bokmal?.trim() !== '']).toEqual([code, 'string', true]);
    expect([code, typeof english, english?.trim() !== '']).toEqual([code, 'string', true]);
    expect(english).not.toBe(bokmal);
  });

  it('keep no text for a code nothing throws', () => {
    expect(catalogued(nb).filter((code) => !known.includes(code))).toEqual([]);
  });

  it('say what the details name, and fall back to a plain text without them', () => {
    expect(ruleMessage(nb, { code: 'MEETING.ITEM_NUMBER_TAKEN', details: { number: 4 } })).toBe(
      'Saksnummer 4 er allerede brukt i dette møtet.',
    );
    expect(ruleMessage(en, { code: 'MEETING.ITEM_NUMBER_TAKEN', details: { number: 4 } })).toBe(
      'Item number 4 is already used in this meeting.',
    );
    const problems = ['unparsable', 'zero', 'too_long', 'duplicate', 'too_many', undefined];
    for (const m of [nb, en]) {
      const texts = problems.map((problem) =>
        ruleMessage(m, { code: 'GROUP.INVALID_REMINDER_OFFSET', details: { problem } }),
      );
      expect(new Set(texts).size).toBe(problems.length);
    }
  });

  it('are null for a code the catalogue does not know, however it is spelt', () => {
    for (const code of ['MEETING.NOPE', 'NOPE.NOT_FOUND', 'MEETING', '', 'MEETING.toString', '__proto__.x'])
      expect([code, ruleMessage(nb, { code })]).toEqual([code, null]);
  });
});
