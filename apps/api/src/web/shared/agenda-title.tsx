import type { Messages } from '@tilneste/i18n';
import { agendaTitle, type AgendaWording } from '@tilneste/projections';
import { Typed, TypedIn } from './parts';

/**
 * An agenda item's title in the reader's words (`agendaTitle`), with what people typed in it (a title, a
 * commitment, a working group) marked as theirs: the same text, so a copy of it reads the same.
 */
export function AgendaItemTitle(props: { wording: AgendaWording; m: Messages }) {
  const { wording: w } = props;
  const words = props.m.agenda.draft;
  switch (w.key) {
    case 'stored':
      return <Typed>{w.title}</Typed>;
    case 'working-group-report':
      return <TypedIn text={words.workingGroupReport} value={w.workingGroup} />;
    case 'follow-up': {
      const owner = w.owner === 'secretariat' ? words.secretariat : (w.owner?.name ?? null);
      return <TypedIn text={(text) => words.followUp(text, owner)} value={w.text} />;
    }
    default:
      return <>{agendaTitle(w, words)}</>;
  }
}
