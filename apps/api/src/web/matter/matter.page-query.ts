import { diffWords } from 'diff';
import { matterHistory, survivingPersonId, type Catalog } from '@tilneste/projections';

export type TextChange = { kind: 'same' | 'removed' | 'added'; text: string };

/** A word-level diff: runs of words kept, removed and added, in reading order. */
export function wordDiff(before: string, after: string): TextChange[] {
  return diffWords(before, after).map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
    text: part.value,
  }));
}

/** Who recorded an event, from its metadata's actor: a person by name, an API client, or the system. */
export type Recorder = {
  kind: 'person' | 'client' | 'system' | 'unknown';
  id: string | null;
  name: string | null;
};

export function recorder(catalog: Catalog, actor: unknown): Recorder {
  const a = actor as { kind?: string; id?: string } | null;
  if (!a?.id) return { kind: 'unknown', id: null, name: null };
  if (a.kind === 'person') {
    // A person merged into another since is named as the one who remains, as everywhere else.
    const id = survivingPersonId(catalog, a.id);
    return { kind: 'person', id, name: catalog.people.get(id)?.name ?? null };
  }
  return { kind: a.kind === 'client' ? 'client' : 'system', id: a.id, name: null };
}

/** A matter's timeline across meetings, each text change as a word diff, with who recorded it and where. */
export function matterPage(catalog: Catalog, matterId: string) {
  const history = matterHistory(catalog, matterId);
  if (!history) return undefined;
  const meeting = (id: string | null) => {
    const m = id ? catalog.meetings.get(id) : undefined;
    return m ? { id: m.id, title: m.title, startsAt: m.startsAt } : null;
  };
  return {
    id: history.id,
    groupId: history.groupId,
    groupName: catalog.groups.get(history.groupId)?.name ?? '',
    title: history.title,
    status: history.status,
    timeline: history.timeline.map((entry) => {
      const e = entry as typeof entry & { reason?: string | null; kind?: string; commitmentId?: string };
      return {
        at: e.at,
        type: e.type,
        meeting: meeting(e.meetingId),
        text: e.text,
        reason: e.reason ?? null,
        kind: e.kind ?? null,
        commitmentId: e.commitmentId ?? null,
        changes: e.previousText !== null && e.text !== null ? wordDiff(e.previousText, e.text) : null,
        recordedBy: recorder(catalog, e.actor),
        importedFrom: e.source ?? null,
      };
    }),
  };
}

export type MatterPage = NonNullable<ReturnType<typeof matterPage>>;
