import { isValidElement, type ComponentChildren } from 'preact';
import { FORM_KEY_FIELD } from './form-key';
import type { PageContext } from './page-context';
import { CsrfField, useTypedLang } from './parts';

/**
 * The parts every form of the pages is built from (the record page, the secretariat's admin pages, the
 * import): one way to label a field, tie its error to it, sum the errors up and post. Forms post without
 * script and leave checking to the server (`novalidate`), whose messages are in the reader's language; a
 * refused form comes back with what was typed, an error beside each field (`aria-describedby`,
 * `aria-invalid`) and a summary linking to each field, which takes the focus (app.js, `autofocus` without).
 */

/** A posted field's value: text, or several values for checkboxes and multiple selects. */
export type FormValues = Record<string, string | string[]>;

/** One error: the field it belongs beside, or null for the form as a whole. */
export interface FieldError {
  field: string | null;
  message: string;
}

/** A form that came back refused: what was typed, what was wrong, and a message for the whole form. */
export interface Refused {
  values: FormValues;
  errors: readonly FieldError[];
  formError?: string | null;
}

export interface Option {
  value: string;
  label: string;
  /** The label is text people typed (a group's or a working group's name): marked bokmål where the page is not. */
  typed?: boolean;
}

/** One form on a page: its key (its element ids start with it), and its refusal when it was this one. */
export interface FormScope {
  key: string;
  page: PageContext;
  refused: Refused | null;
  /** The id of a field's control, which its label and the summary's link name. */
  id: (name: string) => string;
  /** Whether labels say "(må fylles ut)" or "(valgfritt)". */
  marks: boolean;
  /** Field name → its label, for the summary's links ("Navn: Fyll ut feltet."). */
  labels: Readonly<Record<string, string>>;
  /**
   * Where a field sits, for the summary, when its label alone repeats across the form ("Vedtak 1" under every
   * item): the summary says "Sak 3 – Vedtak 1: …". Null where the label says enough.
   */
  context?: (name: string) => string | null;
}

export function formScope(
  page: PageContext,
  key: string,
  refused: Refused | null,
  options: {
    id?: (name: string) => string;
    marks?: boolean;
    labels?: Record<string, string>;
    context?: (name: string) => string | null;
  } = {},
): FormScope {
  return {
    key,
    page,
    refused,
    id: options.id ?? ((name) => `${key}-${name}`),
    marks: options.marks ?? false,
    labels: options.labels ?? {},
    context: options.context,
  };
}

export const errorOf = (f: FormScope, name: string): string | undefined =>
  f.refused?.errors.find((e) => e.field === name)?.message;

/** The value to show: what was typed when the form came back refused, else the default. */
export function valueOf(f: FormScope, name: string, fallback = ''): string {
  const v = f.refused?.values[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : fallback;
}

function valuesOf(f: FormScope, name: string, fallback: readonly string[]): Set<string> {
  if (!f.refused) return new Set(fallback);
  const v = f.refused.values[name];
  return new Set(Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []);
}

/** The attributes that tie a control to its hint and its error. */
function described(id: string, message: string | undefined, hint: boolean) {
  const ids = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(' ');
  return {
    ...(ids ? { 'aria-describedby': ids } : {}),
    ...(message ? { 'aria-invalid': 'true' as const } : {}),
  };
}

/**
 * `conditional`: the field must be filled in only when a choice elsewhere is picked, so it is marked neither
 * "(må fylles ut)" nor "(valgfritt)"; its hint says when (`requiredWhen`).
 */
function Label(props: {
  f: FormScope;
  id: string;
  label: string;
  required?: boolean;
  conditional?: boolean;
}) {
  const { m } = props.f.page;
  return (
    <label class="ds-label" for={props.id}>
      {props.label}
      {props.f.marks && !props.conditional && (
        <>
          {' '}
          <span class="muted field-note">{props.required ? m.form.required : m.form.optional}</span>
        </>
      )}
    </label>
  );
}

/** A field's hint, followed by when it must be filled in, where that hangs on a choice elsewhere in the form. */
function hintWith(f: FormScope, hint: string | undefined, requiredWhen: readonly string[] | undefined) {
  const when = requiredWhen?.length ? f.page.m.form.requiredWhen(requiredWhen) : undefined;
  return [hint, when].filter(Boolean).join(' ') || undefined;
}

function Hint(props: { id: string; hint: string | undefined }) {
  return props.hint ? (
    <p class="ds-paragraph field-hint" data-size="sm" id={`${props.id}-hint`}>
      {props.hint}
    </p>
  ) : null;
}

function ErrorText(props: { id: string; message: string | undefined }) {
  return props.message ? (
    <p class="ds-validation-message" data-field="validation" data-color="danger" id={`${props.id}-error`}>
      {props.message}
    </p>
  ) : null;
}

/** A text field (or a textarea), labelled, with its hint and its error. */
export function Field(props: {
  f: FormScope;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'time' | 'number' | 'file';
  required?: boolean;
  multiline?: boolean;
  rows?: number;
  maxLength?: number;
  value?: string;
  hint?: string;
  autocomplete?: string;
  /** A datalist's id: names to suggest. */
  list?: string;
  accept?: string;
  /** The labels of the choices under which the field must be filled in (see `hintWith`). */
  requiredWhen?: readonly string[];
  /** Its value is text people typed (a decision, a title, a minutes document's lines): marked bokmål where the page is not. */
  typed?: boolean;
}) {
  const { f, name } = props;
  const id = f.id(name);
  const message = errorOf(f, name);
  const hint = hintWith(f, props.hint, props.requiredWhen);
  const typedLang = useTypedLang();
  const common = {
    class: 'ds-input',
    id,
    name,
    lang: props.typed ? typedLang : undefined,
    required: props.required,
    maxlength: props.maxLength,
    ...described(id, message, !!hint),
  };
  const type = props.type ?? 'text';
  return (
    <div class="ds-field">
      <Label
        f={f}
        id={id}
        label={props.label}
        required={props.required}
        conditional={!!props.requiredWhen?.length}
      />
      <Hint id={id} hint={hint} />
      <ErrorText id={id} message={message} />
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 3} value={valueOf(f, name, props.value ?? '')} />
      ) : type === 'file' ? (
        <input {...common} type="file" accept={props.accept} />
      ) : (
        <input
          {...common}
          type={type}
          value={valueOf(f, name, props.value ?? '')}
          autocomplete={props.autocomplete ?? 'off'}
          list={props.list}
          {...(type === 'number' ? { min: 1, step: 1, inputmode: 'numeric' } : {})}
        />
      )}
    </div>
  );
}

/** A select, labelled, with its error; `empty` is a first, empty choice ("Velg …", "Ingen"). */
export function Select(props: {
  f: FormScope;
  name: string;
  label: string;
  options: readonly Option[];
  required?: boolean;
  empty?: string;
  value?: string;
  multiple?: boolean;
  values?: readonly string[];
  hint?: string;
  /** The labels of the choices under which the field must be filled in (see `hintWith`). */
  requiredWhen?: readonly string[];
}) {
  const { f, name } = props;
  const id = f.id(name);
  const message = errorOf(f, name);
  const hint = hintWith(f, props.hint, props.requiredWhen);
  const chosen = props.multiple
    ? valuesOf(f, name, props.values ?? [])
    : new Set([valueOf(f, name, props.value ?? '')]);
  const typedLang = useTypedLang();
  return (
    <div class="ds-field">
      <Label
        f={f}
        id={id}
        label={props.label}
        required={props.required}
        conditional={!!props.requiredWhen?.length}
      />
      <Hint id={id} hint={hint} />
      <ErrorText id={id} message={message} />
      <select
        class="ds-input"
        id={id}
        name={name}
        required={props.required}
        multiple={props.multiple}
        size={props.multiple ? Math.min(6, Math.max(3, props.options.length)) : undefined}
        {...described(id, message, !!hint)}
      >
        {props.empty !== undefined && (
          <option value="" selected={chosen.has('')}>
            {props.empty}
          </option>
        )}
        {props.options.map((o) => (
          <option
            key={o.value}
            value={o.value}
            selected={chosen.has(o.value)}
            lang={o.typed ? typedLang : undefined}
          >
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of fields under a legend (a heading, a label, or for screen readers only). */
export function Fieldset(props: {
  legend: ComponentChildren;
  look?: 'label' | 'heading' | 'hidden';
  id?: string;
  class?: string;
  describedBy?: string;
  children: ComponentChildren;
}) {
  const look = props.look ?? 'label';
  return (
    <fieldset
      class={`ds-fieldset ${props.class ?? ''}`.trim()}
      id={props.id}
      {...(props.id ? { tabindex: -1 } : {})}
      {...(props.describedBy ? { 'aria-describedby': props.describedBy } : {})}
    >
      <legend
        class={look === 'hidden' ? 'ds-sr-only' : look === 'heading' ? 'ds-heading' : 'ds-label'}
        {...(look === 'heading' ? { 'data-size': 'xs' } : {})}
      >
        {props.legend}
      </legend>
      {props.children}
    </fieldset>
  );
}

/** Radio buttons in a fieldset; its error is named by the fieldset, which the summary links to. */
export function Choices(props: {
  f: FormScope;
  name: string;
  legend: string;
  options: readonly Option[];
  value: string;
  /** Said between the legend and the choices (what the question rests on). */
  children?: ComponentChildren;
}) {
  const { f, name } = props;
  const id = f.id(name);
  const message = errorOf(f, name);
  const chosen = valueOf(f, name, props.value);
  return (
    <Fieldset legend={props.legend} id={id} describedBy={message ? `${id}-error` : undefined}>
      {props.children}
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
    </Fieldset>
  );
}

/**
 * A checkbox: on its own (posted as `on`), or one of a group sharing a name (posted as its value). One on
 * its own carries its field's error (a confirmation left unticked); a group's error belongs to its fieldset.
 */
export function Checkbox(props: {
  f: FormScope;
  name: string;
  /** A string, or text with a typed part marked (`Typed`). */
  label: ComponentChildren;
  value?: string;
  checked?: boolean;
}) {
  const { f, name } = props;
  const value = props.value ?? 'on';
  const id = f.id(props.value ? `${name}-${props.value}` : name);
  const checked = f.refused ? valuesOf(f, name, []).has(value) : (props.checked ?? false);
  const message = props.value === undefined ? errorOf(f, name) : undefined;
  return (
    <div class="ds-field choice">
      <input
        class="ds-input"
        type="checkbox"
        id={id}
        name={name}
        value={value}
        checked={checked}
        {...described(id, message, false)}
      />
      <label class="ds-label" for={id} data-weight="regular">
        {props.label}
      </label>
      <ErrorText id={id} message={message} />
    </div>
  );
}

/**
 * Each field's label in a form's fields, by field name: the props of its `Field`, `Select`, `Choices` and
 * `Checkbox` elements, looking into the components that group them (`OwnerDueFields`). The summary comes
 * before the fields, so it reads their labels from what the form is given, not from what has been rendered.
 */
export function labelsIn(
  node: unknown,
  f: FormScope,
  into: Record<string, string> = {},
): Record<string, string> {
  if (Array.isArray(node)) {
    for (const child of node) labelsIn(child, f, into);
    return into;
  }
  if (!isValidElement(node)) return into;
  const props = node.props as {
    f?: unknown;
    name?: unknown;
    label?: unknown;
    legend?: unknown;
    value?: unknown;
    children?: unknown;
  };
  const label = props.label ?? props.legend;
  if (props.f === f && typeof props.name === 'string' && typeof label === 'string') {
    // One checkbox of a group sharing the name is labelled by its choice, not the field's name.
    if (!(node.type === Checkbox && props.value !== undefined)) into[props.name] ??= label;
    return into;
  }
  // A component given this form (and no single field): its fields are what it returns. The pages' components are pure.
  if (props.f === f && typeof node.type === 'function')
    return labelsIn((node.type as (p: unknown) => unknown)(props), f, into);
  return labelsIn(props.children, f, into);
}

/** The errors of a refused form, at its top: each a link to its field, named by its label. It takes the focus as the page loads. */
export function ErrorSummary(props: {
  f: FormScope;
  labels?: Readonly<Record<string, string>>;
  /** false for a form that stores nothing (asking for a sign-in link): no "nothing was saved". */
  saves?: boolean;
}) {
  const { f } = props;
  const refused = f.refused;
  if (!refused || (refused.errors.length === 0 && !refused.formError)) return null;
  const { m } = f.page;
  const id = `${f.key}-errors`;
  const labelOf = (field: string) => {
    const label = f.labels[field] ?? props.labels?.[field];
    const where = f.context?.(field);
    return label && where ? `${where} – ${label}` : label;
  };
  // In the order the fields come in the form (its labels were read in that order), whatever order the checks
  // found them in; errors of fields it does not know keep their order, after those.
  const order = [...Object.keys(f.labels), ...Object.keys(props.labels ?? {})];
  const rank = (field: string | null) => {
    const at = field === null ? -1 : order.indexOf(field);
    return at < 0 ? order.length : at;
  };
  const errors = [...refused.errors].sort((a, b) => rank(a.field) - rank(b.field));
  return (
    <div
      class="ds-error-summary"
      id={id}
      tabindex={-1}
      autofocus
      data-error-summary
      aria-labelledby={`${id}-h`}
    >
      <h2 class="ds-heading" data-size="2xs" id={`${id}-h`}>
        {m.form.errorSummary}
      </h2>
      {props.saves !== false && <p class="ds-paragraph">{m.form.nothingSaved}</p>}
      <ul class="ds-list">
        {refused.formError && <li>{refused.formError}</li>}
        {errors.map((e, i) => (
          <li key={`${e.field ?? ''}-${i}`}>
            {e.field === null ? (
              e.message
            ) : (
              <a href={`#${f.id(e.field)}`}>
                {labelOf(e.field) ? `${labelOf(e.field)}: ${e.message}` : e.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A submit button; `name`/`value` tell a form's several actions apart. */
export function Submit(props: {
  /** A string, or text with a typed part marked (`TypedIn`). */
  label: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'tertiary';
  danger?: boolean;
  small?: boolean;
  name?: string;
  value?: string;
}) {
  return (
    <button
      type="submit"
      class="ds-button"
      data-variant={props.variant ?? 'primary'}
      {...(props.danger ? { 'data-color': 'danger' } : {})}
      {...(props.small ? { 'data-size': 'sm' } : {})}
      name={props.name}
      value={props.value}
    >
      {props.label}
    </button>
  );
}

/** The hidden key of this rendering of a form: a second post of it records nothing new (form-key.ts). */
export function FormKeyField(props: { page: PageContext }) {
  return props.page.formKey ? (
    <input type="hidden" name={FORM_KEY_FIELD} value={props.page.formKey()} />
  ) : null;
}

/**
 * A form that posts without script, to a route that answers with a redirect or, refused, with this page
 * again: its CSRF token, its key, its error summary first, then its fields and its submit button.
 */
export function Form(props: {
  f: FormScope;
  action: string;
  /** The submit button's text; leave it out to place the buttons among the fields. */
  submit?: string;
  variant?: 'primary' | 'secondary' | 'tertiary';
  danger?: boolean;
  multipart?: boolean;
  class?: string;
  /**
   * false for a form whose post is not one of the write path's (asking for a sign-in link): it carries no key,
   * and two renderings of it are the same page.
   */
  keyed?: boolean;
  /** false for a form that stores nothing: its error summary does not say that nothing was saved. */
  saves?: boolean;
  children?: ComponentChildren;
}) {
  const { f } = props;
  return (
    <form
      method="post"
      action={props.action}
      novalidate
      class={props.class}
      id={`${f.key}-form`}
      {...(props.multipart ? { enctype: 'multipart/form-data' } : {})}
    >
      <CsrfField page={f.page} />
      {props.keyed !== false && <FormKeyField page={f.page} />}
      <ErrorSummary f={f} labels={f.refused ? labelsIn(props.children, f) : undefined} saves={props.saves} />
      {props.children}
      {props.submit !== undefined && (
        <Submit label={props.submit} variant={props.variant} danger={props.danger} />
      )}
    </form>
  );
}

/** A form tucked in a disclosure, opened when it comes back refused. */
export function FormDetails(props: {
  f: FormScope;
  summary: string;
  class?: string;
  children: ComponentChildren;
}) {
  return (
    <details class={`ds-details ${props.class ?? 'record-details'}`} open={props.f.refused !== null}>
      <summary>{props.summary}</summary>
      <div>{props.children}</div>
    </details>
  );
}

/** The posted names of the parts of "who answers for it, and by when". */
export interface OwnerDueNames {
  ownerKind: string;
  /** A person chosen from a list, or (`people.list`) a name typed. */
  owner: string;
  ownerWorkingGroup?: string;
  dueKind: string;
  dueMeeting?: string;
  dueDate: string;
}

/**
 * Who answers for a commitment and by when, as one pair of fieldsets wherever a commitment is written (the
 * record page, the import's review): the kind of owner, then the person (chosen, or typed with suggestions)
 * or the working group; the kind of deadline, then the meeting or the date.
 */
export function OwnerDueFields(props: {
  f: FormScope;
  names: OwnerDueNames;
  labels: {
    owner: string;
    owners: string;
    ownerWorkingGroup?: string;
    due: string;
    dueMeeting?: string;
    dueDate: string;
    choose?: string;
  };
  ownerKinds: readonly Option[];
  ownerKind: string;
  people: readonly Option[] | { list: string; value: string };
  workingGroups?: readonly Option[];
  dueKinds: readonly Option[];
  dueKind: string;
  meetings?: readonly Option[];
  dueDate?: string;
}) {
  const { f, names, labels, people } = props;
  // Which choice makes each field needed: a person's name for "a person" (and, where no list of working groups
  // is offered, the group's name for "a working group" too), the meeting for "a given meeting", the date for "a date".
  const when = (options: readonly Option[], ...values: string[]) =>
    options.filter((o) => values.includes(o.value)).map((o) => o.label);
  const ownerWhen = when(
    props.ownerKinds,
    'person',
    ...(props.workingGroups && names.ownerWorkingGroup ? [] : ['working-group']),
  );
  return (
    <>
      <Choices
        f={f}
        name={names.ownerKind}
        legend={labels.owner}
        value={props.ownerKind}
        options={props.ownerKinds}
      />
      {'list' in people ? (
        <Field
          f={f}
          name={names.owner}
          label={labels.owners}
          value={people.value}
          list={people.list}
          requiredWhen={ownerWhen}
        />
      ) : (
        <Select
          f={f}
          name={names.owner}
          label={labels.owners}
          empty={labels.choose}
          options={people}
          requiredWhen={ownerWhen}
        />
      )}
      {props.workingGroups && names.ownerWorkingGroup && (
        <Select
          f={f}
          name={names.ownerWorkingGroup}
          label={labels.ownerWorkingGroup ?? labels.owners}
          empty={labels.choose}
          options={props.workingGroups}
          requiredWhen={when(props.ownerKinds, 'working-group')}
        />
      )}
      <Choices
        f={f}
        name={names.dueKind}
        legend={labels.due}
        value={props.dueKind}
        options={props.dueKinds}
      />
      {props.meetings && names.dueMeeting && (
        <Select
          f={f}
          name={names.dueMeeting}
          label={labels.dueMeeting ?? labels.due}
          empty={labels.choose}
          options={props.meetings}
          requiredWhen={when(props.dueKinds, 'meeting')}
        />
      )}
      <Field
        f={f}
        name={names.dueDate}
        label={labels.dueDate}
        type="date"
        value={props.dueDate ?? ''}
        requiredWhen={when(props.dueKinds, 'date')}
      />
    </>
  );
}
