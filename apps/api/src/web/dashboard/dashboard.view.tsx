import type { Messages } from '@tilneste/i18n';
import { formatShortDate, formatWhen, seg } from '../shared/format';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import { RecordLinks } from '../record/record-links';
import {
  CommitmentLink,
  Due,
  Empty,
  OwnerName,
  personName,
  Section,
  TableScroll,
  TaskTags,
  Typed,
  TypedIn,
  typedLang,
  WorkingGroupLink,
} from '../shared/parts';
import { ErrorSummary, formScope, type FieldError } from '../shared/form';
import { followUpQuery, type DashboardPage, type FilterField } from './dashboard.page-query';
import { MatterTable, MeetingTable } from './group-lists.view';

type History = DashboardPage['history'];

const PLOT = { width: 640, height: 240, left: 44, bottom: 40, top: 16 };
/**
 * The sizes the plot's text is drawn at, in the drawing's units: `wide` where the drawing is shown near its own
 * width, `narrow` on a phone, where it is shrunk to about half and 13 units would read as 7 px (app.css shows one
 * set or the other by the screen's width). The narrow dates are fewer, since each takes more room.
 */
const TEXT = {
  wide: { size: 13, gap: 10, below: 18 },
  narrow: { size: 22, gap: 16, below: 26 },
} as const;
type TextSet = keyof typeof TEXT;
/** About how wide a text is drawn in a set's size: about 0.6 em a character. */
const textWidth = (text: string, set: TextSet) => text.length * TEXT[set].size * 0.6;
const SETS: readonly TextSet[] = ['wide', 'narrow'];

/** Open against completed commitments at each held meeting, as bars; the same figures are in a table below. */
function Plot(props: { history: History; m: Messages }) {
  const { history, m } = props;
  const max = Math.max(1, ...history.map((h) => h.open + h.closed));
  const innerHeight = PLOT.height - PLOT.bottom - PLOT.top;
  const labels = history.map((h) => formatShortDate(h.startsAt, m));
  // The widest date of each set, with a gap to the next.
  const widest = (set: TextSet) => Math.max(0, ...labels.map((l) => textWidth(l, set) + TEXT[set].gap));
  // The bars end half a date short of the edge, so that the latest meeting's date is not cut off.
  const slot = (PLOT.width - PLOT.left - widest('narrow') / 2) / Math.max(history.length, 1);
  const bar = Math.min(28, slot / 3);
  // With more meetings than dates fit under the bars, every `step`-th is dated, counted back from the latest, so
  // the dates never run into each other (two years of meetings did); the table below has every one.
  const step = { wide: 1, narrow: 1 };
  for (const set of SETS) step[set] = Math.max(1, Math.ceil(widest(set) / slot));
  const y = (n: number) => PLOT.top + innerHeight - (n / max) * innerHeight;
  const ticks = [0, Math.ceil(max / 2), max].filter((v, i, all) => all.indexOf(v) === i);
  return (
    <figure class="plot">
      <svg
        viewBox={`0 0 ${PLOT.width} ${PLOT.height}`}
        role="img"
        aria-labelledby="plot-title plot-desc"
        class="plot__svg"
        focusable="false"
      >
        <title id="plot-title">{m.dashboard.plot}</title>
        <desc id="plot-desc">{m.dashboard.plotDescription}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PLOT.left} x2={PLOT.width} y1={y(t)} y2={y(t)} class="plot__grid" />
            {SETS.map((set) => (
              <text
                key={set}
                x={PLOT.left - 6}
                y={y(t) + TEXT[set].size / 3}
                text-anchor="end"
                class={`plot__label plot__label--${set}`}
              >
                {String(t)}
              </text>
            ))}
          </g>
        ))}
        {history.map((h, i) => {
          const x = PLOT.left + i * slot + slot / 2;
          return (
            <g key={h.meetingId}>
              <rect x={x - bar - 1} y={y(h.open)} width={bar} height={y(0) - y(h.open)} class="plot__open" />
              <rect x={x + 1} y={y(h.closed)} width={bar} height={y(0) - y(h.closed)} class="plot__closed" />
              {SETS.map(
                (set) =>
                  (history.length - 1 - i) % step[set] === 0 &&
                  // Nor cut off at the left edge: the first bar of many may stand closer to it than half a date.
                  x >= textWidth(labels[i], set) / 2 && (
                    <text
                      key={set}
                      x={x}
                      y={PLOT.height - PLOT.bottom + TEXT[set].below}
                      text-anchor="middle"
                      class={`plot__label plot__label--${set}`}
                    >
                      {labels[i]}
                    </text>
                  ),
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="plot__legend" aria-hidden="true">
        <span class="plot__key plot__key--open">{m.dashboard.plotOpen}</span>
        <span class="plot__key plot__key--closed">{m.dashboard.plotClosed}</span>
      </figcaption>
    </figure>
  );
}

function PlotTable(props: { history: History; m: Messages }) {
  const { history, m } = props;
  return (
    <div class="ds-sr-only">
      <table class="ds-table" data-size="sm">
        <caption>{m.dashboard.plotTable}</caption>
        <thead>
          <tr>
            <th scope="col">{m.dashboard.colMeeting}</th>
            <th scope="col">{m.dashboard.plotOpen}</th>
            <th scope="col">{m.dashboard.plotClosed}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.meetingId}>
              <th scope="row">{formatWhen(h.startsAt, m, false)}</th>
              <td>{h.open}</td>
              <td>{h.closed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Figures(props: { data: DashboardPage; m: Messages }) {
  const { counts } = props.data;
  const d = props.m.dashboard;
  const figures: [string, number, string][] = [
    ['open', counts.open, d.openCount],
    ['overdue', counts.overdue, d.overdueCount],
    ['carried', counts.carriedOver, d.carriedOverCount],
    ['often', counts.carriedOften, d.carriedOftenCount],
  ];
  return (
    <dl class="figures">
      {figures.map(([key, value, label]) => (
        <div class={`figures__item figures__item--${key}`} key={key} data-figure={key}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The filter's controls by field, as its labels and its error summary's links name them. */
const FILTER_IDS: Record<FilterField, string> = {
  ansvarlig: 'f-owner',
  arbeidsgruppe: 'f-wg',
  status: 'f-state',
};

/** What each filter field the query got wrong says beside it, naming what it takes instead. */
function filterErrors(data: DashboardPage, m: Messages): FieldError[] {
  const d = m.dashboard;
  const states: [string, string][] = [
    ['open', d.stateOpen],
    ['overdue', d.stateOverdue],
    ['carried-over', d.stateCarriedOver],
    ['done', d.stateDone],
    ['all', d.stateAll],
  ];
  return data.invalidFilter.map((field) => ({
    field,
    message:
      field === 'status'
        ? d.filterInvalid.status(states.map(([value, label]) => `${value} (${label})`))
        : d.filterInvalid[field],
  }));
}

/** A filter control's error, tied to it (`aria-describedby`, `aria-invalid`). */
function FilterError(props: { field: FilterField; errors: readonly FieldError[] }) {
  const message = props.errors.find((e) => e.field === props.field)?.message;
  return message ? (
    <p
      class="ds-validation-message"
      data-field="validation"
      data-color="danger"
      id={`${FILTER_IDS[props.field]}-error`}
    >
      {message}
    </p>
  ) : null;
}

const invalidAttrs = (field: FilterField, errors: readonly FieldError[]) =>
  errors.some((e) => e.field === field)
    ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${FILTER_IDS[field]}-error` }
    : {};

function FilterForm(props: { data: DashboardPage; page: PageContext; action: string }) {
  const { data, page } = props;
  const { m } = page;
  const d = m.dashboard;
  const f = data.filter;
  const errors = filterErrors(data, m);
  const scope = formScope(page, 'filter', errors.length ? { values: {}, errors } : null, {
    id: (name) => FILTER_IDS[name as FilterField] ?? name,
    labels: { ansvarlig: d.filterOwner, arbeidsgruppe: d.filterWorkingGroup, status: d.filterState },
  });
  return (
    <form
      method="get"
      action={props.action}
      class="filters"
      // Refused, the form is sent whole, so the page comes back without the errors it shows now.
      {...(errors.length === 0 && {
        'hx-get': props.action,
        'hx-trigger': 'change, submit',
        'hx-target': '#follow-up-results',
        'hx-select': '#follow-up-results',
        'hx-swap': 'outerHTML',
        'hx-push-url': 'true',
      })}
    >
      {/* A link with a filter the list does not know: what each field takes, linked from the summary. */}
      <ErrorSummary f={scope} saves={false} />
      <fieldset class="filters__set">
        <legend class="ds-label">{d.filters}</legend>
        <div class="ds-field">
          <label class="ds-label" for="f-owner">
            {d.filterOwner}
          </label>
          <FilterError field="ansvarlig" errors={errors} />
          <select class="ds-input" id="f-owner" name="ansvarlig" {...invalidAttrs('ansvarlig', errors)}>
            <option value="">{d.all}</option>
            {data.ownerOptions.map((o) => (
              <option
                key={o.value}
                value={o.value}
                selected={f.ansvarlig === o.value}
                lang={o.value.startsWith('working-group:') ? typedLang(m.lang) : undefined}
              >
                {o.secretariat ? m.common.secretariat : (o.label ?? m.common.noOwner)}
              </option>
            ))}
          </select>
        </div>
        <div class="ds-field">
          <label class="ds-label" for="f-wg">
            {d.filterWorkingGroup}
          </label>
          <FilterError field="arbeidsgruppe" errors={errors} />
          <select class="ds-input" id="f-wg" name="arbeidsgruppe" {...invalidAttrs('arbeidsgruppe', errors)}>
            <option value="">{d.all}</option>
            {data.workingGroupOptions.map((o) => (
              <option
                key={o.value}
                value={o.value}
                selected={f.arbeidsgruppe === o.value}
                lang={typedLang(m.lang)}
              >
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div class="ds-field">
          <label class="ds-label" for="f-state">
            {d.filterState}
          </label>
          <FilterError field="status" errors={errors} />
          <select class="ds-input" id="f-state" name="status" {...invalidAttrs('status', errors)}>
            <option value="">{d.stateOpen}</option>
            <option value="overdue" selected={f.status === 'overdue'}>
              {d.stateOverdue}
            </option>
            <option value="carried-over" selected={f.status === 'carried-over'}>
              {d.stateCarriedOver}
            </option>
            <option value="done" selected={f.status === 'done'}>
              {d.stateDone}
            </option>
            <option value="all" selected={f.status === 'all'}>
              {d.stateAll}
            </option>
          </select>
        </div>
        <button type="submit" class="ds-button" data-variant="secondary">
          {d.applyFilters}
        </button>
      </fieldset>
    </form>
  );
}

/** The filtered list, with the link to it as CSV: inside what the filter form swaps, so the link keeps up. */
function FollowUpTable(props: { data: DashboardPage; m: Messages; csv: string }) {
  const { data, m } = props;
  const d = m.dashboard;
  return (
    <div id="follow-up-results" aria-live="polite">
      <p class="ds-paragraph" data-size="sm" data-shown={data.rows.length}>
        {d.shown(data.rows.length, data.total)}
      </p>
      {data.rows.length === 0 ? (
        <Empty>{d.noneMatch}</Empty>
      ) : (
        <TableScroll labelledBy="follow-up-caption" m={m}>
          <table class="ds-table follow-up" data-size="sm">
            <caption id="follow-up-caption" class="ds-sr-only">
              {m.common.tableOf(d.followUp)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{d.colText}</th>
                <th scope="col">{d.colOwner}</th>
                <th scope="col">{d.colDue}</th>
                <th scope="col">{d.colState}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((t) => (
                <tr key={t.id} data-commitment={t.id} data-status={t.status}>
                  <td>
                    <CommitmentLink id={t.id} text={t.text} />
                  </td>
                  <td>
                    <OwnerName owner={t.owner} name={t.ownerName} m={m} />
                  </td>
                  <td>
                    <Due dueAt={t.dueAt} dueMeetingId={t.dueMeetingId} m={m} />
                  </td>
                  <td>
                    {t.status === 'open' ? (
                      <TaskTags overdue={t.overdue} carriedOver={t.carriedOver} m={m} />
                    ) : (
                      <span class="ds-tag" data-color={t.status === 'completed' ? 'success' : 'neutral'}>
                        {t.status === 'completed' ? d.stateDone : d.withdrawn}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p class="ds-paragraph">
        <a class="ds-link" href={props.csv} download>
          {d.csv}
        </a>
      </p>
    </div>
  );
}

/** "The latest 5 meetings" when the list is cut short, else the full list's own caption. */
const listCaption = (
  list: { shown: readonly unknown[]; total: number },
  latest: (shown: number) => string,
  all: string,
) => (list.shown.length < list.total ? latest(list.shown.length) : all);

export function dashboardView(data: DashboardPage, page: PageContext) {
  const { m } = page;
  const d = m.dashboard;
  const base = `/grupper/${seg(data.groupId)}`;
  return (
    <Layout page={page} title={d.title(data.groupName)}>
      <h1 class="ds-heading" data-size="lg">
        <TypedIn text={d.title} value={data.groupName} />
      </h1>

      <Section id="next" title={d.nextMeeting}>
        {data.next ? (
          <p class="ds-paragraph">
            <a class="ds-link" href={`/moter/${seg(data.next.id)}`}>
              {data.next.title ? <Typed>{data.next.title}</Typed> : m.meeting.defaultTitle},{' '}
              {formatWhen(data.next.startsAt, m)}
            </a>
            {data.next.location && (
              <>
                {' – '}
                <Typed>{data.next.location}</Typed>
              </>
            )}
          </p>
        ) : (
          <Empty>{d.noNextMeeting}</Empty>
        )}
        <p class="ds-paragraph">
          <a class="ds-link" href={`${base}/neste-saksliste`}>
            {d.draftAgenda}
          </a>
        </p>
        {/* web-record: the secretariat's way in to schedule and record meetings */}
        <RecordLinks page={page} groupId={data.groupId} meetingId={data.next?.id} schedule />
        {data.unclosed.length > 0 && (
          <div class="ds-alert" data-color="warning">
            <h3 class="ds-heading" data-size="2xs">
              {d.unclosedMeetings}
            </h3>
            <p class="ds-paragraph">{d.unclosedHint}</p>
            <ul class="ds-list">
              {data.unclosed.map((u) => (
                <li key={u.id}>
                  <a class="ds-link" href={`/moter/${seg(u.id)}`}>
                    {u.title ? <Typed>{u.title}</Typed> : m.meeting.defaultTitle}, {formatWhen(u.startsAt, m)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Section>

      <Section id="meetings" title={m.groupLists.meetings}>
        <MeetingTable
          rows={data.lists.meetings.shown}
          caption={listCaption(
            data.lists.meetings,
            m.groupLists.latestMeetings,
            m.groupLists.meetingsCaption,
          )}
          m={m}
        />
        {data.lists.meetings.total > 0 && (
          <p class="ds-paragraph">
            <a class="ds-link" href={`${base}/moter`}>
              {m.groupLists.allMeetings(data.lists.meetings.total)}
            </a>
          </p>
        )}
      </Section>

      <Section id="matters" title={m.groupLists.matters}>
        <MatterTable
          rows={data.lists.matters.shown}
          caption={listCaption(data.lists.matters, m.groupLists.latestMatters, m.groupLists.mattersCaption)}
          m={m}
        />
        {data.lists.matters.total > 0 && (
          <p class="ds-paragraph">
            <a class="ds-link" href={`${base}/saker`}>
              {m.groupLists.allMatters(data.lists.matters.total)}
            </a>
          </p>
        )}
      </Section>

      <Section id="figures" title={d.counts}>
        <Figures data={data} m={m} />
        {data.carriedOften.length > 0 && (
          <>
            <h3 class="ds-heading" data-size="2xs">
              {d.carriedOften}
            </h3>
            <ul class="ds-list carried-often">
              {data.carriedOften.map((t) => (
                <li key={t.id}>
                  <Typed>{t.text}</Typed> (<OwnerName owner={t.owner} name={t.ownerName} m={m} />,{' '}
                  {m.common.carriedOverTimes(t.carriedOver)})
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>

      <Section id="follow-up" title={d.followUp}>
        <FilterForm data={data} page={page} action={base} />
        {/* Refused, the filter lists nothing: a list filtered by less than was asked would pass for the answer. */}
        {data.invalidFilter.length === 0 && (
          <FollowUpTable data={data} m={m} csv={`${base}/oppfolging.csv${followUpQuery(data.filter)}`} />
        )}
      </Section>

      <Section id="by-owner" title={d.byOwner}>
        {data.byOwner.length === 0 ? (
          <Empty>{m.common.none}</Empty>
        ) : (
          <TableScroll labelledBy="by-owner-caption" m={m}>
            <table class="ds-table" data-size="sm">
              <caption id="by-owner-caption" class="ds-sr-only">
                {m.common.tableOf(d.byOwner)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{d.colOwner}</th>
                  <th scope="col">{d.colOpen}</th>
                  <th scope="col">{d.colOverdue}</th>
                  <th scope="col">{d.colCarried}</th>
                </tr>
              </thead>
              <tbody>
                {data.byOwner.map((o) => (
                  <tr key={o.key}>
                    <th scope="row">
                      <a
                        class="ds-link"
                        href={`${base}?ansvarlig=${encodeURIComponent(o.key)}`}
                        lang={o.key.startsWith('working-group:') ? typedLang(m.lang) : undefined}
                      >
                        {o.secretariat ? m.common.secretariat : (o.name ?? m.common.noOwner)}
                      </a>
                    </th>
                    <td>{o.open}</td>
                    <td>{o.overdue}</td>
                    <td>{o.carriedOver}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>

      <Section id="by-working-group" title={d.byWorkingGroup}>
        {data.workingGroups.length === 0 ? (
          <Empty>{m.common.none}</Empty>
        ) : (
          <TableScroll labelledBy="by-working-group-caption" m={m}>
            <table class="ds-table" data-size="sm">
              <caption id="by-working-group-caption" class="ds-sr-only">
                {m.common.tableOf(d.byWorkingGroup)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{d.filterWorkingGroup}</th>
                  <th scope="col">{d.colLead}</th>
                  <th scope="col">{d.colStatus}</th>
                  <th scope="col">{d.colOpen}</th>
                  <th scope="col">{d.colDone}</th>
                </tr>
              </thead>
              <tbody>
                {data.workingGroups.map((w) => (
                  <tr key={w.id}>
                    <th scope="row">
                      <WorkingGroupLink id={w.id} name={w.name} />
                    </th>
                    <td>{w.lead?.name ?? m.workingGroup.noLead}</td>
                    <td>
                      {m.common.workingGroupStatus[w.status] ?? w.status}
                      {w.statusText && (
                        <span class="muted">
                          {' – '}
                          <Typed>{w.statusText}</Typed>
                        </span>
                      )}
                    </td>
                    <td>{w.open}</td>
                    <td>{w.done}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>

      <Section id="plot" title={d.plot}>
        {data.history.length === 0 ? (
          <Empty>{d.plotEmpty}</Empty>
        ) : (
          <>
            <Plot history={data.history} m={m} />
            <PlotTable history={data.history} m={m} />
          </>
        )}
      </Section>

      <div class="columns">
        <Section id="deferred" title={d.deferred}>
          {data.deferredItems.length === 0 ? (
            <Empty>{d.noDeferred}</Empty>
          ) : (
            <ul class="ds-list">
              {data.deferredItems.map((i) => (
                <li key={i.itemId}>
                  {i.number !== null && `${i.number}. `}
                  <Typed>{i.title}</Typed> (
                  <a class="ds-link" href={`/moter/${seg(i.meetingId)}`}>
                    {m.common.meeting}
                  </a>
                  )
                </li>
              ))}
            </ul>
          )}
        </Section>

        <Section id="unowned" title={d.unowned}>
          {data.unowned.length === 0 ? (
            <Empty>{d.noUnowned}</Empty>
          ) : (
            <ul class="ds-list">
              {data.unowned.map((t) => (
                <li key={t.id}>
                  {/* Its page is where the secretariat gives it an owner. */}
                  <CommitmentLink id={t.id} text={t.text} />
                </li>
              ))}
            </ul>
          )}
        </Section>

        <Section id="cannot-remind" title={d.cannotRemind}>
          {data.cannotRemind.length === 0 ? (
            <Empty>{d.everyoneReachable}</Empty>
          ) : (
            <>
              <p class="ds-paragraph" data-size="sm">
                {d.cannotRemindHint}
              </p>
              <ul class="ds-list">
                {data.cannotRemind.map((p) => (
                  <li key={p.id}>
                    <a class="ds-link" href={`/personer/${seg(p.id)}/oppgaver`}>
                      {personName(p.name, m)}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Section>

        <Section id="reminders" title={d.reminders}>
          <dl class="figures figures--small">
            <div class="figures__item">
              <dt>{d.remindersSent}</dt>
              <dd>{data.reminders.sent}</dd>
            </div>
            <div class="figures__item">
              <dt>{d.remindersPending}</dt>
              <dd>{data.reminders.pending}</dd>
            </div>
            <div class="figures__item">
              <dt>{d.remindersFailed}</dt>
              <dd>{data.reminders.failed}</dd>
            </div>
            <div class="figures__item">
              <dt>{d.remindersAttention}</dt>
              <dd>{data.reminders.needsAttention}</dd>
            </div>
          </dl>
          {/* web-admin (issue 14): the secretariat's reminders page */}
          {page.may('group.manage', { kind: 'group', groupId: data.groupId }) && (
            <p class="ds-paragraph">
              <a class="ds-link" href={`${base}/paminnelser`}>
                {m.admin.nav.reminders}
              </a>
            </p>
          )}
        </Section>
      </div>
    </Layout>
  );
}
