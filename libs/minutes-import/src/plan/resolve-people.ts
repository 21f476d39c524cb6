import { withoutParentheses } from '../text-normaliser';
/** A person already in the directory. */
export interface DirectoryPerson {
  id: string;
  name: string;
  aliases: string[];
  organisation: string | null;
}

/** A name as the document writes it. */
export interface NameMention {
  name: string;
  organisation: string | null;
}

export type Resolution =
  | { name: string; action: 'existing'; personId: string; matchedBy: 'name' | 'alias' }
  | { name: string; action: 'same-as'; personId: string; sameAs: string; evidence: string[] }
  | { name: string; action: 'new'; personId: string; organisation: string | null };

/**
 * Lower case, no parentheses, single spaces; Norwegian letters folded so "Håkon" meets "Haakon". Digits go with the
 * other signs unless `digits` is 'keep' (titles: "Budsjett 2027").
 */
export function foldName(name: string, digits: 'drop' | 'keep' = 'drop'): string {
  return withoutParentheses(name, ' ')
    .normalize('NFC')
    .toLowerCase()
    .replace(/å/g, 'aa')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(digits === 'keep' ? /[^a-z0-9\s]/g : /[^a-z\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const plain = (name: string) => name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * Why two written names may be one person, or an empty list. Each reason is shown to the reviewer;
 * nothing is merged on a reason alone without being shown.
 */
export function sameNameEvidence(a: string, b: string): string[] {
  const fa = foldName(a);
  const fb = foldName(b);
  if (!fa || !fb || plain(a) === plain(b)) return [];
  if (fa === fb) return [`«${a}» og «${b}» er samme navn skrevet på ulike måter (æ/ø/å, bindestrek, tegn)`];
  const ta = fa.split(' ');
  const tb = fb.split(' ');
  if (ta.length > 1 && ta.length === tb.length && [...ta].sort().join(' ') === [...tb].sort().join(' ')) {
    return [`«${a}» og «${b}» har de samme navnene i annen rekkefølge (etternavn først)`];
  }
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  if (
    short.length >= 2 &&
    short[0] === long[0] &&
    short.at(-1) === long.at(-1) &&
    short.every((t) => long.includes(t))
  ) {
    return [`«${a}» og «${b}» har samme fornavn og etternavn; det ene har et mellomnavn til`];
  }
  if (ta.length >= 2 && ta.length === tb.length && ta.slice(0, -1).join(' ') === tb.slice(0, -1).join(' ')) {
    const [la, lb] = [ta.at(-1)!, tb.at(-1)!];
    if (Math.min(la.length, lb.length) >= 5 && editDistance(la, lb) <= 1) {
      return [`«${a}» og «${b}» har samme fornavn og nesten samme etternavn (${la}/${lb})`];
    }
  }
  return [];
}

/**
 * Resolves each mention: an exact name or alias in the directory, else a likely match in the directory
 * or earlier in the same document (with the evidence), else a new person with the given id.
 */
export function resolvePeople(
  mentions: NameMention[],
  directory: DirectoryPerson[],
  newId: (name: string) => string,
): Resolution[] {
  const exact = new Map<string, { id: string; by: 'name' | 'alias' }>();
  for (const person of directory) {
    for (const alias of person.aliases) exact.set(plain(alias), { id: person.id, by: 'alias' });
    exact.set(plain(person.name), { id: person.id, by: 'name' });
  }
  const known: { name: string; id: string }[] = directory.flatMap((p) => [
    p,
    ...p.aliases.map((name) => ({ ...p, name })),
  ]);
  const resolved = new Map<string, Resolution>();
  for (const mention of mentions) {
    const key = plain(mention.name);
    if (!key || resolved.has(key)) continue;
    const hit = exact.get(key);
    if (hit) {
      resolved.set(key, { name: mention.name, action: 'existing', personId: hit.id, matchedBy: hit.by });
      continue;
    }
    const candidate = known.find((k) => sameNameEvidence(mention.name, k.name).length);
    if (candidate) {
      resolved.set(key, {
        name: mention.name,
        action: 'same-as',
        personId: candidate.id,
        sameAs: candidate.name,
        evidence: sameNameEvidence(mention.name, candidate.name),
      });
      continue;
    }
    const id = newId(mention.name);
    resolved.set(key, {
      name: mention.name,
      action: 'new',
      personId: id,
      organisation: mention.organisation,
    });
    known.push({ name: mention.name, id });
  }
  return [...resolved.values()];
}

export const resolutionKey = plain;
