// JavaScript's \b only knows ASCII letters, so /\bønskes/ and /på\b/ never match. This rewrites each \b as a one-sided
// Unicode boundary: after a letter, digit or group it must end a word; elsewhere it must start one.
const WORD = String.raw`[\p{L}\p{N}_]`;
const ENDS_WORD = `(?!${WORD})`;
const STARTS_WORD = `(?<!${WORD})`;

/** The same pattern with every `\b` made Unicode-aware (and the `u` flag set). */
export function wordRe(pattern: RegExp): RegExp {
  const flags = pattern.flags.includes('u') ? pattern.flags : `${pattern.flags}u`;
  const source = pattern.source.replace(/\\b/g, (_m, at: number, src: string) =>
    /[\p{L}\p{N}_)?*+}]$/u.test(src.slice(0, at)) && !src.slice(0, at).endsWith('(?')
      ? ENDS_WORD
      : STARTS_WORD,
  );
  return new RegExp(source, flags);
}
