// The story: councils, their groups and meetings, driven in time order into a sink.
import { type AgendaItemKind } from '@tilneste/meetings';
import { type Due, type Owner } from '@tilneste/commitments';
import type { Actor, Via } from '@tilneste/domain-kit';
import { type AddressedCommand } from '@tilneste/application';
import { Random } from './random';
import { FIRST, GROUP_NAMES, LAST, ORGS, REFERRED_TO, TASKS, TOPICS } from './vocabulary';

export interface GenerateOptions {
  seed: string;
  /** Stop after exactly this many events (direct) or at the first command that reaches it (commands). */
  events: number;
  years: number;
  /** The story ends here; the next year's meetings may already be planned. */
  until: string;
  /** Councils, each with its own people and standing groups; sized from `events` when absent. */
  councils?: number;
}

/** One command as the story issues it: the sink sends it through the command path or straight to the store. */
export type Step = AddressedCommand & {
  at: number;
  actor: Actor;
  via: Via;
  correlationId: string;
  causationId?: string;
};

export interface Sink {
  run(step: Step): Promise<{ streamName: string; revision: bigint | undefined }>;
  readonly written: number;
  readonly full: boolean;
}

interface Meeting {
  id: string;
  at: number;
  status: 'scheduled' | 'held' | 'cancelled';
  targeted: boolean;
  items: { itemId: string; title: string; kind: AgendaItemKind }[];
}
interface Commitment {
  id: string;
  owner: Owner;
  due: Due;
  dueAt: string | null;
  carried: number;
  targetMeetingId: string | null;
  anchor: string;
}
interface WorkingGroup {
  id: string;
  name: string;
  lead: string;
  members: string[];
  status: 'not-started' | 'active' | 'done';
  reports: number;
}
interface Matter {
  id: string;
  decisions: { id: string; text: string }[];
  proposal: string | null;
}
interface Group {
  id: string;
  index: number;
  members: Map<string, 'member' | 'chair' | 'secretariat'>;
  meetings: Meeting[];
  next: number;
  open: Commitment[];
  wgs: WorkingGroup[];
  matters: Matter[];
  deferred: string[];
  made: number;
}
interface Council {
  index: number;
  rnd: Random;
  people: string[];
  groups: Group[];
}
interface Episode {
  at: number;
  key: number;
  run: () => Promise<number | undefined>;
}

export interface Summary {
  seed: string;
  events: number;
  councils: number;
  groups: number;
  people: number;
  meetings: number;
  commitments: number;
  /**
   * Ids the benchmarks read: the busiest group (most commitments), its last held meeting, the person with the
   * most open tasks, and that group's oldest open matter.
   */
  probe: { groupId: string; meetingId: string; personId: string; matterId: string };
}

const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString();

/** Drives the story in time order across every group of every council; stops when the sink is full. */
export class Story {
  readonly councils: Council[] = [];
  readonly openByPerson = new Map<string, number>();
  /** How many of each command reached the sink: the summary counts only what was written. */
  private readonly tally = new Map<string, number>();
  private readonly ids: Random;
  private readonly from: number;
  private readonly until: number;
  private corr = 0;

  constructor(
    private readonly options: GenerateOptions & { councils: number },
    private readonly sink: Sink,
  ) {
    this.ids = new Random(`${options.seed}/ids`);
    this.until = Date.parse(`${options.until}T23:59:59Z`);
    this.from = Date.UTC(new Date(this.until).getUTCFullYear() - options.years + 1, 0, 1);
  }

  /** Runs episodes in time order; each group has one pending at a time. */
  async run(): Promise<void> {
    const queue: Episode[] = [];
    for (let c = 0; c < this.options.councils; c++) {
      const council: Council = {
        index: c,
        rnd: new Random(`${this.options.seed}/council/${c}`),
        people: [],
        groups: [],
      };
      this.councils.push(council);
      const at = this.from + council.rnd.int(0, 60) * DAY;
      queue.push({ at, key: c * 1000, run: () => this.foundCouncil(council, queue, at) });
    }
    while (queue.length && !this.sink.full) {
      queue.sort((a, b) => a.at - b.at || a.key - b.key);
      const episode = queue.shift()!;
      const next = await episode.run();
      if (next !== undefined && next <= this.until) queue.push({ ...episode, at: next });
    }
  }

  summary(): Summary {
    const groups = this.councils.flatMap((c) => c.groups);
    const busiest = groups.reduce((a, b) => (b.made > a.made ? b : a), groups[0]);
    const person = [...this.openByPerson.entries()].reduce((a, b) => (b[1] > a[1] ? b : a), ['', -1])[0];
    return {
      seed: this.options.seed,
      events: this.sink.written,
      councils: this.councils.length,
      groups: this.tally.get('EstablishGroup') ?? 0,
      people: this.tally.get('RegisterPerson') ?? 0,
      meetings: this.tally.get('HoldMeeting') ?? 0,
      commitments: this.tally.get('MakeCommitment') ?? 0,
      probe: {
        groupId: busiest?.id ?? '',
        meetingId: busiest?.meetings.filter((m) => m.status === 'held').at(-1)?.id ?? '',
        personId: person,
        matterId: busiest?.matters[0]?.id ?? '',
      },
    };
  }

  private async emit(
    command: AddressedCommand,
    at: number,
    actor: Actor,
    via: Via = 'web',
    causationId?: string,
    sameCorrelationAs?: string,
  ) {
    if (this.sink.full) return undefined;
    const fresh = this.ids.uuid();
    const correlationId = sameCorrelationAs ?? fresh;
    this.corr += 1;
    const result = await this.sink.run({ ...command, at, actor, via, correlationId, causationId });
    this.tally.set(command.type, (this.tally.get(command.type) ?? 0) + 1);
    return { ...result, correlationId };
  }

  private async foundCouncil(council: Council, queue: Episode[], at: number) {
    const { rnd } = council;
    const admin: Actor = { kind: 'client', id: 'admin' };
    const names = rnd.int(5, 8);
    for (let i = 0; i < names * 6; i++) await this.registerPerson(council, at + i * 60_000, admin);
    for (let g = 0; g < names; g++) {
      const group: Group = {
        id: this.ids.uuid(),
        index: g,
        members: new Map(),
        meetings: [],
        next: 0,
        open: [],
        wgs: [],
        matters: [],
        deferred: [],
        made: 0,
      };
      council.groups.push(group);
      const t = at + DAY + g * 3_600_000;
      await this.emit(
        {
          context: 'group',
          type: 'EstablishGroup',
          data: { groupId: group.id, name: `${GROUP_NAMES[g % GROUP_NAMES.length]} ${council.index + 1}` },
        },
        t,
        admin,
      );
      const size = rnd.int(6, 10) + (g === 0 ? 3 : 0);
      const chosen = new Set<string>();
      while (chosen.size < size) chosen.add(rnd.pick(council.people));
      const roles = ['chair', 'secretariat'] as const;
      let i = 0;
      for (const personId of chosen)
        await this.addMember(group, personId, roles[i++] ?? 'member', t + i * 60_000, admin);
      if (rnd.chance(0.5))
        await this.emit(
          {
            context: 'group',
            type: 'SetReminderPolicy',
            data: { groupId: group.id, offsets: rnd.pick([['P7D', 'P1D'], ['P14D', 'P2D'], ['P3D']]) },
          },
          t + DAY,
          admin,
        );
      this.planYear(council, group, new Date(t).getUTCFullYear(), t);
      const first = this.nextEpisode(group);
      if (first !== undefined)
        queue.push({
          at: first,
          key: council.index * 1000 + g + 1,
          run: () => this.groupEpisode(council, group),
        });
    }
    return undefined;
  }

  private async registerPerson(council: Council, at: number, actor: Actor): Promise<string> {
    const { rnd } = council;
    const personId = this.ids.uuid();
    const first = rnd.pick(FIRST);
    const last = rnd.pick(LAST);
    const email = rnd.chance(0.92)
      ? `${first}.${last}.${council.people.length}@example.no`.toLowerCase().replace(/[æøå]/g, 'a')
      : null;
    await this.emit(
      {
        context: 'person',
        type: 'RegisterPerson',
        data: { personId, name: `${first} ${last}`, email, organisation: rnd.pick(ORGS) },
      },
      at,
      actor,
    );
    council.people.push(personId);
    return personId;
  }

  private async addMember(
    group: Group,
    personId: string,
    role: 'member' | 'chair' | 'secretariat',
    at: number,
    actor: Actor,
  ) {
    if (group.members.get(personId) === role) return;
    group.members.set(personId, role);
    await this.emit(
      { context: 'group', type: 'AddMember', data: { groupId: group.id, personId, role } },
      at,
      actor,
    );
  }

  /** The year's meetings are planned at once (a "møteplan"): 6 to 8 of them, none in July. */
  private planYear(council: Council, group: Group, year: number, notBefore: number): void {
    const months = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11];
    const count = council.rnd.int(6, 8);
    while (months.length > count) months.splice(council.rnd.int(0, months.length - 1), 1);
    for (const month of months) {
      const at = Date.UTC(year, month, council.rnd.int(4, 24), council.rnd.pick([9, 11, 15]));
      if (at > notBefore + 14 * DAY)
        group.meetings.push({ id: this.ids.uuid(), at, status: 'scheduled', targeted: false, items: [] });
    }
  }

  private nextEpisode(group: Group): number | undefined {
    const meeting = group.meetings[group.next];
    return meeting && meeting.at - 10 * DAY;
  }

  /** One meeting's life: planned (scheduled), prepared ten days ahead, held. Returns when the next begins. */
  private async groupEpisode(council: Council, group: Group): Promise<number | undefined> {
    const meeting = group.meetings[group.next];
    if (!meeting) return undefined;
    const secretariat: Actor = { kind: 'person', id: this.roleHolder(group, 'secretariat') };
    const prepared = meeting.at - 10 * DAY;
    if (
      group.next === 0 ||
      new Date(meeting.at).getUTCFullYear() !== new Date(group.meetings[group.next - 1].at).getUTCFullYear()
    ) {
      await this.scheduleYear(group, meeting, prepared - 20 * DAY, secretariat);
    }
    await this.prepare(council, group, meeting, prepared, secretariat);
    if (meeting.status === 'scheduled') await this.hold(council, group, meeting, secretariat);
    group.next += 1;
    if (group.next >= group.meetings.length) {
      const year = new Date(meeting.at).getUTCFullYear() + 1;
      await this.yearlyChurn(council, group, Date.UTC(year - 1, 11, 1), secretariat);
      this.planYear(council, group, year, Date.UTC(year - 1, 11, 1));
    }
    return this.nextEpisode(group);
  }

  private async scheduleYear(group: Group, first: Meeting, at: number, actor: Actor) {
    const year = new Date(first.at).getUTCFullYear();
    let t = at;
    for (const meeting of group.meetings.slice(group.next)) {
      if (new Date(meeting.at).getUTCFullYear() !== year) break;
      t += 60_000;
      await this.emit(
        {
          context: 'meeting',
          type: 'ScheduleMeeting',
          data: {
            meetingId: meeting.id,
            groupId: group.id,
            title: `Møte ${iso(meeting.at).slice(0, 10)}`,
            startsAt: iso(meeting.at),
            endsAt: iso(meeting.at + 2 * 3_600_000),
            location: 'Rådhuset, møterom 2',
            online: false,
          },
        },
        t,
        actor,
      );
    }
  }

  private async prepare(council: Council, group: Group, meeting: Meeting, at: number, actor: Actor) {
    const { rnd } = council;
    const later = group.meetings[group.next + 1];
    if (!meeting.targeted && later && rnd.chance(0.03)) {
      meeting.status = 'cancelled';
      await this.emit(
        {
          context: 'meeting',
          type: 'CancelMeeting',
          data: { meetingId: meeting.id, reason: 'For få saker' },
        },
        at,
        actor,
      );
      return;
    }
    const previous = group.meetings[group.next - 1];
    const moved = meeting.at + rnd.int(-3, 3) * DAY;
    if (
      rnd.chance(0.1) &&
      moved !== meeting.at &&
      (!previous || moved > previous.at + DAY) &&
      (!later || moved < later.at - DAY)
    ) {
      meeting.at = moved;
      await this.emit(
        {
          context: 'meeting',
          type: 'RescheduleMeeting',
          data: { meetingId: meeting.id, startsAt: iso(moved) },
        },
        at,
        actor,
      );
    }
    await this.agenda(council, group, meeting, at + 3_600_000, actor);
    await this.emit(
      { context: 'meeting', type: 'IssueNotice', data: { meetingId: meeting.id } },
      at + 2 * 3_600_000,
      actor,
    );
    await this.beforeMeeting(council, group, meeting, at + 7 * DAY);
  }

  private async agenda(council: Council, group: Group, meeting: Meeting, at: number, actor: Actor) {
    const { rnd } = council;
    const held = group.meetings.slice(0, group.next).some((m) => m.status === 'held');
    const titles: [string, AgendaItemKind][] = [
      ['Godkjenning av innkalling og saksliste', 'notice-approval'],
    ];
    if (held) titles.push(['Godkjenning av referat fra forrige møte', 'minutes-approval']);
    for (const title of group.deferred.splice(0)) titles.push([title, 'decision']);
    for (let i = rnd.int(2, 5); i > 0; i--)
      titles.push([
        `${rnd.pick(['Orientering om', 'Drøfting av', 'Vedtak om'])} ${rnd.pick(TOPICS)}`,
        rnd.pick<AgendaItemKind>(['decision', 'decision', 'discussion', 'information']),
      ]);
    for (const wg of group.wgs.slice(0, 2)) titles.push([`Rapport fra ${wg.name}`, 'working-group-report']);
    if (rnd.chance(0.3)) titles.push(['Runde rundt bordet', 'round']);
    titles.push(['Eventuelt', 'aob']);
    for (const [i, [title, kind]] of titles.entries()) {
      const itemId = this.ids.uuid();
      meeting.items.push({ itemId, title, kind });
      await this.emit(
        {
          context: 'meeting',
          type: 'AddAgendaItem',
          data: { meetingId: meeting.id, itemId, number: i + 1, title, kind },
        },
        at + i * 60_000,
        actor,
      );
    }
  }

  /** Between notice and meeting: progress reports and some work done early, through the e-mail links. */
  private async beforeMeeting(council: Council, group: Group, meeting: Meeting, at: number) {
    const { rnd } = council;
    let t = at;
    for (const c of [...group.open]) {
      const owner = this.answerable(group, c);
      const actor: Actor = { kind: 'person', id: owner ?? this.roleHolder(group, 'secretariat') };
      if (rnd.chance(0.12))
        await this.emit(
          {
            context: 'commitment',
            type: 'ReportCommitmentProgress',
            data: { commitmentId: c.id, text: `Arbeidet er i gang (${rnd.int(10, 90)} %)` },
          },
          (t += 600_000),
          actor,
          'email-link',
        );
      if (this.dueAt(c, meeting) && rnd.chance(0.3))
        await this.close(
          group,
          c,
          'CompleteCommitment',
          { note: 'Gjort' },
          (t += 600_000),
          actor,
          'email-link',
        );
    }
  }

  private async hold(council: Council, group: Group, meeting: Meeting, secretariat: Actor) {
    const { rnd } = council;
    let t = meeting.at;
    const step = () => (t += 60_000);
    for (const [personId] of group.members) {
      if (rnd.chance(0.85))
        await this.emit(
          {
            context: 'meeting',
            type: 'RecordAttendance',
            data: { meetingId: meeting.id, personId, remote: rnd.chance(0.25) },
          },
          step(),
          secretariat,
        );
      else if (rnd.chance(0.1)) {
        const substitute = rnd.pick(council.people);
        if (!group.members.has(substitute))
          await this.emit(
            {
              context: 'meeting',
              type: 'RecordAttendance',
              data: { meetingId: meeting.id, personId: substitute, remote: false, substituteFor: personId },
            },
            step(),
            secretariat,
          );
      }
    }
    const previous = group.meetings
      .slice(0, group.next)
      .reverse()
      .find((m) => m.status === 'held');
    if (previous)
      await this.emit(
        {
          context: 'meeting',
          type: 'ApproveMinutes',
          data: { meetingId: previous.id, atMeetingId: meeting.id },
        },
        step(),
        secretariat,
      );
    for (const item of meeting.items) await this.handleItem(council, group, meeting, item, step, secretariat);
    await this.workingGroups(council, group, meeting, step, secretariat);
    await this.settleDue(council, group, meeting, step, secretariat);
    meeting.status = 'held';
    const heldAt = step();
    const held = await this.emit(
      { context: 'meeting', type: 'HoldMeeting', data: { meetingId: meeting.id } },
      heldAt,
      secretariat,
    );
    // The carry-over policy's events, for a sink that decides alone (the command path leaves them to the
    // policy itself): every open commitment due at this meeting, caused by the MeetingHeld event, recorded
    // as the policy records them (the held event's time, actor and correlation, through the system).
    const cause = held && `${held.streamName}@${String(held.revision)}`;
    for (const c of group.open.filter((o) => this.dueAt(o, meeting))) {
      c.due = { kind: 'next-meeting' };
      Object.assign(c, { carried: c.carried + 1, targetMeetingId: null, anchor: meeting.id });
      await this.emit(
        {
          context: 'commitment',
          type: 'CarryOverCommitment',
          data: { commitmentId: c.id, fromMeetingId: meeting.id },
        },
        heldAt,
        secretariat,
        'system',
        cause,
        held?.correlationId,
      );
    }
  }

  private async handleItem(
    council: Council,
    group: Group,
    meeting: Meeting,
    item: Meeting['items'][number],
    step: () => number,
    actor: Actor,
  ) {
    const { rnd } = council;
    if (!['decision', 'discussion', 'information'].includes(item.kind)) return;
    if (item.kind === 'decision' && rnd.chance(0.06)) {
      group.deferred.push(item.title);
      await this.emit(
        { context: 'meeting', type: 'DeferAgendaItem', data: { meetingId: meeting.id, itemId: item.itemId } },
        step(),
        actor,
      );
      return;
    }
    const matter = await this.matterFor(council, group, item.title, step(), actor);
    const ref = { matterId: matter.id, meetingId: meeting.id };
    if (rnd.chance(0.1)) {
      const text = `Forslag: ${item.title} (${this.corr})`;
      await this.emit(
        {
          context: 'matter',
          type: 'ReviseProposal',
          data: { ...ref, text, reason: 'Justert etter innspill' },
        },
        step(),
        actor,
      );
      matter.proposal = text;
    }
    if (item.kind === 'decision') {
      const decision = {
        id: this.ids.uuid(),
        text: `${rnd.pick(['Saken tas til orientering', 'Forslaget vedtas', 'Rådet slutter seg til forslaget'])}: ${item.title}.`,
      };
      await this.emit(
        {
          context: 'matter',
          type: 'RecordDecision',
          data: {
            ...ref,
            decisionId: decision.id,
            agendaItemId: item.itemId,
            text: decision.text,
            kind: rnd.pick(['approved', 'noted', 'adopted']),
          },
        },
        step(),
        actor,
      );
      matter.decisions.push(decision);
    } else {
      await this.emit(
        {
          context: 'matter',
          type: 'RecordDiscussion',
          data: { ...ref, agendaItemId: item.itemId, summary: `Drøftet ${item.title.toLowerCase()}.` },
        },
        step(),
        actor,
      );
    }
    if (rnd.chance(0.04))
      await this.emit(
        { context: 'matter', type: 'ReferMatter', data: { ...ref, to: rnd.pick(REFERRED_TO), note: null } },
        step(),
        actor,
      );
    for (let n = rnd.chance(0.8) ? rnd.int(1, 3) : 0; n > 0; n--)
      await this.makeCommitment(council, group, meeting, item.itemId, matter.id, step(), actor);
    if (matter.decisions.length && rnd.chance(0.45)) await this.closeMatter(group, matter, step(), actor);
  }

  private async matterFor(
    council: Council,
    group: Group,
    title: string,
    at: number,
    actor: Actor,
  ): Promise<Matter> {
    const { rnd } = council;
    if (group.matters.length && rnd.chance(0.4)) {
      const matter = rnd.pick(group.matters);
      const amended = matter.decisions.at(-1);
      if (amended && rnd.chance(0.05)) {
        amended.text = `${amended.text} Endret ${iso(at).slice(0, 10)}.`;
        await this.emit(
          {
            context: 'matter',
            type: 'AmendDecision',
            data: {
              matterId: matter.id,
              decisionId: amended.id,
              text: amended.text,
              reason: 'Rettet en feil',
            },
          },
          at,
          actor,
        );
      }
      return matter;
    }
    const matter: Matter = { id: this.ids.uuid(), decisions: [], proposal: null };
    await this.emit(
      { context: 'matter', type: 'OpenMatter', data: { matterId: matter.id, groupId: group.id, title } },
      at,
      actor,
    );
    group.matters.push(matter);
    if (group.matters.length > 12) await this.closeMatter(group, group.matters[0], at, actor);
    return matter;
  }

  private async closeMatter(group: Group, matter: Matter, at: number, actor: Actor) {
    group.matters = group.matters.filter((m) => m !== matter);
    await this.emit(
      { context: 'matter', type: 'CloseMatter', data: { matterId: matter.id, reason: null } },
      at,
      actor,
    );
  }

  private async makeCommitment(
    council: Council,
    group: Group,
    meeting: Meeting,
    agendaItemId: string,
    matterId: string,
    at: number,
    actor: Actor,
  ) {
    const { rnd } = council;
    const owner = this.chooseOwner(council, group);
    const target = group.meetings[group.next + 2];
    const roll = rnd.next();
    const due: Due =
      roll < 0.2
        ? { kind: 'date', date: iso(meeting.at + rnd.int(14, 90) * DAY).slice(0, 10) }
        : roll < 0.3 && target
          ? { kind: 'meeting', meetingId: target.id }
          : { kind: 'next-meeting' };
    if (due.kind === 'meeting') target!.targeted = true;
    const c: Commitment = {
      id: this.ids.uuid(),
      owner,
      due,
      dueAt: due.kind === 'date' ? due.date : null,
      carried: 0,
      targetMeetingId: due.kind === 'meeting' ? due.meetingId : null,
      anchor: meeting.id,
    };
    const text = `${rnd.pick(TASKS)} ${rnd.pick(TOPICS)}`;
    if (
      !(await this.emit(
        {
          context: 'commitment',
          type: 'MakeCommitment',
          data: {
            commitmentId: c.id,
            groupId: group.id,
            meetingId: meeting.id,
            agendaItemId,
            matterId,
            text,
            owner,
            due,
          },
        },
        at,
        actor,
      ))
    )
      return;
    group.open.push(c);
    group.made += 1;
    this.countOpen(c, 1);
  }

  private chooseOwner(council: Council, group: Group): Owner {
    const { rnd } = council;
    const roll = rnd.next();
    if (roll < 0.12) return { kind: 'secretariat' };
    if (roll < 0.18) return { kind: 'none' };
    if (roll < 0.33 && group.wgs.length)
      return { kind: 'working-group', workingGroupId: rnd.pick(group.wgs).id };
    const members = [...group.members.keys()];
    // Some people take on far more than others: the chair and the first few members.
    const personId = rnd.chance(0.4)
      ? members[rnd.int(0, Math.min(2, members.length - 1))]
      : rnd.pick(members);
    return { kind: 'person', personId };
  }

  /** Before the meeting closes: most of what was due is done, a few are withdrawn, the rest carry over. */
  private async settleDue(
    council: Council,
    group: Group,
    meeting: Meeting,
    step: () => number,
    actor: Actor,
  ) {
    const { rnd } = council;
    for (const c of [...group.open]) {
      const due = this.dueAt(c, meeting) || (c.dueAt !== null && c.dueAt < iso(meeting.at));
      if (!due) {
        if (rnd.chance(0.02)) await this.reassign(council, group, c, step(), actor);
        continue;
      }
      const roll = rnd.next();
      if (roll < (c.carried >= 2 ? 0.8 : 0.6))
        await this.close(group, c, 'CompleteCommitment', { note: null }, step(), actor);
      else if (roll < 0.66)
        await this.close(group, c, 'WithdrawCommitment', { reason: 'Ikke lenger aktuelt' }, step(), actor);
      else if (c.due.kind === 'next-meeting' && rnd.chance(0.05)) {
        c.due = { kind: 'date', date: iso(meeting.at + 30 * DAY).slice(0, 10) };
        c.dueAt = c.due.date;
        await this.emit(
          { context: 'commitment', type: 'ChangeCommitmentDue', data: { commitmentId: c.id, due: c.due } },
          step(),
          actor,
        );
      }
    }
  }

  private async reassign(council: Council, group: Group, c: Commitment, at: number, actor: Actor) {
    const owner = this.chooseOwner(council, group);
    if (JSON.stringify(owner) === JSON.stringify(c.owner)) return;
    if (
      !(await this.emit(
        { context: 'commitment', type: 'ReassignCommitment', data: { commitmentId: c.id, owner } },
        at,
        actor,
      ))
    )
      return;
    this.countOpen(c, -1);
    c.owner = owner;
    this.countOpen(c, 1);
  }

  private async close(
    group: Group,
    c: Commitment,
    type: 'CompleteCommitment' | 'WithdrawCommitment',
    extra: Record<string, unknown>,
    at: number,
    actor: Actor,
    via: Via = 'web',
  ) {
    group.open = group.open.filter((o) => o !== c);
    if (
      await this.emit(
        { context: 'commitment', type: type, data: { commitmentId: c.id, ...extra } },
        at,
        actor,
        via,
      )
    )
      this.countOpen(c, -1);
  }

  /** Mirrors `dueMeeting`: anchors are earlier held meetings, so every open next-meeting commitment is due at the next one held. */
  private dueAt(c: Commitment, meeting: Meeting): boolean {
    if (c.due.kind === 'meeting') return c.targetMeetingId === meeting.id;
    return c.due.kind === 'next-meeting' && c.anchor !== meeting.id;
  }

  private async workingGroups(
    council: Council,
    group: Group,
    meeting: Meeting,
    step: () => number,
    actor: Actor,
  ) {
    const { rnd } = council;
    for (const wg of [...group.wgs]) {
      if (wg.status === 'done' || rnd.chance(0.03)) {
        group.wgs = group.wgs.filter((w) => w !== wg);
        await this.emit(
          {
            context: 'workingGroup',
            type: 'DissolveWorkingGroup',
            data: { workingGroupId: wg.id, reason: 'Mandatet er oppfylt' },
          },
          step(),
          actor,
        );
        continue;
      }
      if (rnd.chance(0.6)) {
        wg.reports += 1;
        wg.status = wg.reports > rnd.int(3, 8) ? 'done' : 'active';
        await this.emit(
          {
            context: 'workingGroup',
            type: 'ReportWorkingGroupStatus',
            data: {
              workingGroupId: wg.id,
              meetingId: meeting.id,
              status: wg.status,
              text: `Rapport nr. ${wg.reports}`,
            },
          },
          step(),
          { kind: 'person', id: wg.lead },
        );
      }
      if (rnd.chance(0.04)) await this.changeLead(council, wg, step(), actor);
    }
    if (group.wgs.length < 3 && rnd.chance(0.1))
      await this.formWorkingGroup(council, group, meeting, step(), actor);
  }

  private async formWorkingGroup(council: Council, group: Group, meeting: Meeting, at: number, actor: Actor) {
    const { rnd } = council;
    const lead = rnd.pick([...group.members.keys()]);
    const members = [
      ...new Set([
        lead,
        rnd.pick(council.people),
        rnd.pick(council.people),
        rnd.pick([...group.members.keys()]),
      ]),
    ];
    const wg: WorkingGroup = {
      id: this.ids.uuid(),
      name: `Arbeidsgruppe for ${rnd.pick(TOPICS)}`,
      lead,
      members,
      status: 'not-started',
      reports: 0,
    };
    await this.emit(
      {
        context: 'workingGroup',
        type: 'FormWorkingGroup',
        data: {
          workingGroupId: wg.id,
          groupId: group.id,
          name: wg.name,
          leadPersonId: lead,
          memberIds: members,
          mandate: 'Legge fram et forslag innen ett år.',
          meetingId: meeting.id,
        },
      },
      at,
      actor,
    );
    group.wgs.push(wg);
  }

  private async changeLead(council: Council, wg: WorkingGroup, at: number, actor: Actor) {
    const lead = council.rnd.pick(wg.members);
    if (lead === wg.lead) return;
    wg.lead = lead;
    await this.emit(
      {
        context: 'workingGroup',
        type: 'ChangeWorkingGroupLead',
        data: { workingGroupId: wg.id, leadPersonId: lead },
      },
      at,
      actor,
    );
  }

  /** Each December: a member or two leaves, newcomers join, and now and then the chair changes. */
  private async yearlyChurn(council: Council, group: Group, at: number, actor: Actor) {
    const { rnd } = council;
    let t = at;
    const plain = [...group.members].filter(([, role]) => role === 'member').map(([id]) => id);
    for (let n = rnd.int(0, 2); n > 0 && plain.length > 4; n--) {
      const personId = plain.splice(rnd.int(0, plain.length - 1), 1)[0];
      group.members.delete(personId);
      await this.emit(
        { context: 'group', type: 'RemoveMember', data: { groupId: group.id, personId } },
        (t += 60_000),
        actor,
      );
    }
    for (let n = rnd.int(0, 2); n > 0; n--) {
      const personId = rnd.chance(0.5)
        ? await this.registerPerson(council, (t += 60_000), actor)
        : rnd.pick(council.people);
      if (!group.members.has(personId)) await this.addMember(group, personId, 'member', (t += 60_000), actor);
    }
    if (rnd.chance(0.2) && plain.length) {
      await this.addMember(group, this.roleHolder(group, 'chair'), 'member', (t += 60_000), actor);
      await this.addMember(group, rnd.pick(plain), 'chair', (t += 60_000), actor);
    }
    for (const personId of council.people) {
      if (rnd.chance(0.01))
        await this.emit(
          {
            context: 'person',
            type: 'ChangePersonDetails',
            data: { personId, email: `ny.${t % 100_000}.${personId.slice(0, 6)}@example.no` },
          },
          (t += 60_000),
          actor,
        );
      if (rnd.chance(0.005))
        await this.emit(
          {
            context: 'person',
            type: 'AddPersonAlias',
            data: { personId, alias: `${rnd.pick(FIRST)[0]}. ${rnd.pick(LAST)} ${personId.slice(0, 4)}` },
          },
          (t += 60_000),
          actor,
        );
    }
  }

  private roleHolder(group: Group, role: 'chair' | 'secretariat'): string {
    for (const [id, r] of group.members) if (r === role) return id;
    return [...group.members.keys()][0];
  }

  private answerable(group: Group, c: Commitment): string | null {
    if (c.owner.kind === 'person') return c.owner.personId;
    if (c.owner.kind === 'working-group')
      return (
        group.wgs.find((w) => w.id === (c.owner as { workingGroupId: string }).workingGroupId)?.lead ?? null
      );
    return null;
  }

  private countOpen(c: Commitment, delta: number): void {
    if (c.owner.kind !== 'person') return;
    this.openByPerson.set(c.owner.personId, (this.openByPerson.get(c.owner.personId) ?? 0) + delta);
  }
}
