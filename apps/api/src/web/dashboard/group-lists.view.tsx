import type { ComponentChildren } from 'preact';
import type { Messages } from '@tilneste/i18n';
import { formatShortDate, formatWhen, seg } from '../shared/format';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import { Empty, TableScroll, Typed, TypedIn } from '../shared/parts';
import type { groupListPage, MatterRow, MeetingRow } from './group-lists.page-query';

/** A meeting's name in a list: its own title if it has one. */
function MeetingName(props: { meeting: MeetingRow; m: Messages }) {
  const { meeting, m } = props;
  return meeting.title ? <Typed>{meeting.title}</Typed> : <>{m.meeting.defaultTitle}</>;
}

/** The group's meetings as a table: date (linked to the meeting), title and status in words. */
export function MeetingTable(props: { rows: readonly MeetingRow[]; caption: string; m: Messages }) {
  const { rows, m } = props;
  const g = m.groupLists;
  if (rows.length === 0) return <Empty>{g.noMeetings}</Empty>;
  return (
    <TableScroll labelledBy="meetings-caption" m={m}>
      <table class="ds-table group-list" data-size="sm" data-list="meetings">
        <caption id="meetings-caption">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{g.colDate}</th>
            <th scope="col">{g.colMeeting}</th>
            <th scope="col">{g.colStatus}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-meeting={r.id} data-status={r.status}>
              <th scope="row">
                <a class="ds-link" href={`/moter/${seg(r.id)}`}>
                  {formatWhen(r.startsAt, m, false)}
                </a>
              </th>
              <td>
                <MeetingName meeting={r} m={m} />
              </td>
              <td>{m.common.meetingStatus[r.status] ?? r.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The group's matters as a table: title (linked to its history), when last dealt with, and its state. */
export function MatterTable(props: { rows: readonly MatterRow[]; caption: string; m: Messages }) {
  const { rows, m } = props;
  const g = m.groupLists;
  if (rows.length === 0) return <Empty>{g.noMatters}</Empty>;
  return (
    <TableScroll labelledBy="matters-caption" m={m}>
      <table class="ds-table group-list" data-size="sm" data-list="matters">
        <caption id="matters-caption">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{g.colMatter}</th>
            <th scope="col">{g.colLastDealt}</th>
            <th scope="col">{g.colStatus}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-matter={r.id} data-status={r.status}>
              <th scope="row">
                <a class="ds-link" href={`/saker/${seg(r.id)}`}>
                  <Typed>{r.title}</Typed>
                </a>
              </th>
              {/* The short date leaves the status room on a phone; the long one pushed it out of view at 375 px. */}
              <td>{r.lastAt === null ? '' : formatShortDate(r.lastAt, m)}</td>
              <td>{g.matterStatus[r.status] ?? r.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

type ListPage<T> = ReturnType<typeof groupListPage<T>>;

function GroupListLayout(props: {
  page: PageContext;
  data: { groupId: string; groupName: string };
  title: (group: string) => string;
  children: ComponentChildren;
}) {
  const { page, data } = props;
  const { m } = page;
  return (
    <Layout page={page} title={props.title(data.groupName)}>
      <h1 class="ds-heading" data-size="lg">
        <TypedIn text={props.title} value={data.groupName} />
      </h1>
      <p class="ds-paragraph lead">
        <a class="ds-link" href={`/grupper/${seg(data.groupId)}`}>
          {m.groupLists.backToDashboard}
        </a>
      </p>
      {props.children}
    </Layout>
  );
}

/** `grupper/:id/moter`: every meeting of the group, the latest first. */
export function groupMeetingsView(data: ListPage<MeetingRow>, page: PageContext) {
  const g = page.m.groupLists;
  return (
    <GroupListLayout page={page} data={data} title={g.meetingsTitle}>
      <MeetingTable rows={data.rows} caption={g.meetingsCaption} m={page.m} />
    </GroupListLayout>
  );
}

/** `grupper/:id/saker`: every matter of the group, the one last dealt with first. */
export function groupMattersView(data: ListPage<MatterRow>, page: PageContext) {
  const g = page.m.groupLists;
  return (
    <GroupListLayout page={page} data={data} title={g.mattersTitle}>
      <MatterTable rows={data.rows} caption={g.mattersCaption} m={page.m} />
    </GroupListLayout>
  );
}
