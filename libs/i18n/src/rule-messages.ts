import type { Messages, RuleDetails } from './messages.nb';

/** A broken rule as an error carries it: `DomainError` and the API's error body both have this shape. */
export interface CodedError {
  code: string;
  details?: RuleDetails;
}

type RuleText = string | ((details: RuleDetails) => string);

/**
 * The reader's words for a broken rule, in the catalogue's language: `MEETING.CANCELLED` is read from
 * `rules.MEETING.CANCELLED`. Null for a code the catalogue has no text for.
 */
export function ruleMessage(m: Messages, error: CodedError): string | null {
  const dot = error.code.indexOf('.');
  if (dot < 0) return null;
  const [context, name] = [error.code.slice(0, dot), error.code.slice(dot + 1)];
  const rules = m.rules as Record<string, Record<string, RuleText>>;
  const texts = Object.hasOwn(rules, context) ? rules[context] : undefined;
  const text = texts && Object.hasOwn(texts, name) ? texts[name] : undefined;
  if (text === undefined) return null;
  return typeof text === 'function' ? text(error.details ?? {}) : text;
}
