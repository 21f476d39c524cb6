import { ERASED_PERSON } from '@tilneste/people';

/**
 * Whether an imported document mentions a person, for erasure: any of their names, aliases or e-mail addresses,
 * in any letter case, as whole words (so the alias "Ola" does not take every document naming "Olav"), with a
 * bokmål genitive allowed ("Karis forslag"), and across a line break inside a name.
 */
export function mentionMatcher(terms: Iterable<string>): (text: string) => boolean {
  const words = [
    ...new Set(
      [...terms]
        .map((t) => t.trim().replace(/\s+/g, ' '))
        .filter((t) => t.length >= 2 && t.toLowerCase() !== ERASED_PERSON),
    ),
  ];
  if (words.length === 0) return () => false;
  const alternatives = words
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?:s|['’]s?)?(?![\\p{L}\\p{N}_])`,
    'iu',
  );
  return (text) => pattern.test(text);
}

/** Every string inside a JSON value (a draft, a list of names), for the matcher to read. */
export function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, into);
  else if (typeof value === 'object' && value !== null)
    for (const v of Object.values(value)) stringsIn(v, into);
  return into;
}
