import type { Messages } from '@tilneste/i18n';
import { formatWhen, seg } from '../shared/format';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import { CommitmentLink, ImportedFrom, Typed, typedLang } from '../shared/parts';
import type { MatterPage, Recorder, TextChange } from './matter.page-query';

type Entry = MatterPage['timeline'][number];

/**
 * A changed text: the new wording in full, then the word diff. Strike-through and underline alone say nothing
 * to a screen reader (it would read removed and added words run together), so each removed or added run is
 * also named in words, in text that is not shown.
 */
function Changes(props: { text: string | null; changes: TextChange[]; m: Messages }) {
  const { changes, m } = props;
  const t = m.matter;
  return (
    <div class="diff">
      {props.text !== null && (
        <p class="ds-paragraph diff__new">
          <span class="diff__label">{t.newText}</span> <Typed>{props.text}</Typed>
        </p>
      )}
      <p class="ds-paragraph diff__label" data-size="sm">
        {t.changes}
      </p>
      <p class="ds-paragraph diff__words" data-size="sm">
        {changes.map((c, i) =>
          c.kind === 'removed' ? (
            <del key={i}>
              <span class="ds-sr-only">{`${t.removedStart} `}</span>
              <Typed>{c.text}</Typed>
              <span class="ds-sr-only">{` ${t.removedEnd} `}</span>
            </del>
          ) : c.kind === 'added' ? (
            <ins key={i}>
              <span class="ds-sr-only">{`${t.addedStart} `}</span>
              <Typed>{c.text}</Typed>
              <span class="ds-sr-only">{` ${t.addedEnd} `}</span>
            </ins>
          ) : (
            <Typed key={i}>{c.text}</Typed>
          ),
        )}
      </p>
    </div>
  );
}

/** Who recorded an entry, in the reader's words. */
export function who(r: Recorder, m: Messages): string {
  if (r.kind === 'person') return r.name ?? m.common.unknownPerson;
  if (r.kind === 'client') return r.id === 'reader' ? m.app.readClient : m.app.adminClient;
  return m.matter.system;
}

function TimelineEntry(props: { entry: Entry; groupId: string; page: PageContext }) {
  const { entry: e, groupId, page } = props;
  const { m } = page;
  const label = m.matter.type[e.type] ?? e.type;
  return (
    <li class={`timeline__entry timeline__entry--${e.type}`} data-type={e.type}>
      <h3 class="ds-heading" data-size="2xs">
        {label}
        {e.type === 'MatterReferred' && e.text && (
          <>
            {' '}
            <Typed>{e.text}</Typed>
          </>
        )}
        {e.kind && <span class="muted"> ({m.meeting.decisionKind[e.kind] ?? e.kind})</span>}
      </h3>
      {e.changes ? (
        <Changes text={e.text} changes={e.changes} m={m} />
      ) : e.commitmentId && e.text ? (
        <p class="ds-paragraph">
          <CommitmentLink id={e.commitmentId} text={e.text} />
        </p>
      ) : (
        e.text &&
        e.type !== 'MatterReferred' && (
          <p class="ds-paragraph" lang={typedLang(m.lang)}>
            {e.text}
          </p>
        )
      )}
      {e.reason && (
        <p class="ds-paragraph" data-size="sm">
          {m.matter.reason}: <Typed>{e.reason}</Typed>
        </p>
      )}
      <p class="ds-paragraph muted" data-size="sm">
        {m.matter.recordedBy(who(e.recordedBy, m), formatWhen(e.at, m))}
        {e.meeting && (
          <>
            {' – '}
            {m.matter.atMeeting}{' '}
            <a class="ds-link" href={`/moter/${seg(e.meeting.id)}`}>
              {formatWhen(e.meeting.startsAt, m, false)}
            </a>
          </>
        )}
        {e.importedFrom && (
          <>
            {' – '}
            <ImportedFrom source={e.importedFrom} groupId={groupId} page={page} />
          </>
        )}
      </p>
    </li>
  );
}

export function matterView(data: MatterPage, page: PageContext) {
  const { m } = page;
  return (
    <Layout page={page} title={m.matter.title(data.title)}>
      <h1 class="ds-heading" data-size="lg" lang={typedLang(m.lang)}>
        {data.title}
      </h1>
      <p class="ds-paragraph lead">
        <a class="ds-link" href={`/grupper/${seg(data.groupId)}`} lang={typedLang(m.lang)}>
          {data.groupName}
        </a>
        {' – '}
        {data.status === 'closed' ? m.matter.statusClosed : m.matter.statusOpen}
      </p>
      <section aria-labelledby="timeline-h" class="page-section">
        <h2 id="timeline-h" class="ds-heading" data-size="sm">
          {m.matter.timeline}
        </h2>
        <ol class="timeline">
          {data.timeline.map((e, i) => (
            <TimelineEntry key={i} entry={e} groupId={data.groupId} page={page} />
          ))}
        </ol>
      </section>
    </Layout>
  );
}
