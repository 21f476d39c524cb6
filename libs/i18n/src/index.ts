import { en } from './messages.en';
import { nb, type Messages, type RuleDetails } from './messages.nb';

export { en, nb, type Messages, type RuleDetails };
export { ruleMessage, type CodedError } from './rule-messages';

export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nb';

const catalogues: Record<Language, Messages> = { nb, en };

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** The catalogue of a language; bokmål for anything else. */
export function messagesFor(lang: string | undefined): Messages {
  return isLanguage(lang) ? catalogues[lang] : catalogues[DEFAULT_LANGUAGE];
}

/**
 * One part of both catalogues, for what is made outside the pages (a CSV, a Word document, a calendar feed),
 * with the language's locale and the secretariat's name beside its own words.
 */
export type Section<K extends keyof Messages> = Messages[K] & { locale: string; secretariat: string };

export function sectionOf<K extends keyof Messages>(key: K): Record<Language, Section<K>> {
  const of = (catalogue: Messages) =>
    ({
      ...(catalogue[key] as object),
      locale: catalogue.locale,
      secretariat: catalogue.common.secretariat,
    }) as Section<K>;
  return { nb: of(nb), en: of(en) };
}
