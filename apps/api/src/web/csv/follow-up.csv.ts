import { stringify } from 'csv-stringify/sync';
import { GROUP_TIME_ZONE } from '@tilneste/groups';
import { ownerName, taskView, type Catalog, type CommitmentView } from '@tilneste/projections';
import { followUpNb, type FollowUpMessages } from './follow-up.messages';
import { inStatusPool, matchesFilter, type FollowUpFilter } from '../dashboard/dashboard.page-query';

/** One row of the follow-up list, as municipalities publish it. */
export type FollowUpRow = [
  group: string,
  meetingDate: string,
  matter: string,
  owner: string,
  due: string,
  status: string,
  progress: string,
];

const formatters = new Map<string, Intl.DateTimeFormat>();
function day(iso: string | null, locale: string): string {
  if (!iso) return '';
  let format = formatters.get(locale);
  if (!format)
    formatters.set(
      locale,
      (format = new Intl.DateTimeFormat(locale, {
        timeZone: GROUP_TIME_ZONE,
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      })),
    );
  // A bare day (a due date) is that day wherever the reader is.
  return format.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso));
}

/**
 * The group's commitments that the dashboard's filter picks, in the order of the meetings they were made at.
 * With no status given it is every commitment, open and closed, as the list has always been published.
 */
export function followUpRows(
  catalog: Catalog,
  groupId: string,
  now: Date,
  m: FollowUpMessages = followUpNb,
  filter: FollowUpFilter = {},
): FollowUpRow[] | undefined {
  const picked: FollowUpFilter = { ...filter, status: filter.status ?? 'all' };
  const group = catalog.groups.get(groupId);
  if (!group) return undefined;
  const commitments = [...group.commitmentIds].map((id) => catalog.commitments.get(id)!);
  const startOf = (c: CommitmentView) => catalog.meetings.get(c.meetingId)?.startsAt ?? c.madeAt;
  commitments.sort(
    (a, b) =>
      Date.parse(startOf(a)) - Date.parse(startOf(b)) ||
      catalog.madeOrder.get(a.id)! - catalog.madeOrder.get(b.id)!,
  );
  const tasks = commitments
    .map((c) => ({ c, task: taskView(catalog, c, now) }))
    .filter(({ task }) => inStatusPool(task, picked) && matchesFilter(task, picked));
  return tasks.map(({ c, task }) => {
    const matter = c.matterId ? catalog.matters.get(c.matterId)?.title : undefined;
    const item = task.source.agendaItemTitle
      ? `${task.source.agendaItemNumber !== null ? `${task.source.agendaItemNumber} ` : ''}${task.source.agendaItemTitle}`
      : undefined;
    const latest = c.progress.at(-1);
    const status = [
      c.status === 'open' ? m.open : c.status === 'completed' ? m.completed : m.withdrawn,
      task.overdue ? m.overdue : null,
      c.carriedOver > 0 ? m.carriedOver(c.carriedOver) : null,
    ].filter((s) => s !== null);
    return [
      group.name,
      day(task.source.meetingStartsAt, m.locale),
      [matter ?? item, c.text].filter(Boolean).join(': '),
      ownerName(catalog, c.owner, m.secretariat) ?? m.noOwner,
      day(task.dueAt, m.locale),
      status.join(', '),
      latest ? `${day(latest.at, m.locale)}: ${latest.text}` : '',
    ];
  });
}

/**
 * What the filter picked, for the file's name: the status (when one was asked for), the owner and the working
 * group by name. An owner or working group not known is given as asked for, so the name still says it.
 */
export function followUpFilterWords(catalog: Catalog, filter: FollowUpFilter, m: FollowUpMessages): string[] {
  const owner = (key: string): string => {
    if (key === 'secretariat') return m.secretariat;
    if (key === 'none') return m.noOwner;
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'person') return catalog.people.get(id)?.name ?? key;
    if (kind === 'working-group') return catalog.workingGroups.get(id)?.name ?? key;
    return key;
  };
  return [
    filter.status ? m.statuses[filter.status] : null,
    filter.ansvarlig ? owner(filter.ansvarlig) : null,
    filter.arbeidsgruppe
      ? (catalog.workingGroups.get(filter.arbeidsgruppe)?.name ?? filter.arbeidsgruppe)
      : null,
  ].filter((word) => word !== null);
}

/**
 * A spreadsheet opens a cell starting with = + - @ (or a tab or carriage return) as a formula, which a
 * shared file can abuse (CSV injection): such a cell gets a leading apostrophe, which shows it as text.
 */
export const formulaSafe = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** UTF-8 with a BOM and `;` between cells, as Excel in Norway opens it; every cell quoted where needed. */
export function followUpCsv(rows: FollowUpRow[], m: FollowUpMessages = followUpNb): string {
  return stringify([m.columns, ...rows], {
    bom: true,
    delimiter: ';',
    record_delimiter: 'windows',
    cast: { string: formulaSafe },
  });
}
