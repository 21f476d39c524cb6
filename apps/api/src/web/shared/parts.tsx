import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { Messages } from '@tilneste/i18n';
import { ERASED_PERSON } from '@tilneste/people';
import { formatWhen, seg } from './format';
import type { PageContext } from './page-context';

/** The language people write in: commitments, titles, decisions and notes are typed in bokmål. */
const TYPED = 'nb';

/** The page's language (`Layout` provides it), so typed text can say when it is in another (`Typed`). */
export const PageLanguage = createContext<string>(TYPED);

/**
 * `lang` for an element that holds only text people typed, on a page in this language: "nb" on a page in
 * another, so a screen reader reads it as Norwegian (WCAG 3.1.2); none on a bokmål page, where `<html lang>`
 * says it already.
 */
export const typedLang = (pageLanguage: string): string | undefined =>
  pageLanguage === TYPED ? undefined : TYPED;

/** `typedLang` of the page being rendered, inside a component under `Layout`. */
export const useTypedLang = (): string | undefined => typedLang(useContext(PageLanguage));

/** Text people typed (a commitment, a title, a decision, a place…), marked as bokmål where the page is not. */
export function Typed(props: { children: ComponentChildren }) {
  const lang = useTypedLang();
  return lang ? <span lang={lang}>{props.children}</span> : <>{props.children}</>;
}

const SLOT = '\uE000';
/** A catalogue sentence around one typed value ("Overview: <group>"), with only the value marked (`Typed`). */
export function TypedIn(props: { text: (value: string) => string; value: string }) {
  const parts = props.text(SLOT).split(SLOT);
  if (parts.length !== 2) return <>{props.text(props.value)}</>;
  return (
    <>
      {parts[0]}
      <Typed>{props.value}</Typed>
      {parts[1]}
    </>
  );
}

/** A section with a heading that names it for screen readers. */
export function Section(props: { id: string; title: string; children: ComponentChildren; class?: string }) {
  return (
    <section
      id={props.id}
      aria-labelledby={`${props.id}-h`}
      class={`page-section ${props.class ?? ''}`.trim()}
    >
      <h2 id={`${props.id}-h`} class="ds-heading" data-size="sm">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

/**
 * A table's box, which scrolls sideways when the table is wider than the screen: a region named by the table's
 * caption or heading that takes focus, so the arrow keys scroll it (WCAG 2.1.1, axe's scrollable-region-focusable).
 * The hint is shown by the stylesheet only while the box overflows.
 */
export function TableScroll(props: { labelledBy: string; m: Messages; children: ComponentChildren }) {
  return (
    <div
      class="table-scroll"
      tabindex={0}
      role="region"
      aria-labelledby={props.labelledBy}
      data-hint={props.m.common.scrollSideways}
    >
      {props.children}
    </div>
  );
}

export function Empty(props: { children: ComponentChildren }) {
  return <p class="ds-paragraph empty">{props.children}</p>;
}

/** A person's name as a page shows it: an erased person reads "slettet person" / "erased person". */
export const personName = (name: string, m: Messages): string =>
  name === ERASED_PERSON ? m.common.erasedPerson : name;

/** The owner of a commitment as a name, linked to a person's tasks or a working group where there is one. */
export function OwnerName(props: {
  owner: { personId: string } | { workingGroupId: string } | { secretariat: true } | null;
  name: string | null;
  m: Messages;
}) {
  const { owner, name, m } = props;
  if (owner === null) return <span>{m.common.noOwner}</span>;
  if ('secretariat' in owner) return <span>{m.common.secretariat}</span>;
  if ('personId' in owner)
    return (
      <a class="ds-link" href={`/personer/${seg(owner.personId)}/oppgaver`}>
        {name === null ? m.common.unknownPerson : personName(name, m)}
      </a>
    );
  return <WorkingGroupLink id={owner.workingGroupId} name={name} />;
}

/** A working group's name (typed), linked to its page; its id where the name is not known. */
export function WorkingGroupLink(props: { id: string; name: string | null }) {
  const lang = useTypedLang();
  return (
    <a
      class="ds-link"
      href={`/arbeidsgrupper/${seg(props.id)}`}
      lang={props.name === null ? undefined : lang}
    >
      {props.name ?? props.id}
    </a>
  );
}

/** A commitment's text, linked to its page (its history, and the secretariat's changes). */
export function CommitmentLink(props: { id: string; text: string }) {
  return (
    <a class="ds-link" href={`/forpliktelser/${seg(props.id)}`} lang={useTypedLang()}>
      {props.text}
    </a>
  );
}

/**
 * When a commitment is due: a meeting (linked, unless `linked` is false: a reader outside its group), a date, or
 * "next meeting" not yet scheduled.
 */
export function Due(props: {
  dueAt: string | null;
  dueMeetingId: string | null;
  m: Messages;
  linked?: boolean;
}) {
  const { dueAt, dueMeetingId, m } = props;
  if (!dueAt) return <span>{m.common.dueNotSet}</span>;
  if (dueMeetingId)
    return props.linked === false ? (
      <span>{formatWhen(dueAt, m, false)}</span>
    ) : (
      <a class="ds-link" href={`/moter/${seg(dueMeetingId)}`}>
        {formatWhen(dueAt, m, false)}
      </a>
    );
  return <span>{formatWhen(dueAt, m)}</span>;
}

/** The small tags beside a commitment: overdue, carried over. */
export function TaskTags(props: { overdue: boolean; carriedOver: number; m: Messages }) {
  const { overdue, carriedOver, m } = props;
  return (
    <span class="tags">
      {overdue && (
        <span class="ds-tag" data-color="danger">
          {m.common.overdue}
        </span>
      )}
      {carriedOver > 0 && (
        <span class="ds-tag" data-color="warning">
          {m.common.carriedOverTimes(carriedOver)}
        </span>
      )}
    </span>
  );
}

/** The hidden CSRF field every form carries once the reader has a session. */
export function CsrfField(props: { page: PageContext }) {
  return props.page.csrfToken ? <input type="hidden" name="_csrf" value={props.page.csrfToken} /> : null;
}

/**
 * "Importert fra «referat.docx», linje 42": where an imported commitment or decision was read from. Staff of the
 * group (its secretariat, or an admin) get a link to the import's review page; others see the text only.
 */
export function ImportedFrom(props: {
  source: { importId: string; document: string | null; line: number | null };
  groupId: string;
  page: PageContext;
}) {
  const { source, groupId, page } = props;
  const text = page.m.common.importedFrom(source.document, source.line);
  const staff = page.may('group.record', { kind: 'group', groupId });
  return (
    <span class="imported-from" data-import={source.importId}>
      {staff ? (
        <a class="ds-link" href={`/import/${seg(source.importId)}`}>
          {text}
        </a>
      ) : (
        text
      )}
    </span>
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

/**
 * The way on from a page an e-mail link opens, where the link is the authority and nobody is signed in: to
 * the reader's own tasks on the start page, which sends a reader not signed in to sign in first. It never
 * shows more than the link did.
 */
export function TasksOnward(props: { page: PageContext }) {
  return (
    <p class="ds-paragraph" data-onward>
      <a class="ds-link" href="/">
        {props.page.m.reminders.page.signInForTasks}
      </a>
    </p>
  );
}
