import type { ComponentChildren } from 'preact';
import type { Messages } from '@tilneste/i18n';
import type { IssueView } from '@tilneste/application';
import type { PageContext } from '../shared/page-context';
import { CsrfField } from '../shared/parts';

/** A form's errors: field name → the message shown next to it. `_form` is for the whole form. */
export type FieldErrors = Record<string, string>;

/** What the reader typed, shown again when the form comes back with errors. */
export type FormValues = Record<string, string>;

/** One Norwegian (or English) sentence per zod issue, from the API's own schema: the first issue of a field wins. */
export function fieldErrors(issues: readonly IssueView[], m: Messages, special: (issue: IssueView) => string | null = () => null): FieldErrors {
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

/**
 * The error summary at the top of a form that came back: a link to each field in error. It takes focus as
 * the page loads (autofocus on a focusable container), so a screen reader hears it first.
 */
export function ErrorSummary(props: { id: string; errors: FieldErrors; labels: Record<string, string>; m: Messages }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="ds-error-summary" id={props.id} tabindex={-1} autofocus aria-labelledby={`${props.id}-h`}>
      <h2 id={`${props.id}-h`} class="ds-heading" data-size="xs">
        {props.m.admin.form.errorSummary}
      </h2>
      <ul class="ds-list">
        {entries.map(([field, message]) =>
          props.labels[field] ? (
            <li key={field}>
              <a class="ds-link" href={`#${props.id}-${field}`}>
                {`${props.labels[field]}: ${message}`}
              </a>
            </li>
          ) : (
            <li key={field}>{message}</li>
          ),
        )}
      </ul>
    </div>
  );
}

interface FieldProps {
  /** The form's id: field ids are `<form>-<name>`, which the error summary links to. */
  form: string;
  name: string;
  label: string;
  errors: FieldErrors;
  help?: string;
}

function describedBy(id: string, help: boolean, error: boolean): string | undefined {
  const ids = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldFrame(props: FieldProps & { children: ComponentChildren }) {
  const id = `${props.form}-${props.name}`;
  const error = props.errors[props.name];
  return (
    <div class="ds-field">
      <label class="ds-label" for={id}>
        {props.label}
      </label>
      {props.help && (
        <p class="ds-paragraph field-help" data-size="sm" id={`${id}-help`}>
          {props.help}
        </p>
      )}
      {error && (
        <p class="ds-validation-message" data-color="danger" id={`${id}-error`}>
          {error}
        </p>
      )}
      {props.children}
    </div>
  );
}

export function TextField(
  props: FieldProps & { value?: string; type?: 'text' | 'email'; autocomplete?: string; required?: boolean },
) {
  const id = `${props.form}-${props.name}`;
  const error = !!props.errors[props.name];
  return (
    <FieldFrame {...props}>
      <input
        class="ds-input"
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete ?? 'off'}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, !!props.help, error)}
        aria-required={props.required ? 'true' : undefined}
      />
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldProps & { value?: string; options: { value: string; label: string }[]; placeholder?: string },
) {
  const id = `${props.form}-${props.name}`;
  const error = !!props.errors[props.name];
  return (
    <FieldFrame {...props}>
      <select
        class="ds-input"
        id={id}
        name={props.name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, !!props.help, error)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A form posting to `action`, with its CSRF field; `novalidate` so the server's messages, in Norwegian, are the ones shown. */
export function PostForm(props: { id: string; action: string; page: PageContext; children: ComponentChildren; class?: string }) {
  return (
    <form id={props.id} method="post" action={props.action} novalidate class={props.class}>
      <CsrfField page={props.page} />
      {props.children}
    </form>
  );
}

/** A confirmation after a form was saved (from the redirect's `?melding=`), announced politely. */
export function Flash(props: { text: string | null }) {
  if (!props.text) return null;
  return (
    <div class="ds-alert" data-color="success" role="status">
      <p class="ds-paragraph">{props.text}</p>
    </div>
  );
}
