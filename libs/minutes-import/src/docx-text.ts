// Flattens the HTML that mammoth makes of a Word file into lines the parser reads well: one paragraph a line with a
// blank line after it, list items with their numbers ("1. ") or a bullet, table rows as tab-separated cells.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the HTML entities mammoth writes. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Turns mammoth's HTML into plain text lines. */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const lists: Array<{ ordered: boolean; index: number }> = [];
  let line = '';
  let row: string[] | null = null;
  let cell: string[] | null = null;
  const flush = (blankAfter: boolean) => {
    const t = line.replace(/[ \t]+/g, ' ').trim();
    line = '';
    if (cell) {
      if (t) cell.push(t);
      return;
    }
    if (t) out.push(t);
    if (blankAfter && t) out.push('');
  };
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)(?:[\s/][^>]*)?>|([^<]+)/gi)) {
    if (m[3] !== undefined) {
      line += decodeEntities(m[3]);
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    if (tag === 'p' || /^h[1-6]$/.test(tag)) {
      if (closing) flush(lists.length === 0);
      else if (line.trim()) flush(false);
    } else if (tag === 'br') flush(false);
    else if (tag === 'ol' || tag === 'ul') {
      flush(false);
      if (closing) lists.pop();
      else lists.push({ ordered: tag === 'ol', index: 0 });
    } else if (tag === 'li') {
      flush(false);
      const list = lists[lists.length - 1];
      if (!closing && list) {
        list.index++;
        line = `${'  '.repeat(lists.length - 1)}${list.ordered ? `${list.index}. ` : '• '}`;
      }
    } else if (tag === 'tr') {
      if (closing && row) {
        if (row.some(Boolean)) out.push(row.join('\t'));
        row = null;
      } else if (!closing) row = [];
    } else if (tag === 'td' || tag === 'th') {
      if (closing) {
        flush(false);
        row?.push((cell ?? []).join(' '));
        cell = null;
      } else cell = [];
    } else if (tag === 'table' && closing) out.push('');
  }
  flush(true);
  return out.join('\n');
}
