import type { Messages } from '@tilneste/i18n';
import { agendaItemKinds } from '@tilneste/meetings';
import { agendaTitle, type nextAgenda } from '@tilneste/projections';
import { formCtx, type FormState } from '../record/record-form';
import { Field, Form, Select } from '../shared/form';
import { formatWhen, seg } from '../shared/format';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import { AgendaItemTitle } from '../shared/agenda-title';
import { Empty, Flash, Typed, typedLang } from '../shared/parts';

export type AgendaPage = ReturnType<typeof nextAgenda> & { groupName: string };

const agendaHead = (data: AgendaPage, m: Messages) =>
  data.meeting ? m.agenda.forMeeting(formatWhen(data.meeting.startsAt, m)) : m.agenda.noMeeting;

/** The agenda as plain text for the notice: one numbered line per item, under the meeting's date. */
export function agendaText(data: AgendaPage, m: Messages): string {
  return [
    `${m.agenda.heading} – ${data.groupName}`,
    agendaHead(data, m),
    '',
    ...data.items.map((i) => `${i.number}. ${agendaTitle(i.wording, m.agenda.draft)}`),
  ].join('\n');
}

/**
 * `agendaText` on the page, to read and copy: the same text, with what people typed marked (`Typed`). The box
 * mixes the reader's words and typed ones, so it carries no `lang` of its own.
 */
function AgendaTextBody(props: { data: AgendaPage; m: Messages }) {
  const { data, m } = props;
  return (
    <>
      {`${m.agenda.heading} – `}
      <Typed>{data.groupName}</Typed>
      {`\n${agendaHead(data, m)}\n`}
      {data.items.map((i) => (
        <>
          {`\n${i.number}. `}
          <AgendaItemTitle wording={i.wording} m={m} />
        </>
      ))}
    </>
  );
}

/** The chair's and the secretariat's form: an item for the next meeting's agenda. */
function AddItem(props: { data: AgendaPage; page: PageContext; form: FormState | null; added: boolean }) {
  const { data, page } = props;
  const { m } = page;
  const f = formCtx('add-item', props.form, page);
  return (
    <section id="add-item" aria-labelledby="add-item-h" class="page-section no-print">
      <h2 id="add-item-h" class="ds-heading" data-size="sm">
        {m.agenda.addItem}
      </h2>
      <Flash text={props.added ? m.record.flash.item : null} />
      <p class="ds-paragraph">{m.agenda.addItemHint}</p>
      <Form
        class="record-form"
        f={f}
        action={`/grupper/${seg(data.groupId)}/neste-saksliste/saker`}
        submit={m.agenda.addItemSubmit}
      >
        <Field f={f} name="title" label={m.agenda.itemTitle} required maxLength={500} />
        <Select
          f={f}
          name="kind"
          label={m.agenda.itemKind}
          empty={m.agenda.itemKindNone}
          options={agendaItemKinds.map((k) => ({ value: k, label: m.record.kind[k] ?? k }))}
        />
      </Form>
    </section>
  );
}

export function agendaView(
  data: AgendaPage,
  page: PageContext,
  edit: { added: boolean; form: FormState | null } = { added: false, form: null },
) {
  const { m } = page;
  const a = m.agenda;
  const mayEdit = data.meeting !== null && page.may('agenda.edit', { kind: 'group', groupId: data.groupId });
  return (
    <Layout page={page} title={a.title(data.groupName)}>
      <h1 class="ds-heading" data-size="lg">
        {a.heading}
      </h1>
      <p class="ds-paragraph lead">
        <a class="ds-link no-print" href={`/grupper/${seg(data.groupId)}`} lang={typedLang(m.lang)}>
          {data.groupName}
        </a>
        <span class="print-only" lang={typedLang(m.lang)}>
          {data.groupName}
        </span>
        {' – '}
        {data.meeting ? a.forMeeting(formatWhen(data.meeting.startsAt, m)) : a.noMeeting}
      </p>
      {data.items.length === 0 ? (
        <Empty>{m.common.none}</Empty>
      ) : (
        <ol class="agenda">
          {data.items.map((item) => (
            <li key={item.number} class="agenda__item" value={item.number}>
              <span class="agenda__title">
                <AgendaItemTitle wording={item.wording} m={m} />
              </span>
            </li>
          ))}
        </ol>
      )}
      <div class="actions no-print">
        <button
          type="button"
          class="ds-button"
          data-variant="primary"
          data-copy-target="agenda-text"
          data-copied={a.copied}
          hidden
        >
          {a.copy}
        </button>
        <button type="button" class="ds-button" data-variant="secondary" data-print hidden>
          {a.print}
        </button>
      </div>
      <details class="ds-details no-print agenda-text">
        <summary>{a.asText}</summary>
        <div>
          <pre id="agenda-text" class="agenda-text__pre">
            <AgendaTextBody data={data} m={m} />
          </pre>
        </div>
      </details>
      <p class="ds-paragraph no-print" role="status" id="copy-status" aria-live="polite"></p>
      {mayEdit && <AddItem data={data} page={page} form={edit.form} added={edit.added} />}
    </Layout>
  );
}
