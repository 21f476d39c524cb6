// Test documents built for real: a PDF (pdf-lib) with running headers and footers, and a .docx (JSZip) from lines.
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export interface PdfPage {
  lines: string[];
}

/**
 * A PDF whose every page has the same two-part header (left and right, as a letterhead prints it) and a footer with
 * "Side n av m". The body lines are laid out top to bottom in Helvetica.
 */
export async function minutesPdf(
  pages: string[][],
  header: { left: string; right: string } = { left: 'Tilneste kommune', right: 'Møtereferat' },
): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  pages.forEach((lines, i) => {
    const page = doc.addPage([595, 842]);
    page.drawText(header.left, { x: 50, y: 800, size: 9, font });
    page.drawText(header.right, { x: 450, y: 800, size: 9, font });
    let y = 760;
    for (const line of lines) {
      if (line) page.drawText(line, { x: 50, y, size: 11, font });
      y -= 16;
    }
    page.drawText(`Side ${i + 1} av ${pages.length}`, { x: 260, y: 30, size: 9, font });
  });
  return Buffer.from(await doc.save());
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A .docx with one paragraph per line; `padding` adds a stored (uncompressed) part of that many bytes. */
export async function minutesDocx(lines: string[], padding = 0): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const body = lines
    .map((t) => `<w:p><w:r><w:t xml:space="preserve">${escape(t)}</w:t></w:r></w:p>`)
    .join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
  );
  if (padding) zip.file('word/media/padding.bin', Buffer.alloc(padding, 0x20), { compression: 'DEFLATE' });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
