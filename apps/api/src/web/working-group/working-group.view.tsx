import type { workingGroupStatus } from '@tilneste/projections';
import { formatWhen, seg } from '../shared/format';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import { CommitmentLink, Due, Empty, personName, Section, TaskTags } from '../shared/parts';

export type WorkingGroupPage = NonNullable<ReturnType<typeof workingGroupStatus>> & { groupName: string };

export function workingGroupView(data: WorkingGroupPage, page: PageContext) {
  const { m } = page;
  const w = m.workingGroup;
  const person = (p: { id: string; name: string | null }) => (
    <a class="ds-link" href={`/personer/${seg(p.id)}/oppgaver`}>
      {p.name === null ? m.common.unknownPerson : personName(p.name, m)}
    </a>
  );
  return (
    <Layout page={page} title={w.title(data.name)}>
      <h1 class="ds-heading" data-size="lg">
        {data.name}
      </h1>
      <p class="ds-paragraph lead">
        <a class="ds-link" href={`/grupper/${seg(data.groupId)}`}>
          {data.groupName}
        </a>
      </p>
      {data.dissolved && (
        <div class="ds-alert" data-color="warning">
          <p class="ds-paragraph">{w.dissolved}</p>
        </div>
      )}
      <dl class="facts">
        <div>
          <dt>{w.lead}</dt>
          <dd>{data.lead ? person(data.lead) : w.noLead}</dd>
        </div>
        <div>
          <dt>{w.members}</dt>
          <dd>
            {data.members.length === 0
              ? w.noMembers
              : data.members.map((p, i) => (
                  <span key={p.id}>
                    {i > 0 && ', '}
                    {person(p)}
                  </span>
                ))}
          </dd>
        </div>
        {data.mandate && (
          <div>
            <dt>{w.mandate}</dt>
            <dd>{data.mandate}</dd>
          </div>
        )}
      </dl>
      <Section id="status" title={w.status}>
        {data.statusReportedAt ? (
          <p class="ds-paragraph">
            <strong>{m.common.workingGroupStatus[data.status] ?? data.status}</strong>
            {data.statusText && ` – ${data.statusText}`}{' '}
            <span class="muted">({w.reportedAt(formatWhen(data.statusReportedAt, m))})</span>
          </p>
        ) : (
          <Empty>{w.noStatus}</Empty>
        )}
        {data.reports.length > 1 && (
          <>
            <h3 class="ds-heading" data-size="xs">
              {w.earlierReports}
            </h3>
            <ul class="ds-list" data-reports>
              {data.reports.slice(1).map((r) => (
                <li key={r.at}>
                  <strong>{m.common.workingGroupStatus[r.status] ?? r.status}</strong>
                  {r.text && ` – ${r.text}`} <span class="muted">({w.reportedAt(formatWhen(r.at, m))})</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
      <Section id="open" title={w.open}>
        {data.open.length === 0 ? (
          <Empty>{w.noneOpen}</Empty>
        ) : (
          <ul class="ds-list">
            {data.open.map((c) => (
              <li key={c.id} data-commitment={c.id}>
                <CommitmentLink id={c.id} text={c.text} /> – {m.common.due.toLowerCase()}{' '}
                <Due dueAt={c.dueAt} dueMeetingId={c.dueMeetingId} m={m} />{' '}
                <TaskTags overdue={c.overdue} carriedOver={c.carriedOver} m={m} />
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="done" title={w.done}>
        {data.done.length === 0 ? (
          <Empty>{w.noneDone}</Empty>
        ) : (
          <ul class="ds-list">
            {data.done.map((c) => (
              <li key={c.id} data-commitment={c.id}>
                <CommitmentLink id={c.id} text={c.text} />
              </li>
            ))}
          </ul>
        )}
      </Section>
    </Layout>
  );
}
