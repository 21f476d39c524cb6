import type { RecordedEvent } from '@tilneste/event-store';
import { applyToCatalog, Catalog } from '@tilneste/projections';
import { composeReminder, formatWhen } from '../src/reminder-compose';
import {
  renderNoticeEmail,
  renderReminderEmail,
  type ReminderEmailModel,
} from '../src/reminder-email.renderer';
import { planMeetingReminders, type ReminderWorld } from '../src/reminder-policy';
import { applyToLedger, ReminderLedger } from '../src/reminders.projection';
import { en, nb } from '../src/reminder.messages';

/**
 * Fixed inputs for every e-mail the reminder texts go into, so a spec can compare what they render to what
 * they rendered before a change (testing/mail-before/, written from these cases once). The page the e-mail's
 * links open is a view of the web pages now, checked by its own spec (apps/api/src/web/reminder-link/).
 */
export interface RenderedCase {
  subject?: string;
  text?: string;
  html?: string;
  /** Each attachment as `filename`, then its content. */
  attachments?: string;
}

const links = (id: string) => ({
  done: `https://tilneste.example.no/api/links/${id}.done?x="1"&y=<2>`,
  progress: `https://tilneste.example.no/api/links/${id}.progress`,
});

const full: ReminderEmailModel = {
  recipientName: 'Kari <Nordmann> & "co"',
  meetingTitle: 'Møte i Faggruppe for plan',
  when: 'torsdag 12. juni 2025 kl. 09:00',
  place: 'Fylkeshuset, møterom 3',
  online: true,
  own: [
    {
      workingGroup: null,
      items: [
        {
          commitmentId: 'c1',
          text: 'Sende ut forslag til handlingsprogram',
          sourceMeeting: '20. mars 2025',
          sourceItem: { number: 4, title: 'Arbeidsgrupper' },
          carriedOver: 1,
          ownerName: null,
          links: links('c1'),
        },
        {
          commitmentId: 'c2',
          text: 'Bestille møterom <stort>',
          sourceMeeting: '20. mars 2025',
          sourceItem: null,
          carriedOver: 3,
          ownerName: null,
          links: links('c2'),
        },
      ],
    },
    {
      workingGroup: 'Arbeidsgruppe 2 – kart',
      items: [
        {
          commitmentId: 'c3',
          text: 'Fordele arbeidet',
          sourceMeeting: null,
          sourceItem: null,
          carriedOver: 0,
          ownerName: 'Arbeidsgruppe 2 – kart',
          links: links('c3'),
        },
      ],
    },
  ],
  digest: [
    {
      commitmentId: 'c4',
      text: 'Rapport fra kommunene',
      sourceMeeting: '20. mars 2025',
      sourceItem: { number: 5, title: 'Eventuelt' },
      carriedOver: 2,
      ownerName: 'Ola Leder',
      links: null,
    },
  ],
  preferencesUrl: 'https://tilneste.example.no/varsler/abc.def',
};

/** A chair who owes nothing: the overview alone, no buttons, no place given, no preferences link. */
const chairOnly: ReminderEmailModel = {
  ...full,
  recipientName: 'Ola Leder',
  place: null,
  online: true,
  own: [],
  digest: [
    {
      commitmentId: 'c5',
      text: 'Sende innkallingen',
      sourceMeeting: null,
      sourceItem: null,
      carriedOver: 0,
      ownerName: 'Sekretariatet',
      links: null,
    },
    {
      commitmentId: 'c6',
      text: 'Oppsummere høringen',
      sourceMeeting: '1. april 2025',
      sourceItem: { number: 2, title: 'Høring' },
      carriedOver: 1,
      ownerName: null,
      links: null,
    },
  ],
  preferencesUrl: null,
};

const notice = (kind: 'cancelled' | 'moved', place: string | null, online: boolean | null) => ({
  kind,
  recipientName: 'Kari Nordmann',
  meetingTitle: 'Møte i Faggruppe for plan',
  when: 'torsdag 19. juni 2025 kl. 10:00',
  place,
  online,
  preferencesUrl: 'https://tilneste.example.no/varsler/abc.def',
});

let position = 0n;
function given(w: ReminderWorld, stream: string, type: string, data: Record<string, unknown>): void {
  position += 1n;
  const event: RecordedEvent = {
    streamName: stream,
    id: `mail-case-${position}`,
    type,
    revision: 0n,
    position,
    data,
    metadata: {},
    createdAt: new Date('2025-03-01T00:00:00Z'),
  };
  applyToCatalog(w.catalog, event);
  applyToLedger(w.ledger, event);
}

/** A group whose chair is reminded of her own item and gets the overview, one item the secretariat's. */
function world(): ReminderWorld {
  const w: ReminderWorld = { catalog: new Catalog(), ledger: new ReminderLedger() };
  given(w, 'person-kari', 'PersonRegistered', {
    personId: 'kari',
    name: 'Kari Nordmann',
    email: 'kari@example.no',
    organisation: null,
  });
  given(w, 'person-ola', 'PersonRegistered', {
    personId: 'ola',
    name: 'Ola Leder',
    email: 'ola@example.no',
    organisation: null,
  });
  given(w, 'group-g', 'GroupEstablished', {
    groupId: 'g',
    name: 'Faggruppe for plan',
    timeZone: 'Europe/Oslo',
  });
  given(w, 'group-g', 'MemberJoined', { groupId: 'g', personId: 'ola', role: 'chair' });
  given(w, 'group-g', 'ReminderPolicySet', { groupId: 'g', offsets: ['P7D'] });
  given(w, 'meeting-march', 'MeetingScheduled', {
    meetingId: 'march',
    groupId: 'g',
    title: null,
    startsAt: '2025-03-20T09:00:00+01:00',
    endsAt: null,
    location: null,
    online: null,
  });
  given(w, 'meeting-march', 'AgendaItemAdded', {
    meetingId: 'march',
    itemId: 'i4',
    number: 4,
    title: 'Arbeidsgrupper',
    kind: 'discussion',
  });
  given(w, 'meeting-june', 'MeetingScheduled', {
    meetingId: 'june',
    groupId: 'g',
    title: 'Sommermøtet',
    startsAt: '2025-06-12T09:00:00+02:00',
    endsAt: null,
    location: 'Fylkeshuset',
    online: true,
  });
  const made = (
    commitmentId: string,
    text: string,
    owner: Record<string, unknown>,
    agendaItemId: string | null,
  ) =>
    given(w, `commitment-${commitmentId}`, 'CommitmentMade', {
      commitmentId,
      groupId: 'g',
      meetingId: 'march',
      agendaItemId,
      matterId: null,
      text,
      owner,
      due: { kind: 'next-meeting' },
    });
  made('c1', 'Dele lista med kommunene', { kind: 'person', personId: 'kari' }, 'i4');
  made('c2', 'Sende referatet', { kind: 'secretariat' }, null);
  made('c3', 'Lage forslag til budsjett', { kind: 'person', personId: 'ola' }, null);
  return w;
}

const NOW = new Date('2025-06-04T12:00:00Z');
const options = {
  from: 'Tilneste <tilneste@example.no>',
  publicUrl: 'https://tilneste.example.no',
  linkSecret: 'mail-case-link-secret-0123456789abcdef',
  linkGraceMs: 14 * 86_400_000,
  domain: 'example.no',
};

/** The reminder composed for `recipientId`, who chose English e-mails when `language` is 'en'. */
async function composed(language: 'nb' | 'en', recipientId: string): Promise<RenderedCase> {
  const w = world();
  if (language === 'en')
    given(w, `person-${recipientId}`, 'ReminderPreferencesSet', {
      personId: recipientId,
      preferences: { reminders: 'all', chairDigest: true, calendarNotices: true, language },
      source: 'page',
    });
  const job = planMeetingReminders(w, 'june', NOW).find((s) => s.recipientId === recipientId);
  if (!job) throw new Error(`no reminder planned for ${recipientId}`);
  const result = composeReminder(w, job, NOW, options);
  if (result.kind !== 'send') throw new Error(`the reminder to ${recipientId} was skipped: ${result.reason}`);
  const email = await result.render();
  const attachments = result.attachments
    .map((a) => `${a.filename} (${a.contentType})\n${a.content}`)
    .join('\n');
  return { ...email, attachments };
}

const rendered = async (
  email: Promise<{ subject: string; text: string; html: string }>,
): Promise<RenderedCase> => {
  const { subject, text, html } = await email;
  return { subject, text, html };
};

export const mailCases: Record<string, () => Promise<RenderedCase>> = {
  'reminder-nb': () => rendered(renderReminderEmail(full, nb)),
  'reminder-en': () => rendered(renderReminderEmail(full, en)),
  'reminder-chair-only-nb': () => rendered(renderReminderEmail(chairOnly, nb)),
  'reminder-chair-only-en': () => rendered(renderReminderEmail(chairOnly, en)),
  'notice-cancelled-nb': () => rendered(renderNoticeEmail(notice('cancelled', null, null), nb)),
  'notice-cancelled-en': () => rendered(renderNoticeEmail(notice('cancelled', null, null), en)),
  'notice-moved-nb': () => rendered(renderNoticeEmail(notice('moved', 'Rådhuset', true), nb)),
  'notice-moved-en': () => rendered(renderNoticeEmail(notice('moved', null, false), en)),
  'composed-owner-nb': () => composed('nb', 'kari'),
  'composed-chair-nb': () => composed('nb', 'ola'),
  'composed-chair-en': () => composed('en', 'ola'),
  'when-nb': async () => ({
    text: `${formatWhen('2025-06-12T07:00:00Z')}\n${formatWhen('2025-12-01T23:30:00Z', nb)}`,
  }),
  'when-en': async () => ({
    text: `${formatWhen('2025-06-12T07:00:00Z', en)}\n${formatWhen('2025-12-01T23:30:00Z', en)}`,
  }),
};
