import type { Messages } from '@tilneste/i18n';
import { agendaTitle, type nextAgenda } from '@tilneste/projections';
import { formatWhen, seg } from '../shared/format';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import { Empty } from '../shared/parts';

export type AgendaPage = ReturnType<typeof nextAgenda> & { groupName: string };

/** The agenda as plain text for the notice: one numbered line per item, under the meeting's date. */
export function agendaText(data: AgendaPage, m: Messages): string {
  const head = data.meeting ? m.agenda.forMeeting(formatWhen(data.meeting.startsAt, m)) : m.agenda.noMeeting;
  return [
    `${m.agenda.heading} – ${data.groupName}`,
    head,
    '',
    ...data.items.map((i) => `${i.number}. ${agendaTitle(i.wording, m.agenda.draft)}`),
  ].join('\n');
}

export function agendaView(data: AgendaPage, page: PageContext) {
  const { m } = page;
  const a = m.agenda;
  return (
    <Layout page={page} title={a.title(data.groupName)}>
      <h1 class="ds-heading" data-size="lg">
        {a.heading}
      </h1>
      <p class="ds-paragraph lead">
        <a class="ds-link no-print" href={`/grupper/${seg(data.groupId)}`}>
          {data.groupName}
        </a>
        <span class="print-only">{data.groupName}</span>
        {' – '}
        {data.meeting ? a.forMeeting(formatWhen(data.meeting.startsAt, m)) : a.noMeeting}
      </p>
      {data.items.length === 0 ? (
        <Empty>{m.common.none}</Empty>
      ) : (
        <ol class="agenda">
          {data.items.map((item) => (
            <li key={item.number} class="agenda__item" value={item.number}>
              <span class="agenda__title">{agendaTitle(item.wording, a.draft)}</span>
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
            {agendaText(data, m)}
          </pre>
        </div>
      </details>
      <p class="ds-paragraph no-print" role="status" id="copy-status" aria-live="polite"></p>
    </Layout>
  );
}
