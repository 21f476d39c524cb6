import { seg } from '../shared/format';
import type { PageContext } from '../shared/page-context';

/** The secretariat's way into recording, on pages everyone reads: shown only to those the policy lets record. */
export function RecordLinks(props: {
  page: PageContext;
  groupId: string;
  meetingId?: string;
  schedule?: boolean;
}) {
  const { page, groupId, meetingId } = props;
  if (!page.may('group.record', { kind: 'group', groupId })) return null;
  const r = page.m.record;
  return (
    <p class="ds-paragraph record-links">
      {meetingId && (
        <a class="ds-link" href={`/moter/${seg(meetingId)}/registrer`}>
          {r.link}
        </a>
      )}
      {props.schedule && (
        <a class="ds-link" href={`/grupper/${seg(groupId)}/nytt-mote`}>
          {r.scheduleLink}
        </a>
      )}
    </p>
  );
}
