import type { RecordedEvent } from '@tilneste/event-store';
import { applyToCatalog, Catalog } from '@tilneste/projections';
import type { OutgoingMail } from '../src/mailer.port';
import { composeReminder } from '../src/reminder-compose';
import { planMeetingReminders, type ReminderWorld } from '../src/reminder-policy';
import { applyToLedger, ReminderLedger } from '../src/reminders.projection';
import { mimeMessage } from '../src/smtp-mailer.adapter';

/**
 * A typical reminder, fixed: one person owes five items from the last meeting (two with an agenda item, one
 * carried over), the next meeting has a place and is also online. Ids are UUIDs as in a real store, so the
 * signed links are as long as real ones.
 */
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const KARI = id(1);
const CHAIR = id(2);
const GROUP = id(10);
const LAST = id(20);
const NEXT = id(21);
const NOW = new Date('2026-11-17T09:00:00Z');

const TASKS = [
  'Sende ut forslag til handlingsprogram 2027 til kommunene',
  'Utarbeide et notat om budsjettet for neste år',
  'Innhente tilbud på ny sak- og arkivløsning',
  'Kontakte kommunene om kartgrunnlaget',
  'Oppdatere risikoanalysen med nye tall fra fagmiljøet',
];

function world(): ReminderWorld {
  const w: ReminderWorld = { catalog: new Catalog(), ledger: new ReminderLedger() };
  let position = 0n;
  const given = (stream: string, type: string, data: Record<string, unknown>) => {
    position += 1n;
    const event: RecordedEvent = {
      streamName: stream,
      id: `size-${position}`,
      type,
      revision: 0n,
      position,
      data,
      metadata: {},
      createdAt: new Date('2026-11-01T00:00:00Z'),
    };
    applyToCatalog(w.catalog, event);
    applyToLedger(w.ledger, event);
  };
  given(`person-${KARI}`, 'PersonRegistered', {
    personId: KARI,
    name: 'Kari Nordmann',
    email: 'kari.nordmann@example.no',
    organisation: null,
  });
  given(`person-${CHAIR}`, 'PersonRegistered', {
    personId: CHAIR,
    name: 'Ola Leder',
    email: 'ola.leder@example.no',
    organisation: null,
  });
  given(`group-${GROUP}`, 'GroupEstablished', {
    groupId: GROUP,
    name: 'Faggruppe for plan og miljø',
    timeZone: 'Europe/Oslo',
  });
  given(`group-${GROUP}`, 'MemberJoined', { groupId: GROUP, personId: CHAIR, role: 'chair' });
  given(`group-${GROUP}`, 'MemberJoined', { groupId: GROUP, personId: KARI, role: 'member' });
  given(`group-${GROUP}`, 'ReminderPolicySet', { groupId: GROUP, offsets: ['P7D'] });
  given(`meeting-${LAST}`, 'MeetingScheduled', {
    meetingId: LAST,
    groupId: GROUP,
    title: null,
    startsAt: '2026-10-20T08:00:00Z',
    endsAt: null,
    location: null,
    online: null,
  });
  given(`meeting-${LAST}`, 'AgendaItemAdded', {
    meetingId: LAST,
    itemId: 'i4',
    number: 4,
    title: 'Arbeidsgrupper – status',
    kind: 'discussion',
  });
  given(`meeting-${NEXT}`, 'MeetingScheduled', {
    meetingId: NEXT,
    groupId: GROUP,
    title: 'Ordinært møte',
    startsAt: '2026-11-24T08:00:00Z',
    endsAt: null,
    location: 'Fylkeshuset, møterom 3',
    online: true,
  });
  TASKS.forEach((text, i) =>
    given(`commitment-${id(100 + i)}`, 'CommitmentMade', {
      commitmentId: id(100 + i),
      groupId: GROUP,
      meetingId: LAST,
      agendaItemId: i % 2 ? 'i4' : null,
      matterId: null,
      text,
      owner: { kind: 'person', personId: KARI },
      due: { kind: 'next-meeting' },
    }),
  );
  given(`commitment-${id(100)}`, 'CommitmentCarriedOver', {
    commitmentId: id(100),
    fromMeetingId: LAST,
    times: 1,
  });
  return w;
}

/** The fixed five-item reminder as the processor hands it to the mailer. */
export async function fiveItemReminder(): Promise<OutgoingMail> {
  const w = world();
  const job = planMeetingReminders(w, NEXT, NOW).find((s) => s.recipientId === KARI);
  if (!job) throw new Error('no reminder planned for Kari');
  const from = 'Tilneste <tilneste@example.no>';
  const composed = composeReminder(w, job, NOW, {
    from,
    publicUrl: 'https://tilneste.example.no',
    linkSecret: 'mail-size-link-secret-0123456789abcdef',
    linkGraceMs: 14 * 86_400_000,
    domain: 'example.no',
  });
  if (composed.kind !== 'send') throw new Error(`the reminder was skipped: ${composed.reason}`);
  const email = await composed.render();
  return {
    from,
    to: composed.to,
    messageId: composed.messageId,
    headers: composed.headers,
    attachments: composed.attachments,
    ...email,
  };
}

export interface MimePart {
  contentType: string;
  transferEncoding: string | null;
  /** The part's bytes on the wire, its headers included. */
  bytes: number;
}

/** The message's size and that of each leaf part, as it goes over the wire. */
export async function mimeSizes(
  mail: OutgoingMail,
): Promise<{ raw: string; total: number; headers: number; parts: MimePart[] }> {
  const raw = (await mimeMessage(mail)).toString('latin1');
  const parts = raw
    .split(/\r\n--[^\r\n]+\r\n/)
    .slice(1)
    .map((part) => part.replace(/\r\n--[^\r\n]+--\r\n[\s\S]*$/, ''))
    .filter((part) => part !== '' && !/^Content-Type: multipart\//i.test(part))
    .map((part) => ({
      contentType: /^Content-Type: ([^;\r\n]+)/im.exec(part)?.[1] ?? '',
      transferEncoding: /^Content-Transfer-Encoding: (\S+)/im.exec(part)?.[1] ?? null,
      bytes: Buffer.byteLength(part, 'latin1'),
    }));
  return { raw, total: Buffer.byteLength(raw, 'latin1'), headers: raw.indexOf('\r\n\r\n') + 4, parts };
}
