import type { Messages } from '@tilneste/i18n';
import type { IssueView } from '@tilneste/application';
import { formScope, type FormScope, type Refused } from '../shared/form';
import type { PageContext } from '../shared/page-context';

/** A form's errors: field name → the message shown next to it. `_form` is for the whole form. */
export type FieldErrors = Record<string, string>;

/** What the reader typed, shown again when the form comes back with errors. */
export type FormValues = Record<string, string>;

/** One Norwegian (or English) sentence per zod issue, from the API's own schema: the first issue of a field wins. */
export function fieldErrors(
  issues: readonly IssueView[],
  m: Messages,
  special: (issue: IssueView) => string | null = () => null,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : '_form';
    if (errors[field]) continue;
    errors[field] = special(issue) ?? messageOf(issue, m);
  }
  return errors;
}

function messageOf(issue: IssueView, m: Messages): string {
  const f = m.admin.form;
  const max = /(\d+)/.exec(issue.message)?.[1];
  switch (issue.code) {
    case 'too_small':
    case 'invalid_type':
      return f.required;
    case 'too_big':
      return max ? f.tooLong(Number(max)) : f.invalid;
    case 'invalid_format':
      return /email/i.test(issue.message) ? f.invalidEmail : f.invalid;
    case 'invalid_value':
    case 'invalid_union':
      return f.choose;
    default:
      return f.invalid;
  }
}

/** The plain string fields of a posted form, for showing them again; anything else is dropped. */
export function formValues(body: unknown, names: readonly string[]): FormValues {
  const values: FormValues = {};
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  for (const name of names) {
    const value = source[name];
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}

/** An admin form (the shared parts): field ids `<key>-<name>`, the refusal it came back with, if any. */
export function adminForm(
  page: PageContext,
  key: string,
  back: { values: FormValues; errors: FieldErrors } | null,
  labels: Record<string, string>,
): FormScope {
  return formScope(page, key, back ? refusedOf(back.values, back.errors) : null, { labels });
}

function refusedOf(values: FormValues, errors: FieldErrors): Refused {
  return {
    values,
    errors: Object.entries(errors).map(([field, message]) => ({
      field: field === '_form' ? null : field,
      message,
    })),
  };
}
