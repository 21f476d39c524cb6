import { randomUUID } from 'node:crypto';
import {
  commitmentDecider,
  commitmentEventSchema,
  commitmentStream,
  makeCommitmentData,
} from '@tilneste/commitments';
import type { Command, Decider } from '@tilneste/domain-kit';
import { eventMetadata } from '@tilneste/application';
import { SqliteEventStore, toEventToAppend, type DomainEvent } from '@tilneste/event-store';
import {
  addMemberData,
  establishGroupData,
  groupDecider,
  groupEventSchema,
  groupStream,
} from '@tilneste/groups';
import {
  addAgendaItemData,
  holdMeetingData,
  meetingDecider,
  meetingEventSchema,
  meetingStream,
  scheduleMeetingData,
} from '@tilneste/meetings';
import { personDecider, personEventSchema, personStream, registerPersonData } from '@tilneste/people';
import type { z } from 'zod';

/** Recipients per upcoming meeting: the chair (who gets the digest) and nine people who owe something. */
export const RECIPIENTS_PER_MEETING = 10;
/** The next meeting starts this long after seeding: every reminder offset (P7D, P1D) has passed, so all are due. */
const NEXT_MEETING_IN_MS = 3 * 3_600_000;
const DAY = 86_400_000;

export interface SeededStore {
  reminders: number;
  groups: number;
  people: number;
  commitments: number;
  events: number;
}

type Context = {
  decider: Decider<unknown, Command, DomainEvent>;
  schema: z.ZodType<DomainEvent>;
  command: Record<string, z.ZodType>;
  stream: (data: Record<string, unknown>) => string;
};
const context = (c: unknown) => c as Context;
const CONTEXTS = {
  person: context({
    decider: personDecider,
    schema: personEventSchema,
    command: { RegisterPerson: registerPersonData },
    stream: (d: Record<string, unknown>) => personStream(String(d.personId)),
  }),
  group: context({
    decider: groupDecider,
    schema: groupEventSchema,
    command: { EstablishGroup: establishGroupData, AddMember: addMemberData },
    stream: (d: Record<string, unknown>) => groupStream(String(d.groupId)),
  }),
  meeting: context({
    decider: meetingDecider,
    schema: meetingEventSchema,
    command: {
      ScheduleMeeting: scheduleMeetingData,
      AddAgendaItem: addAgendaItemData,
      HoldMeeting: holdMeetingData,
    },
    stream: (d: Record<string, unknown>) => meetingStream(String(d.meetingId)),
  }),
  commitment: context({
    decider: commitmentDecider,
    schema: commitmentEventSchema,
    command: { MakeCommitment: makeCommitmentData },
    stream: (d: Record<string, unknown>) => commitmentStream(String(d.commitmentId)),
  }),
};

const FIRST = [
  'Kari',
  'Ola',
  'Ingrid',
  'Per',
  'Åse',
  'Bjørn',
  'Sigrid',
  'Håkon',
  'Marit',
  'Øystein',
  'Liv',
  'Tor',
];
const LAST = ['Nordmann', 'Haugen', 'Bakke', 'Solberg', 'Lien', 'Dahl', 'Strand', 'Berg', 'Hagen', 'Moe'];
const TASKS = [
  'Utarbeide et notat om budsjettet for neste år',
  'Innhente tilbud på ny sak- og arkivløsning',
  'Sende høringssvar om regional plan for vannforvaltning',
  'Kontakte kommunene om kartgrunnlaget',
  'Lage forslag til møteplan for høsten',
  'Oppdatere risikoanalysen med nye tall fra fagmiljøet',
];

/**
 * An empty store turned into `reminders` due reminders: people, then groups of ten (a chair, a secretariat,
 * eight members), each with a held meeting where commitments were made and a next meeting three hours
 * from now that they are due at. Every command is validated with the API's schema and decided by the real
 * decider, then appended (one transaction for the lot, as the generator's direct mode does).
 */
export async function seedDueReminders(path: string, reminders: number): Promise<SeededStore> {
  const store = new SqliteEventStore({ path, writer: 'inline' });
  const states = new Map<string, { state: unknown; revision: bigint | undefined }>();
  const now = Date.now();
  let events = 0;
  let commitments = 0;

  const run = async (
    name: keyof typeof CONTEXTS,
    type: string,
    input: Record<string, unknown>,
    at: number,
  ) => {
    const spec = CONTEXTS[name];
    const data = spec.command[type].parse(input) as Record<string, unknown>;
    const command: Command = {
      type,
      data,
      metadata: {
        now: new Date(at).toISOString(),
        actor: { kind: 'client', id: 'bench' },
        via: 'cli',
        correlationId: randomUUID(),
      },
    };
    const stream = spec.stream(data);
    const entry = states.get(stream) ?? { state: spec.decider.initialState(), revision: undefined };
    const decided = spec.decider.decide(command, entry.state);
    const metadata = eventMetadata(command);
    const result = await store.appendToStream(
      stream,
      decided.map((e) => toEventToAppend(spec.schema, stream, e, { id: randomUUID(), metadata })),
      { expectedRevision: entry.revision ?? 'no_stream' },
    );
    entry.state = decided.reduce((s, e) => spec.decider.evolve(s, e), entry.state);
    entry.revision = result.nextExpectedRevision;
    states.set(stream, entry);
    events += decided.length;
  };

  const groups = Math.ceil(reminders / RECIPIENTS_PER_MEETING);
  const people = Math.max(RECIPIENTS_PER_MEETING, Math.ceil(reminders / 5));
  const personIds = Array.from({ length: people }, () => randomUUID());
  store.db.exec('BEGIN IMMEDIATE');
  try {
    const setUp = now - 30 * DAY;
    // People first: a person's event re-plans every group there is, and there is none yet.
    for (const [i, personId] of personIds.entries()) {
      const [first, last] = [FIRST[i % FIRST.length], LAST[i % LAST.length]];
      const email = `${first}.${last}.${i}@example.no`.toLowerCase().replace(/[æøå]/g, 'a');
      await run(
        'person',
        'RegisterPerson',
        { personId, name: `${first} ${last}`, email, organisation: 'Fylkeskommunen' },
        setUp,
      );
    }
    for (let g = 0; g < groups; g++) {
      const recipients = Math.min(RECIPIENTS_PER_MEETING, reminders - g * RECIPIENTS_PER_MEETING);
      const groupId = randomUUID();
      const members = Array.from(
        { length: RECIPIENTS_PER_MEETING },
        (_, k) => personIds[(g * RECIPIENTS_PER_MEETING + k) % people],
      );
      await run('group', 'EstablishGroup', { groupId, name: `Faggruppe for plan og miljø ${g + 1}` }, setUp);
      for (const [k, personId] of members.entries())
        await run(
          'group',
          'AddMember',
          { groupId, personId, role: k === 0 ? 'chair' : k === 1 ? 'secretariat' : 'member' },
          setUp,
        );

      const held = { meetingId: randomUUID(), startsAt: now - 14 * DAY };
      await run(
        'meeting',
        'ScheduleMeeting',
        {
          meetingId: held.meetingId,
          groupId,
          title: 'Ordinært møte',
          startsAt: new Date(held.startsAt).toISOString(),
          endsAt: new Date(held.startsAt + 7_200_000).toISOString(),
          location: 'Fylkeshuset, møterom 3',
          online: false,
        },
        setUp,
      );
      const items = [randomUUID(), randomUUID()];
      for (const [n, itemId] of items.entries())
        await run(
          'meeting',
          'AddAgendaItem',
          {
            meetingId: held.meetingId,
            itemId,
            number: n + 1,
            title: n ? 'Budsjett og økonomiplan' : 'Regional plan for vannforvaltning',
          },
          setUp,
        );
      await run('meeting', 'HoldMeeting', { meetingId: held.meetingId }, held.startsAt + 7_200_000);
      const next = now + NEXT_MEETING_IN_MS;
      await run(
        'meeting',
        'ScheduleMeeting',
        {
          meetingId: randomUUID(),
          groupId,
          title: 'Ordinært møte',
          startsAt: new Date(next).toISOString(),
          endsAt: new Date(next + 7_200_000).toISOString(),
          location: 'Fylkeshuset, møterom 3',
          online: true,
        },
        held.startsAt + 8_000_000,
      );
      // The chair hears about the meeting through the digest; everyone else through what they owe.
      const owners = recipients === 1 ? [members[0]] : members.slice(1, recipients);
      for (const [k, personId] of owners.entries()) {
        for (let c = 0; c < (k % 3 === 0 ? 2 : 1); c++) {
          await run(
            'commitment',
            'MakeCommitment',
            {
              commitmentId: randomUUID(),
              groupId,
              meetingId: held.meetingId,
              agendaItemId: items[(k + c) % 2],
              matterId: null,
              text: TASKS[(g + k + c) % TASKS.length],
              owner: { kind: 'person', personId },
              due: { kind: 'next-meeting' },
            },
            held.startsAt + 9_000_000,
          );
          commitments += 1;
        }
      }
    }
    store.db.exec('COMMIT');
  } catch (error) {
    if (store.db.inTransaction) store.db.exec('ROLLBACK');
    throw error;
  } finally {
    await store.close();
  }
  return { reminders, groups, people, commitments, events };
}
