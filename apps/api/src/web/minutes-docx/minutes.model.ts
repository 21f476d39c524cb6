import type { EventStore } from '@tilneste/event-store';
import { StreamNotFoundError } from '@tilneste/event-store';
import { matterEventSchema, matterStream } from '@tilneste/matters';
import { dueAt, ownerName, type Catalog } from '@tilneste/projections';

/** What the minutes of one meeting say, gathered from the read models and the matters' own events. */
export interface MinutesModel {
  meetingId: string;
  title: string;
  group: string;
  startsAt: string;
  location: string | null;
  online: boolean | null;
  status: 'scheduled' | 'held' | 'cancelled';
  attendance: { name: string; remote: boolean; substituteFor: string | null }[];
  items: {
    itemId: string | null;
    number: number | null;
    title: string;
    deferred: boolean;
    decisions: { matter: string; text: string; kind: 'approved' | 'noted' | 'adopted' }[];
    /** `owner` is worded in the document's language where it is the secretariat. */
    commitments: { text: string; owner: string | null; due: string | null; dueIsNextMeeting: boolean }[];
  }[];
}

/**
 * Decisions are read from each of the group's matter streams, where they carry their agenda item (the
 * catalog keeps only the matter's timeline); an amendment recorded at the same meeting replaces the text.
 * `words.secretariat` names the secretariat as an owner, in the document's language.
 */
export async function minutesModel(
  catalog: Catalog,
  store: EventStore,
  meetingId: string,
  words: { secretariat: string },
): Promise<MinutesModel | undefined> {
  const meeting = catalog.meetings.get(meetingId);
  if (!meeting) return undefined;
  const group = catalog.groups.get(meeting.groupId);
  const person = (id: string) => catalog.people.get(id)?.name ?? id;
  const decisions = new Map<
    string,
    {
      itemId: string | null;
      matter: string;
      text: string;
      kind: 'approved' | 'noted' | 'adopted';
      order: number;
    }
  >();
  for (const matterId of group?.matterIds ?? []) {
    const matter = catalog.matters.get(matterId);
    try {
      for await (const recorded of store.readStream(matterStream(matterId))) {
        const parsed = matterEventSchema.safeParse({ type: recorded.type, data: recorded.data });
        if (!parsed.success) continue;
        const event = parsed.data;
        if (event.type === 'DecisionRecorded' && event.data.meetingId === meetingId) {
          decisions.set(event.data.decisionId, {
            itemId: event.data.agendaItemId,
            matter: matter?.title ?? '',
            text: event.data.text,
            kind: event.data.kind,
            order: Number(recorded.position),
          });
        } else if (event.type === 'DecisionAmended' && event.data.meetingId === meetingId) {
          const decision = decisions.get(event.data.decisionId);
          if (decision) decision.text = event.data.text;
        }
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
  }
  const commitments = [...(group?.commitmentIds ?? [])]
    .map((id) => catalog.commitments.get(id)!)
    .filter((c) => c.meetingId === meetingId)
    .sort((a, b) => catalog.madeOrder.get(a.id)! - catalog.madeOrder.get(b.id)!);
  const sortedDecisions = [...decisions.values()].sort((a, b) => a.order - b.order);
  const items: MinutesModel['items'] = [...meeting.items]
    .sort((a, b) => (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER))
    .map((item) => ({
      itemId: item.itemId,
      number: item.number,
      title: item.title,
      deferred: item.deferred,
      decisions: [],
      commitments: [],
    }));
  const known = new Set(items.map((i) => i.itemId));
  const loose: MinutesModel['items'][number] = {
    itemId: null,
    number: null,
    title: '',
    deferred: false,
    decisions: [],
    commitments: [],
  };
  const itemFor = (itemId: string | null) =>
    itemId && known.has(itemId) ? items.find((i) => i.itemId === itemId)! : loose;
  for (const d of sortedDecisions)
    itemFor(d.itemId).decisions.push({ matter: d.matter, text: d.text, kind: d.kind });
  for (const c of commitments)
    itemFor(c.agendaItemId).commitments.push({
      text: c.text,
      owner: ownerName(catalog, c.owner, words.secretariat),
      due: dueAt(catalog, c),
      dueIsNextMeeting: c.due.kind === 'next-meeting',
    });
  if (loose.decisions.length || loose.commitments.length) items.push(loose);
  return {
    meetingId,
    title: meeting.title ?? group?.name ?? '',
    group: group?.name ?? '',
    startsAt: meeting.startsAt,
    location: meeting.location,
    online: meeting.online,
    status: meeting.status,
    attendance: meeting.attendance.map((a) => ({
      name: person(a.personId),
      remote: a.remote,
      substituteFor: a.substituteFor ? person(a.substituteFor) : null,
    })),
    items,
  };
}
