// Text of a PDF in reading order: items placed on lines by their baseline, lines top to bottom, cells left to right;
// running headers, footers and page numbers that repeat across pages are dropped.
import { MinutesImportError } from './errors';

/** A piece of text placed on a page (PDF coordinates: origin bottom left). */
export interface PlacedText {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

const PAGE_NUMBER =
  /^(?:(?:side|page|s\.|sida)\s*)?\d{1,3}(?:\s*(?:av|of|\/|frå|fra)\s*\d{1,3})?$|^[-–]\s*\d{1,3}\s*[-–]$/i;
/** How many lines at the top and at the bottom of a page may be running header or footer. */
const ZONE = 4;

/** Lays out one page's items as text lines. Pure. */
export function pageLines(items: readonly PlacedText[]): string[] {
  const pieces = items.filter((i) => i.str.trim());
  const rows: Array<{ y: number; size: number; items: PlacedText[] }> = [];
  for (const item of [...pieces].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const size = item.fontSize || 10;
    // Items come sorted top to bottom, so an item can only share the last row begun.
    const last = rows[rows.length - 1];
    const row = last && Math.abs(last.y - item.y) <= Math.max(last.size, size) * 0.4 ? last : undefined;
    if (row) row.items.push(item);
    else rows.push({ y: item.y, size, items: [item] });
  }
  const out: string[] = [];
  let lastY: number | null = null;
  for (const row of rows.sort((a, b) => b.y - a.y)) {
    // A gap of more than a line and a half is a new paragraph: a blank line, as in a text export.
    if (lastY !== null && lastY - row.y > row.size * 2.2) out.push('');
    out.push(rowText(row));
    lastY = row.y;
  }
  return out.filter((line, i) => line || (i > 0 && out[i - 1]));
}

function rowText(row: { size: number; items: PlacedText[] }): string {
  let line = '';
  let end: number | null = null;
  for (const item of row.items.sort((a, b) => a.x - b.x)) {
    const gap = end === null ? 0 : item.x - end;
    // A wide gap is a column (a flattened table or a right-aligned header): a tab, as a Word export writes it.
    if (gap > row.size * 1.5) line += '\t';
    else if (end !== null && gap > row.size * 0.12 && !line.endsWith(' ')) line += ' ';
    line += item.str;
    end = item.x + item.width;
  }
  return line.replace(/ {2,}/g, ' ').trim();
}

const furnitureKey = (line: string) => line.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/**
 * Removes what repeats at the top or bottom of the pages: page numbers, and lines found in the header or footer zone
 * of at least half the pages (digits ignored, so "Side 1 av 3" and "Side 2 av 3" count as one line).
 */
export function dropPageFurniture(pages: readonly string[][]): string[][] {
  const zone = (lines: readonly string[]) => [
    ...lines.slice(0, ZONE),
    ...lines.slice(Math.max(ZONE, lines.length - ZONE)),
  ];
  const seen = new Map<string, number>();
  for (const lines of pages)
    for (const key of new Set(zone(lines).map(furnitureKey))) seen.set(key, (seen.get(key) ?? 0) + 1);
  const repeated = (line: string) =>
    pages.length >= 2 && (seen.get(furnitureKey(line)) ?? 0) >= Math.max(2, pages.length / 2);
  return pages.map((lines) => {
    const inZone = new Set([...lines.keys()].filter((i) => i < ZONE || i >= lines.length - ZONE));
    return lines.filter((line, i) => !(inZone.has(i) && (PAGE_NUMBER.test(line.trim()) || repeated(line))));
  });
}

/** Extracts the text of a PDF with unpdf (PDF.js): reading order, one line per text line, pages furniture removed. */
export async function readPdfText(buf: Uint8Array): Promise<string> {
  let pages: PlacedText[][];
  try {
    const { extractTextItems, getDocumentProxy } = await import('unpdf');
    const doc = await getDocumentProxy(new Uint8Array(buf), { isEvalSupported: false, stopAtErrors: false });
    pages = (await extractTextItems(doc)).items;
    await doc.destroy();
  } catch (e) {
    throw new MinutesImportError(
      'MINUTES.PDF_UNREADABLE',
      `PDF-filen kan ikke leses: ${(e as Error).message} (the PDF file cannot be read).`,
    );
  }
  const text = dropPageFurniture(pages.map(pageLines))
    .map((lines) => lines.join('\n'))
    .join('\n\n');
  if (!text.trim())
    throw new MinutesImportError(
      'MINUTES.PDF_NO_TEXT',
      'PDF-filen har ingen tekst, bare bilder; bruk en PDF med tekst eller en Word-fil (the PDF holds no text, only images).',
    );
  return text;
}
