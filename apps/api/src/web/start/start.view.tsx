import { formatWhen, seg } from '../shared/format';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import {
  CommitmentLink,
  Due,
  Empty,
  personName,
  Section,
  TaskTags,
  Typed,
  useTypedLang,
} from '../shared/parts';
import type { StartPage } from './start.page-query';

function GroupLink(props: { id: string; name: string }) {
  return (
    <a class="ds-link" href={`/grupper/${seg(props.id)}`} lang={useTypedLang()}>
      {props.name}
    </a>
  );
}

export function startView(data: StartPage, page: PageContext) {
  const { m } = page;
  const s = m.start;
  return (
    <Layout page={page} title={s.title}>
      <h1 class="ds-heading" data-size="lg">
        {s.heading}
      </h1>
      <div class="columns">
        <Section id="groups" title={data.person && data.people.length === 0 ? s.myGroups : s.allGroups}>
          {data.groups.length === 0 ? (
            <Empty>{data.allGroups ? s.noGroupsAnywhere : s.noGroups}</Empty>
          ) : (
            <ul class="ds-list">
              {data.groups.map((g) => (
                <li key={g.id}>
                  <GroupLink id={g.id} name={g.name} />
                  {g.role && <span class="muted"> ({s.role[g.role] ?? g.role})</span>}
                </li>
              ))}
            </ul>
          )}
          {/* establishing a group is the admins' (system.admin): the first step on a fresh store */}
          {page.may('system.admin', { kind: 'system' }) &&
            (data.groups.length === 0 ? (
              <>
                <p class="ds-paragraph">{s.establishFirstHint}</p>
                <p class="ds-paragraph">
                  <a class="ds-button" data-variant="primary" href="/personer#new-group">
                    {s.establishFirst}
                  </a>
                </p>
              </>
            ) : (
              <p class="ds-paragraph">
                <a class="ds-link" href="/personer#new-group">
                  {s.establishGroup}
                </a>
              </p>
            ))}
        </Section>
        <Section id="upcoming" title={s.upcoming}>
          {data.upcoming.length === 0 ? (
            <Empty>{s.noUpcoming}</Empty>
          ) : (
            <ul class="ds-list">
              {data.upcoming.map((u) => (
                <li key={u.id}>
                  <a class="ds-link" href={`/moter/${seg(u.id)}`}>
                    {formatWhen(u.startsAt, m)}
                  </a>
                  {' – '}
                  <Typed>{u.title ? `${u.title}, ${u.groupName}` : u.groupName}</Typed>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
      {data.person && (
        <Section id="my-open" title={s.myOpen}>
          {data.tasks.length === 0 ? (
            <Empty>{s.noOpen}</Empty>
          ) : (
            <ul class="ds-list">
              {data.tasks.map((t) => {
                // Links only for a reader of its group: a working group's lead from outside it may open neither
                // the commitment's page nor the meeting.
                const readsGroup = page.may('group.read', { kind: 'group', groupId: t.groupId });
                return (
                  <li key={t.id}>
                    {readsGroup ? <CommitmentLink id={t.id} text={t.text} /> : <Typed>{t.text}</Typed>} –{' '}
                    {m.common.due}:{' '}
                    <Due dueAt={t.dueAt} dueMeetingId={t.dueMeetingId} m={m} linked={readsGroup} />{' '}
                    <TaskTags overdue={t.overdue} carriedOver={t.carriedOver} m={m} />
                  </li>
                );
              })}
            </ul>
          )}
          <p class="ds-paragraph">
            <a class="ds-link" href={`/personer/${seg(data.person.id)}/oppgaver`}>
              {s.seeAllTasks}
            </a>
          </p>
        </Section>
      )}
      {data.people.length > 0 && (
        <Section id="people" title={s.people}>
          <p class="ds-paragraph">{s.peopleHint}</p>
          <ul class="ds-list people-list">
            {data.people.map((p) => (
              <li key={p.id}>
                <a class="ds-link" href={`/personer/${seg(p.id)}/oppgaver`}>
                  {personName(p.name, m)}
                </a>
              </li>
            ))}
          </ul>
        </Section>
      )}
    </Layout>
  );
}
