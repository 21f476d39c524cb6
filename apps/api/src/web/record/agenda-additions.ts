import type { InputOf } from '@tilneste/application';
import { type addAgendaItemData, renumberAgendaItemData } from '@tilneste/meetings';
import { aobMove, type MeetingView } from '@tilneste/projections';
import type { z } from 'zod';
import { validate } from './record-form';

/**
 * The commands that add these items to a meeting's agenda, in one commit: first, when a stored "Eventuelt" would
 * end up before them, the one that moves it after them, so it stays the last item (`aobMove`).
 */
export function agendaAdditions(
  meeting: MeetingView,
  items: readonly z.infer<typeof addAgendaItemData>[],
): InputOf<'meeting'>[] {
  const move = aobMove(
    meeting,
    items.map((i) => i.number),
  );
  const renumber: InputOf<'meeting'>[] = move
    ? [
        {
          type: 'RenumberAgendaItem',
          data: validate(renumberAgendaItemData, { meetingId: meeting.id, ...move }),
        },
      ]
    : [];
  return [...renumber, ...items.map((data): InputOf<'meeting'> => ({ type: 'AddAgendaItem', data }))];
}
