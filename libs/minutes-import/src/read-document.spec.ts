import JSZip from 'jszip';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { htmlToText } from './docx-text';
import { MinutesImportError } from './errors';
import { decodeText, readDocxText, readMinutesFile } from './read-document';
import { readCentralDirectory } from './zip-guard';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
const cell = (t: string) => `<w:tc>${para(t)}</w:tc>`;

async function docx(bodyXml: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${bodyXml}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// A one-entry zip written by hand, so that the sizes it declares can be a lie.
function handZip(name: string, data: Buffer, declaredSize: number, method = 8): Buffer {
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(method, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(method, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + n.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, data, central, n, end]);
}

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return e instanceof MinutesImportError ? e.code : `other: ${(e as Error).message}`;
  }
};

describe('reading documents', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'minutes-import-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads .txt as UTF-8, and Windows-1252 when it is not UTF-8', async () => {
    const utf8 = join(dir, 'a.txt');
    writeFileSync(utf8, '\uFEFFMøteleder: Åse Ødegård');
    expect(await readMinutesFile(utf8)).toBe('Møteleder: Åse Ødegård');
    expect(decodeText(Buffer.from([0x4d, 0xf8, 0x74, 0x65]))).toBe('Møte');
  });

  it('refuses other file types and files over 5 MB with a Norwegian message', async () => {
    const rtf = join(dir, 'referat.rtf');
    writeFileSync(rtf, '{\\rtf1 Referat}');
    await expect(readMinutesFile(rtf)).rejects.toThrow(/støttes ikke.*\(unsupported file type/);
    const big = join(dir, 'stor.txt');
    writeFileSync(big, '');
    truncateSync(big, 6 * 1024 * 1024);
    expect(await codeOf(readMinutesFile(big))).toBe('MINUTES.TOO_LARGE');
  });

  it('reads a .docx, keeping table rows as tab-separated cells', async () => {
    const body =
      para('REFERAT') +
      para('Til stede:') +
      `<w:tbl><w:tr>${cell('Kari Nordmann')}${cell('Sørfjord kommune')}</w:tr><w:tr>${cell('Per Hansen')}${cell('Elvdal kommune')}</w:tr></w:tbl>` +
      para('1. Godkjenning av innkalling') +
      para('Godkjent.');
    const file = join(dir, 'referat.docx');
    writeFileSync(file, await docx(body));
    const text = await readMinutesFile(file);
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        'REFERAT',
        'Kari Nordmann\tSørfjord kommune',
        'Per Hansen\tElvdal kommune',
        '1. Godkjenning av innkalling',
      ]),
    );
  });

  it('refuses a zip bomb that declares its size', async () => {
    const bomb = handZip('word/document.xml', deflateRawSync(Buffer.alloc(1024)), 0xf0000000);
    expect(readCentralDirectory(bomb)[0].uncompressedSize).toBe(0xf0000000);
    expect(await codeOf(readDocxText(bomb))).toBe('MINUTES.DOCX_TOO_LARGE');
  });

  it('refuses a zip bomb that understates its size', async () => {
    const data = deflateRawSync(Buffer.alloc(60 * 1024 * 1024));
    expect(data.length).toBeLessThan(200 * 1024);
    expect(await codeOf(readDocxText(handZip('word/document.xml', data, 1000)))).toBe(
      'MINUTES.DOCX_TOO_LARGE',
    );
  });

  it('refuses a .docx that is not a zip', async () => {
    const file = join(dir, 'falsk.docx');
    writeFileSync(file, 'dette er ikke en zip-fil');
    expect(await codeOf(readMinutesFile(file))).toBe('MINUTES.DOCX_UNREADABLE');
  });

  it('flattens mammoth HTML: numbered lists, bullets, tables and entities', () => {
    const html =
      '<h1>Referat</h1><ol><li>Godkjenning &amp; innkalling</li><li>Budsjett</li></ol><ul><li>Kari</li></ul><table><tr><td><p>Per</p></td><td><p>Elvdal</p></td></tr></table><p>Slutt</p>';
    expect(htmlToText(html).split('\n').filter(Boolean)).toEqual([
      'Referat',
      '1. Godkjenning & innkalling',
      '2. Budsjett',
      '• Kari',
      'Per\tElvdal',
      'Slutt',
    ]);
  });
});
