import type { Messages } from '@tilneste/i18n';
import { formatSpan, formatWhen, seg } from '../shared/format';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import { RecordLinks } from '../record/record-links';
import { CommitmentLink, Due, Empty, OwnerName, Section, TaskTags, Typed, typedLang } from '../shared/parts';
import type { MeetingPage } from './meeting.page-query';

type Commitment = MeetingPage['otherCommitments'][number];

function Commitments(props: { list: Commitment[]; m: Messages }) {
  const { list, m } = props;
  return (
    <ul class="ds-list">
      {list.map((c) => (
        <li key={c.id} data-commitment={c.id}>
          <CommitmentLink id={c.id} text={c.text} /> – <OwnerName owner={c.owner} name={c.ownerName} m={m} />,{' '}
          {m.common.due.toLowerCase()} <Due dueAt={c.dueAt} dueMeetingId={c.dueMeetingId} m={m} />{' '}
          <span class="muted">({m.common[c.status]})</span>{' '}
          <TaskTags overdue={c.overdue} carriedOver={c.carriedOver} m={m} />
        </li>
      ))}
    </ul>
  );
}

/** Whether a held meeting's minutes are approved, and how: at which meeting (linked), or another way. */
export function MinutesApproval(props: { approval: MeetingPage['minutesApproval']; m: Messages }) {
  const { approval, m } = props;
  if (!approval) return <p class="ds-paragraph">{m.meeting.minutesNotApproved}</p>;
  if (!approval.atMeeting) return <p class="ds-paragraph">{m.meeting.minutesApprovedOtherwise}</p>;
  const at = approval.atMeeting;
  return (
    <p class="ds-paragraph">
      {m.meeting.minutesApprovedAt}{' '}
      <a class="ds-link" href={`/moter/${seg(at.id)}`}>
        {formatWhen(at.startsAt, m, false)}
        {at.title && (
          <>
            {' ('}
            <Typed>{at.title}</Typed>)
          </>
        )}
      </a>
      .
    </p>
  );
}

/** Links to the group's meetings either side of this one, each named by its date, and to all of them. */
function Neighbours(props: { data: MeetingPage; m: Messages }) {
  const { data, m } = props;
  const mt = m.meeting;
  const { previous, next } = data.neighbours;
  const when = (n: NonNullable<typeof previous>) =>
    formatWhen(n.startsAt, m, false) + (n.status === 'held' ? '' : ` (${m.common.meetingStatus[n.status]})`);
  return (
    <nav class="meeting-neighbours" aria-label={mt.neighbours}>
      <ul class="ds-list">
        {previous && (
          <li>
            <a class="ds-link" href={`/moter/${seg(previous.id)}`} rel="prev" data-neighbour="previous">
              {mt.previousMeeting(when(previous))}
            </a>
          </li>
        )}
        {next && (
          <li>
            <a class="ds-link" href={`/moter/${seg(next.id)}`} rel="next" data-neighbour="next">
              {mt.nextMeeting(when(next))}
            </a>
          </li>
        )}
        <li>
          <a class="ds-link" href={`/grupper/${seg(data.groupId)}/moter`}>
            {mt.allMeetings}
          </a>
        </li>
      </ul>
    </nav>
  );
}

export function meetingView(data: MeetingPage, page: PageContext) {
  const { m } = page;
  const mt = m.meeting;
  return (
    <Layout page={page} title={mt.title(formatWhen(data.startsAt, m, false))}>
      <h1 class="ds-heading" data-size="lg" lang={data.title === null ? undefined : typedLang(m.lang)}>
        {data.title ?? mt.defaultTitle}
      </h1>
      <p class="ds-paragraph lead">
        <a class="ds-link" href={`/grupper/${seg(data.groupId)}`} lang={typedLang(m.lang)}>
          {data.groupName}
        </a>
      </p>
      {/* web-record: the secretariat's way in to record this meeting */}
      <RecordLinks page={page} groupId={data.groupId} meetingId={data.id} />
      <dl class="facts">
        <div>
          <dt>{mt.when}</dt>
          <dd>{formatSpan(data.startsAt, data.endsAt, m)}</dd>
        </div>
        {(data.location || data.online) && (
          <div>
            <dt>{mt.where}</dt>
            <dd>
              {data.location && <Typed>{data.location}</Typed>}
              {data.location && data.online && ', '}
              {data.online && mt.online}
            </dd>
          </div>
        )}
        <div>
          <dt>{mt.status}</dt>
          <dd>{m.common.meetingStatus[data.status] ?? data.status}</dd>
        </div>
      </dl>

      <Neighbours data={data} m={m} />

      <Section id="agenda" title={mt.agenda}>
        {data.draftAgenda && (
          // The next meeting: its items are mostly gathered by the draft agenda, not recorded here yet.
          <div class="ds-alert" data-color="info" data-draft-agenda>
            <p class="ds-paragraph">{mt.draftAgendaHint}</p>
            <p class="ds-paragraph">
              <a class="ds-link" href={`/grupper/${seg(data.groupId)}/neste-saksliste`}>
                {mt.draftAgendaLink(data.draftAgenda.items)}
              </a>
            </p>
          </div>
        )}
        {data.items.length === 0 ? (
          <Empty>{data.status === 'scheduled' ? mt.noItemsYet : mt.noItems}</Empty>
        ) : (
          <ol class="agenda">
            {data.items.map((item) => (
              <li key={item.itemId} class="agenda__item" value={item.number ?? undefined}>
                <span class="agenda__title">
                  <Typed>{item.title}</Typed>
                </span>
                {item.deferred && (
                  <div>
                    <span class="ds-tag" data-color="warning">
                      {mt.deferredItem}
                    </span>
                  </div>
                )}
                {item.commitments.length > 0 && <Commitments list={item.commitments} m={m} />}
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section id="decisions" title={mt.decisions}>
        {data.decisions.length === 0 ? (
          <Empty>{mt.noDecisions}</Empty>
        ) : (
          <ul class="ds-list">
            {data.decisions.map((d) => (
              <li key={d.decisionId ?? d.text}>
                <a class="ds-link" href={`/saker/${seg(d.matterId)}`} lang={typedLang(m.lang)}>
                  {d.matterTitle}
                </a>
                : <Typed>{d.text}</Typed>
                {d.kind && <span class="muted"> ({mt.decisionKind[d.kind] ?? d.kind})</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>

      {data.otherCommitments.length > 0 && (
        <Section id="other-commitments" title={mt.otherCommitments}>
          <Commitments list={data.otherCommitments} m={m} />
        </Section>
      )}

      <Section id="attendance" title={mt.attendance}>
        {data.attendance.length === 0 ? (
          <Empty>{mt.noAttendance}</Empty>
        ) : (
          <ul class="ds-list">
            {data.attendance.map((a) => (
              <li key={a.personId}>
                <a class="ds-link" href={`/personer/${seg(a.personId)}/oppgaver`}>
                  {a.name ?? m.common.unknownPerson}
                </a>
                {a.remote && <span class="muted"> ({m.common.remote})</span>}
                {a.substituteFor && (
                  <span class="muted">
                    {' '}
                    ({m.common.substituteFor(a.substituteFor.name ?? m.common.unknownPerson)})
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="minutes" title={mt.minutes}>
        {data.status === 'held' ? (
          <>
            <MinutesApproval approval={data.minutesApproval} m={m} />
            <p class="ds-paragraph">
              <a class="ds-link" href={`/moter/${seg(data.id)}/referat.docx`} download>
                {mt.downloadMinutes}
              </a>
            </p>
          </>
        ) : (
          // Minutes are of a meeting held: before that, or for one cancelled, there are none to download.
          <p class="ds-paragraph">{data.status === 'cancelled' ? mt.minutesCancelled : mt.minutesNotHeld}</p>
        )}
      </Section>
    </Layout>
  );
}

/**
 * What `/moter/:id/referat.docx` answers (409) for a meeting not held: there are no minutes yet (or, for one
 * cancelled, none at all), and the way back to the meeting.
 */
export function minutesNotReadyView(
  data: { meetingId: string; status: 'scheduled' | 'cancelled' },
  page: PageContext,
) {
  const mt = page.m.meeting;
  return (
    <Layout page={page} title={mt.minutesNotReadyTitle}>
      <h1 class="ds-heading" data-size="lg">
        {mt.minutesNotReadyTitle}
      </h1>
      <p class="ds-paragraph">{data.status === 'cancelled' ? mt.minutesCancelled : mt.minutesNotHeld}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/moter/${seg(data.meetingId)}`}>
          {mt.backToMeeting}
        </a>
      </p>
    </Layout>
  );
}
