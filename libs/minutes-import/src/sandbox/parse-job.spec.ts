import { createHash } from 'node:crypto';
import { documentHashes, runParseJob } from './parse-job';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const LINES = [
  'Referat fra møte i Faggruppe for vannforvaltning',
  'Dato: 9.3.2026',
  'Til stede: Randi Myhre - Elvdal kommune',
  '',
  'Sak 1. Tiltaksplan',
  'Til neste møte: Randi Myhre sender forslaget til tiltaksplan på høring.',
];

describe('documentHashes', () => {
  it('keys a text with \\n line breaks and no trailing whitespace as before, with no legacy key', () => {
    const text = LINES.join('\n');
    expect(documentHashes(text)).toEqual({ contentHash: sha256(text) });
  });

  it('gives CRLF, CR and a final line break the key of the plain text, and keeps the raw key as legacy', () => {
    const plain = sha256(LINES.join('\n'));
    for (const text of [
      LINES.join('\r\n'),
      LINES.join('\r'),
      `${LINES.join('\n')}\n`,
      `${LINES.join('\r\n')}\r\n \t`,
    ]) {
      expect(documentHashes(text)).toEqual({ contentHash: plain, legacyHash: sha256(text) });
    }
  });

  it('still tells documents apart by their words and by blank lines inside them', () => {
    const text = LINES.join('\n');
    expect(documentHashes(text.replace('høring', 'høring nå')).contentHash).not.toBe(sha256(text));
    expect(documentHashes(text.replace('\n\n', '\n')).contentHash).not.toBe(sha256(text));
  });
});

describe('runParseJob', () => {
  it('parses the same draft from the text with Windows line breaks, under the same key', async () => {
    const unix = await runParseJob({ kind: 'text', data: `${LINES.join('\n')}\n`, fileName: null });
    const windows = await runParseJob({ kind: 'text', data: `${LINES.join('\r\n')}\r\n`, fileName: null });
    expect(windows.contentHash).toBe(unix.contentHash);
    expect(windows.draft).toEqual(unix.draft);
    expect(windows.draft.agendaItems.flatMap((item) => item.commitments)).toHaveLength(1);
    expect(windows.text).toBe(`${LINES.join('\r\n')}\r\n`);
  });
});
