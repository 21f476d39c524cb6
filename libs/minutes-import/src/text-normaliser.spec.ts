import {
  joinHyphenation,
  normaliseDocument,
  removePageFurniture,
  splitCells,
  splitLines,
  stripBullet,
} from './text-normaliser';

describe('text normaliser', () => {
  it('cleans NBSP, zero-width characters and markdown bold, and keeps line numbers', () => {
    const lines = splitLines('Tid:\u00A020.03.2025\u200B\r\n**1. GODKJENNING**\n');
    expect(lines.map((l) => [l.no, l.text])).toEqual([
      [1, 'Tid: 20.03.2025'],
      [2, '1. GODKJENNING'],
      [3, ''],
    ]);
  });

  it('treats Word soft line breaks and form feeds as line breaks', () => {
    expect(splitLines('a\vb\fc\u2028d').map((l) => l.text)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rejoins words hyphenated across lines but keeps "helse- og omsorg"', () => {
    const out = joinHyphenation(splitLines('Resultatene er sva-\nkere enn før.\nhelse-\nog omsorg'));
    expect(out.map((l) => l.text)).toEqual(['Resultatene er svakere', 'enn før.', 'helse-', 'og omsorg']);
  });

  it('blanks page numbers and the running header repeated beside them', () => {
    const text = [
      'Elvdal kommune    Referat',
      'Sak 1 Godkjenning',
      'Side 1 av 2',
      'Elvdal kommune    Referat',
      'Sak 2 Eventuelt',
      'Side 2 av 2',
    ].join('\n');
    const out = removePageFurniture(splitLines(text)).map((l) => l.text);
    expect(out).toEqual(['', 'Sak 1 Godkjenning', '', '', 'Sak 2 Eventuelt', '']);
  });

  it('keeps text untouched when there are no page numbers', () => {
    const text = 'Godkjent\nGodkjent\nGodkjent';
    expect(normaliseDocument(text).map((l) => l.text)).toEqual(['Godkjent', 'Godkjent', 'Godkjent']);
  });

  it('splits table cells at tabs and wide gaps only', () => {
    expect(splitCells('Anne Kristine   Feltman\tBærum kommune')).toEqual([
      'Anne Kristine',
      'Feltman',
      'Bærum kommune',
    ]);
    expect(splitCells('Dag Aanensen Drammen kommune')).toEqual(['Dag Aanensen Drammen kommune']);
  });

  it('strips bullets but not hyphenated words', () => {
    expect(stripBullet('• Kari Nordmann')).toEqual({ text: 'Kari Nordmann', bullet: true });
    expect(stripBullet('- 1. Godkjenning')).toEqual({ text: '1. Godkjenning', bullet: true });
    expect(stripBullet('Hanne-Mai Eriksen')).toEqual({ text: 'Hanne-Mai Eriksen', bullet: false });
  });
});
