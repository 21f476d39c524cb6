import type { Messages } from '@tilneste/i18n';
import { AgendaItemTitle } from '../shared/agenda-title';
import { Typed, TypedIn } from '../shared/parts';
import { whenText, type NoticeModel } from './notice';

/**
 * `noticeText` on the record page, to read and copy: the same text, with what people typed marked (`Typed`):
 * the group, the meeting's title and place, the items' typed parts. It mixes the reader's words and typed
 * ones, so its box carries no `lang` of its own.
 */
export function NoticeTextBody(props: { model: NoticeModel; m: Messages }) {
  const { model, m } = props;
  const n = m.record.notice;
  return (
    <>
      <TypedIn text={n.heading} value={model.group} />
      {model.title && (
        <>
          {'\n'}
          <Typed>{model.title}</Typed>
        </>
      )}
      {`\n\n${n.when}: ${whenText(model, m)}\n${n.where}: `}
      {model.location && <Typed>{model.location}</Typed>}
      {model.location && model.online && ', '}
      {model.online && n.online}
      {!model.location && !model.online && n.notGiven}
      {`\n\n${n.greeting}\n\n${n.agenda}:`}
      {model.items.map((i) => (
        <>
          {`\n${i.number}. `}
          <AgendaItemTitle wording={i.wording} m={m} />
        </>
      ))}
      {`\n\n${n.closing}`}
    </>
  );
}
