import type { ComponentChildren } from 'preact';
import type { PageContext } from '../shared/page-context';
import { CsrfField } from '../shared/parts';
import { fieldId, type FormState } from './record-form';

/** One form on a page: its key, and the refused state to show if it was this form that failed. */
export interface FormCtx {
  key: string;
  state: FormState | null;
  page: PageContext;
}

export const formCtx = (key: string, state: FormState | null, page: PageContext): FormCtx => ({
  key,
  state: state?.form === key ? state : null,
  page,
});

const errorOf = (f: FormCtx, name: string) => f.state?.errors.find((e) => e.field === name)?.message;

/** The value to show: what was typed when the form came back refused, else the default. */
export function valueOf(f: FormCtx, name: string, fallback = ''): string {
  const v = f.state?.values[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : fallback;
}

function valuesOf(f: FormCtx, name: string, fallback: string[]): string[] {
  const v = f.state?.values[name];
  if (f.state) return Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
  return fallback;
}

function Label(props: { id: string; label: string; required?: boolean; f: FormCtx }) {
  const r = props.f.page.m.record;
  return (
    <label class="ds-label" for={props.id}>
      {props.label} <span class="muted field-note">{props.required ? r.required : r.optional}</span>
    </label>
  );
}

function ErrorText(props: { id: string; message: string | undefined }) {
  return props.message ? (
    <p class="ds-validation-message" data-field="validation" id={`${props.id}-error`}>
      {props.message}
    </p>
  ) : null;
}

const described = (id: string, message: string | undefined, hint?: string) => {
  const ids = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(' ');
  return {
    ...(ids ? { 'aria-describedby': ids } : {}),
    ...(message ? { 'aria-invalid': 'true' as const } : {}),
  };
};

export function TextField(props: {
  f: FormCtx;
  name: string;
  label: string;
  type?: 'text' | 'date' | 'time' | 'number';
  required?: boolean;
  multiline?: boolean;
  maxLength?: number;
  value?: string;
  hint?: string;
  autocomplete?: string;
}) {
  const { f, name } = props;
  const id = fieldId(f.key, name);
  const message = errorOf(f, name);
  const value = valueOf(f, name, props.value ?? '');
  const common = {
    class: 'ds-input',
    id,
    name,
    required: props.required,
    maxlength: props.maxLength,
    ...described(id, message, props.hint),
  };
  return (
    <div class="ds-field">
      <Label id={id} label={props.label} required={props.required} f={f} />
      {props.hint && (
        <p class="ds-paragraph field-hint" data-size="sm" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <ErrorText id={id} message={message} />
      {props.multiline ? (
        <textarea {...common} rows={3} value={value} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          value={value}
          autocomplete={props.autocomplete ?? 'off'}
          {...(props.type === 'number' ? { min: 1, step: 1, inputmode: 'numeric' } : {})}
        />
      )}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: {
  f: FormCtx;
  name: string;
  label: string;
  options: Option[];
  required?: boolean;
  /** A first, empty choice ("– nobody –"). */
  empty?: string;
  value?: string;
  multiple?: boolean;
  values?: string[];
}) {
  const { f, name } = props;
  const id = fieldId(f.key, name);
  const message = errorOf(f, name);
  const chosen = props.multiple
    ? new Set(valuesOf(f, name, props.values ?? []))
    : new Set([valueOf(f, name, props.value ?? '')]);
  return (
    <div class="ds-field">
      <Label id={id} label={props.label} required={props.required} f={f} />
      <ErrorText id={id} message={message} />
      <select
        class="ds-input"
        id={id}
        name={name}
        required={props.required}
        multiple={props.multiple}
        size={props.multiple ? Math.min(6, Math.max(3, props.options.length)) : undefined}
        {...described(id, message)}
      >
        {props.empty !== undefined && (
          <option value="" selected={chosen.has('')}>
            {props.empty}
          </option>
        )}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={chosen.has(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Radio buttons in a fieldset; the error, if any, is named by the fieldset. */
export function RadioGroup(props: {
  f: FormCtx;
  name: string;
  legend: string;
  options: Option[];
  value: string;
}) {
  const { f, name } = props;
  const id = fieldId(f.key, name);
  const message = errorOf(f, name);
  const chosen = valueOf(f, name, props.value);
  return (
    <fieldset
      class="ds-fieldset"
      id={id}
      tabindex={-1}
      {...(message ? { 'aria-describedby': `${id}-error` } : {})}
    >
      <legend class="ds-label">{props.legend}</legend>
      <ErrorText id={id} message={message} />
      <div class="choices">
        {props.options.map((o) => (
          <div class="ds-field choice" key={o.value}>
            <input
              class="ds-input"
              type="radio"
              id={`${id}-${o.value}`}
              name={name}
              value={o.value}
              checked={chosen === o.value}
              {...(message ? { 'aria-invalid': 'true' as const } : {})}
            />
            <label class="ds-label" for={`${id}-${o.value}`} data-weight="regular">
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function Checkbox(props: {
  f: FormCtx;
  name: string;
  label: string;
  value?: string;
  checked?: boolean;
}) {
  const { f, name } = props;
  const value = props.value ?? 'on';
  const id = fieldId(f.key, props.value ? `${name}-${props.value}` : name);
  const posted = f.state?.values[name];
  const checked = f.state
    ? Array.isArray(posted)
      ? posted.includes(value)
      : posted === value
    : (props.checked ?? false);
  return (
    <div class="ds-field choice">
      <input class="ds-input" type="checkbox" id={id} name={name} value={value} checked={checked} />
      <label class="ds-label" for={id} data-weight="regular">
        {props.label}
      </label>
    </div>
  );
}

/**
 * A form that posts without script, to a page that answers with a redirect or, refused, with this page
 * again. Refused, it opens with a summary of its errors linking to each field; app.js moves focus there.
 */
export function RecordForm(props: {
  f: FormCtx;
  action: string;
  submit: string;
  variant?: 'primary' | 'secondary' | 'tertiary';
  danger?: boolean;
  children?: ComponentChildren;
  class?: string;
}) {
  const { f } = props;
  const r = f.page.m.record;
  const state = f.state;
  return (
    <form
      method="post"
      action={props.action}
      novalidate
      class={`record-form ${props.class ?? ''}`.trim()}
      id={`${f.key}-form`}
    >
      <CsrfField page={f.page} />
      {state && (
        <div class="ds-error-summary" tabindex={-1} data-error-summary aria-labelledby={`${f.key}-summary-h`}>
          <h2 class="ds-heading" data-size="2xs" id={`${f.key}-summary-h`}>
            {r.errorSummary}
          </h2>
          <p class="ds-paragraph">{r.formFailed}</p>
          <ul class="ds-list">
            {state.formError && <li>{state.formError}</li>}
            {state.errors.map((e) => (
              <li key={e.field}>
                <a href={`#${fieldId(f.key, e.field)}`}>{e.message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {props.children}
      <button
        type="submit"
        class="ds-button"
        data-variant={props.variant ?? 'primary'}
        {...(props.danger ? { 'data-color': 'danger' } : {})}
      >
        {props.submit}
      </button>
    </form>
  );
}

/** A form tucked in a disclosure, opened when it comes back refused. */
export function FormDetails(props: { f: FormCtx; summary: string; children: ComponentChildren }) {
  return (
    <details class="ds-details record-details" open={props.f.state !== null}>
      <summary>{props.summary}</summary>
      <div>{props.children}</div>
    </details>
  );
}
