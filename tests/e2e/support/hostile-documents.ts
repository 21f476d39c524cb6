// Documents built to hurt the minutes import, shared by the e2e test and the benchmarks' import-health row.
import JSZip from 'jszip';
import { minutesDocx } from '../../../libs/minutes-import/testing/documents';

/**
 * Text made to hurt a backtracking parser, `size` characters long: long runs of spaces and tabs, endless name
 * lists, unclosed parentheses, then long lines of a dash-separated attendee pattern. Its meeting date is 12.03.2025.
 */
export function adversarialText(size: number): string {
  const parts = [
    'Referat fra møte\nDato: 12.03.2025\nTil stede: ',
    'Kari Nordmann, '.repeat(20_000),
    '\nSak 1. Tittel\n',
    `a${' '.repeat(200_000)}x\n`,
    `Navn${'\t'.repeat(200_000)}x.\n`,
    'Aog'.repeat(100_000),
    ' følger opp\n',
    '('.repeat(200_000),
    '\n',
    'Kari Nordmann og '.repeat(20_000),
    '\n',
  ];
  let text = parts.join('');
  const line = 'Per Hansen - Elvdal kommune - - - (digitalt, ';
  while (text.length < size) text += `${line.repeat(2_000)}\n`;
  return text.slice(0, size);
}

/** Just under the import's 50 MB limit on what a .docx unpacks to. */
export const NEAR_DOCX_LIMIT = 48 * 1024 * 1024;

/** A .docx whose text (one short paragraph repeated) unpacks to about `unpacked` bytes; compressed it is far smaller. */
export async function heavyDocx(unpacked: number = NEAR_DOCX_LIMIT): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await minutesDocx(['Referat']));
  const paragraph = '<w:p><w:r><w:t>Kari Nordmann følger opp saken til neste møte.</w:t></w:r></w:p>';
  const body = paragraph.repeat(Math.floor(unpacked / paragraph.length));
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
