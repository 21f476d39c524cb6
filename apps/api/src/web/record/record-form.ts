import type { z } from 'zod';
import { DomainError } from '@tilneste/domain-kit';
import { ruleMessage, type Messages } from '@tilneste/i18n';
import { formScope, type FormScope, type FormValues } from '../shared/form';
import type { PageContext } from '../shared/page-context';

export type { FormValues } from '../shared/form';

/** What a refused form shows: the values as typed, a message per field, and one for the form as a whole. */
export interface FormState {
  /** Which form on the page (e.g. `decision-<itemId>`), so only that one shows the errors. */
  form: string;
  values: FormValues;
  errors: { field: string; message: string }[];
  formError: string | null;
}

/** One form of the record pages: its key, and the refusal to show if it was this form that was refused. */
export const formCtx = (key: string, state: FormState | null, page: PageContext): FormScope =>
  formScope(page, key, state?.form === key ? state : null, { marks: true });

/** A command's field path (`owner.personId`) → the form field that holds it (`ownerPerson`). */
export type FieldMap = Record<string, string>;

/** What a form field itself got wrong before a command could be made of it (a date and a time to an instant). */
export interface FieldProblem {
  /** null: the form as a whole. */
  field: string | null;
  kind: 'required' | 'date' | 'time' | 'choice';
}

/** The zod issues of a form's command, kept whole (bounds, formats) so they can be worded for people. */
export class FormInvalid extends Error {
  constructor(
    readonly issues: z.core.$ZodIssue[],
    readonly problems: FieldProblem[] = [],
  ) {
    super('form invalid');
    this.name = 'FormInvalid';
  }
}

/**
 * Parses with the command's own schema (the one the API validates with); a failure keeps every issue for
 * the form, together with the field problems found before, whose paths' issues they replace.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  problems: FieldProblem[] = [],
  replaced: string[] = [],
): z.output<S> {
  const result = schema.safeParse(input);
  const issues = result.success
    ? []
    : result.error.issues.filter((i) => !(problems.length && replaced.includes(String(i.path[0]))));
  if (issues.length || problems.length) throw new FormInvalid(issues, problems);
  return result.data as z.output<S>;
}

/** Several commands' checks as one: every problem of every part is shown at once. */
export function validateAll(checks: (() => unknown)[]): void {
  const issues: z.core.$ZodIssue[] = [];
  const problems: FieldProblem[] = [];
  for (const check of checks) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof FormInvalid)) throw error;
      issues.push(...error.issues);
      problems.push(...error.problems);
    }
  }
  if (issues.length || problems.length) throw new FormInvalid(issues, problems);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A date field and a time field → the wall-clock parts, or the problems with them. */
export function dateAndTime(
  date: string,
  time: string,
  fields: { date: string; time: string },
  timeRequired: boolean,
): { date: string; time: string } | FieldProblem[] {
  const problems: FieldProblem[] = [];
  const d = date.trim();
  const t = time.trim();
  if (!d) problems.push({ field: fields.date, kind: 'required' });
  else if (!DATE.test(d) || Number.isNaN(Date.parse(`${d}T12:00:00Z`)))
    problems.push({ field: fields.date, kind: 'date' });
  if (!t) {
    if (timeRequired) problems.push({ field: fields.time, kind: 'required' });
  } else if (!TIME.test(t)) problems.push({ field: fields.time, kind: 'time' });
  return problems.length ? problems : { date: d, time: t };
}

/** A text field from an urlencoded body: '' when absent, the first when repeated. */
export function text(body: unknown, name: string): string {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

/** Every value of a checkbox group or multiple select. */
export function texts(body: unknown, name: string): string[] {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** The posted fields, as the form will show them again. */
export function valuesOf(body: unknown, names: string[], many: string[] = []): FormValues {
  const values: FormValues = {};
  for (const name of names) values[name] = text(body, name);
  for (const name of many) values[name] = texts(body, name);
  return values;
}

/** A blank optional field is absent, not an empty string the schema would refuse. */
export const blankToNull = (value: string): string | null => (value.trim() === '' ? null : value);

/** A confirmation box (`confirm`) left unticked, as the problem `validate` reports beside it; none once ticked. */
export const unticked = (values: FormValues): FieldProblem[] =>
  values.confirm === 'on' ? [] : [{ field: 'confirm', kind: 'required' }];

/** A whole number from a field; anything else passes through for the schema to refuse. */
export function numberOrNull(value: string): number | string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function issueMessage(issue: z.core.$ZodIssue, m: Messages): string {
  const e = m.record.errors;
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'number' ? e.number : e.required;
    case 'too_big':
      return issue.origin === 'string' ? e.tooLong(Number(issue.maximum)) : e.number;
    case 'invalid_format':
      return issue.format === 'date' || issue.format === 'datetime' ? e.date : e.invalid;
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') return e.number;
      return issue.input === undefined || issue.input === null ? e.required : e.invalid;
    case 'invalid_value':
    case 'invalid_union':
      return e.choice;
    case 'custom':
      return (issue.params as { code?: string } | undefined)?.code?.endsWith('EMPTY_TEXT')
        ? e.required
        : e.invalid;
    default:
      return e.invalid;
  }
}

/**
 * A refused form as the page shows it: zod issues and broken rules that name a field go beside that
 * field; the rest, and every rule the form cannot point at, to the form's summary. Anything else (a
 * meeting that is gone, no right to it) is not the form's business: null, and the caller rethrows.
 */
export function formStateOf(
  error: unknown,
  form: string,
  values: FormValues,
  fields: FieldMap,
  m: Messages,
  codeFields: Record<string, string> = {},
): FormState | null {
  const fieldFor = (path: PropertyKey[]): string | undefined => {
    const key = path.map(String).join('.');
    return fields[key] ?? fields[String(path[0] ?? '')];
  };
  if (error instanceof FormInvalid) {
    const errors: FormState['errors'] = [];
    let formError: string | null = null;
    const e = m.record.errors;
    for (const problem of error.problems) {
      const message = { required: e.required, date: e.date, time: e.time, choice: e.choice }[problem.kind];
      if (problem.field === null) formError ??= message;
      else if (!errors.some((x) => x.field === problem.field)) errors.push({ field: problem.field, message });
    }
    for (const issue of error.issues) {
      const field = fieldFor(issue.path);
      const message = issueMessage(issue, m);
      if (field) {
        if (!errors.some((e) => e.field === field)) errors.push({ field, message });
      } else formError ??= message;
    }
    return { form, values, errors, formError };
  }
  if (error instanceof DomainError) {
    const named = typeof error.details?.field === 'string' ? fields[error.details.field] : undefined;
    const field = codeFields[error.code] ?? named;
    // The rule's text from the catalogue in the page's language; a message without one is bokmål with
    // English after it in parentheses, of which the page shows its language.
    const message =
      error.kind === 'not_found'
        ? m.record.errors.notFound
        : error.code === 'IDEMPOTENCY.KEY_REUSED'
          ? m.form.sentBefore
          : (ruleMessage(m, error) ?? localised(error.message, m.lang));
    if (field) return { form, values, errors: [{ field, message }], formError: null };
    if (error.kind === 'not_found' && !error.details?.field) return null;
    return { form, values, errors: [], formError: message };
  }
  return null;
}

/** "Norsk tekst (English text)" → the part in the reader's language, where a message has both. */
export function localised(message: string, lang: string): string {
  const match = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(message);
  if (!match) return message;
  return lang === 'en' ? match[2] : match[1];
}

/** The HTTP status of a refused form: 409 for a broken rule, 400 for bad input. */
export function formStatus(error: unknown): number {
  return error instanceof DomainError && error.kind === 'conflict' ? 409 : 400;
}

/** The owner fields of a form (`ownerKind` and the person or working group chosen) as a command's `owner`, for its schema to check. */
export function ownerOfForm(body: unknown): unknown {
  switch (text(body, 'ownerKind')) {
    case 'person':
      return { kind: 'person', personId: text(body, 'ownerPerson') };
    case 'working-group':
      return { kind: 'working-group', workingGroupId: text(body, 'ownerWorkingGroup') };
    case 'secretariat':
      return { kind: 'secretariat' };
    default:
      return { kind: text(body, 'ownerKind') };
  }
}

/** The deadline fields of a form (`dueKind` and the meeting or date chosen) as a command's `due`, for its schema to check. */
export function dueOfForm(body: unknown): unknown {
  switch (text(body, 'dueKind')) {
    case 'next-meeting':
      return { kind: 'next-meeting' };
    case 'meeting':
      return { kind: 'meeting', meetingId: text(body, 'dueMeeting') };
    case 'date':
      return { kind: 'date', date: text(body, 'dueDate') };
    default:
      return { kind: text(body, 'dueKind') };
  }
}
