import type { RecordedEvent } from '@tilneste/event-store';
import { applyToCatalog, Catalog } from '../src/catalog';

// Given events → view: the read models' specs feed events through the one pass, as the store hands them over.

/** Applies events one after another, as the store would hand them over. */
export function history() {
  const catalog = new Catalog();
  let position = 0n;
  const apply = (
    streamName: string,
    type: string,
    data: Record<string, unknown>,
    at = '2026-01-05T10:00:00.000Z',
    actor = 'sekretær',
    /** More metadata, e.g. the import `source` the minutes import writes. */
    extra: Record<string, unknown> = {},
  ) => {
    position += 1n;
    const event: RecordedEvent = {
      streamName,
      id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
      type,
      revision: 0n,
      position,
      data: data as RecordedEvent['data'],
      metadata: { at, actor: { kind: 'person', id: actor }, ...extra } as RecordedEvent['metadata'],
      createdAt: new Date(at),
    };
    applyToCatalog(catalog, event);
  };
  return { catalog, apply };
}

export const meeting = (id: string, startsAt: string) => ({
  meetingId: id,
  groupId: 'hovedutvalg',
  title: null,
  startsAt,
  endsAt: null,
  location: null,
  online: null,
});

export const commitment = (id: string, owner: Record<string, unknown>, meetingId = 'm1') => ({
  commitmentId: id,
  groupId: 'hovedutvalg',
  meetingId,
  agendaItemId: null,
  matterId: null,
  text: `Oppfølging ${id}`,
  owner,
  due: { kind: 'next-meeting' },
});

/** A group with Kari, Ola and Siri (its secretariat) and four meetings scheduled out of order. */
export function council() {
  const { catalog, apply } = history();
  apply('group-hovedutvalg', 'GroupEstablished', {
    groupId: 'hovedutvalg',
    name: 'Hovedutvalget',
    timeZone: 'Europe/Oslo',
  });
  for (const [id, name] of [
    ['kari', 'Kari'],
    ['ola', 'Ola'],
    ['siri', 'Siri'],
  ])
    apply(`person-${id}`, 'PersonRegistered', {
      personId: id,
      name,
      email: `${id}@example.org`,
      organisation: null,
    });
  apply('group-hovedutvalg', 'MemberJoined', {
    groupId: 'hovedutvalg',
    personId: 'siri',
    role: 'secretariat',
  });
  // Scheduled out of order: the catalog keeps them in start order.
  apply('meeting-m3', 'MeetingScheduled', meeting('m3', '2026-06-04T10:00:00+02:00'));
  apply('meeting-m1', 'MeetingScheduled', meeting('m1', '2026-02-05T10:00:00+01:00'));
  apply('meeting-m2', 'MeetingScheduled', meeting('m2', '2026-04-09T10:00:00+02:00'));
  apply('meeting-m4', 'MeetingScheduled', meeting('m4', '2026-09-10T10:00:00+02:00'));
  return { catalog, apply };
}
