import type { EventStore, EventToAppend, RecordedEvent } from '@tilneste/event-store';
import { applyToCatalog, Catalog, dashboard, matterHistory, myTasks } from '@tilneste/projections';
import {
  DirectSink,
  generate,
  parseGenerateArgs,
  Random,
  validateStep,
  type GenerateOptions,
  type Sink,
  type Step,
} from './generate';

const options = (events: number, seed = '7'): GenerateOptions => ({
  seed,
  events,
  years: 8,
  until: '2026-10-31',
});

/** Keeps every step the story issues, deciding nothing. */
class RecordingSink implements Sink {
  readonly steps: Step[] = [];
  constructor(private readonly limit: number) {}
  get written() {
    return this.steps.length;
  }
  get full() {
    return this.steps.length >= this.limit;
  }
  async run(step: Step) {
    this.steps.push(step);
    return { streamName: `${step.context}-${this.steps.length}`, revision: 0n };
  }
}

/** Just enough of the port for `DirectSink`: appends kept in order, with positions and revisions. */
function memoryStore() {
  const recorded: RecordedEvent[] = [];
  const revisions = new Map<string, bigint>();
  const store = {
    async appendToStream(streamName: string, events: EventToAppend[]) {
      let revision = revisions.get(streamName) ?? -1n;
      for (const e of events) {
        revision += 1n;
        const position = BigInt(recorded.length + 1);
        recorded.push({
          streamName,
          id: e.id,
          type: e.type,
          revision,
          position,
          data: e.data,
          metadata: e.metadata ?? {},
          createdAt: new Date(0),
        });
      }
      revisions.set(streamName, revision);
      return { nextExpectedRevision: revision, position: BigInt(recorded.length) };
    },
  };
  return { store: store as unknown as EventStore, recorded };
}

async function generated(events: number, seed = '7') {
  const { store, recorded } = memoryStore();
  const summary = await generate(options(events, seed), new DirectSink(store, events, seed));
  return { summary, recorded };
}

describe('the data generator', () => {
  describe('given the same seed', () => {
    it('issues the same commands and writes the same events, ids included', async () => {
      const [a, b] = [new RecordingSink(3000), new RecordingSink(3000)];
      await generate(options(3000), a);
      await generate(options(3000), b);
      expect(b.steps).toEqual(a.steps);
      const [x, y] = [await generated(3000), await generated(3000)];
      expect(y.recorded).toEqual(x.recorded);
      expect(y.summary).toEqual(x.summary);
    });

    it('gives a different history for a different seed', async () => {
      const [a, b] = [new RecordingSink(500), new RecordingSink(500)];
      await generate(options(500, '1'), a);
      await generate(options(500, '2'), b);
      expect(b.steps).not.toEqual(a.steps);
    });
  });

  it('writes exactly the number of events asked for', async () => {
    const { summary, recorded } = await generated(4321);
    expect(recorded).toHaveLength(4321);
    expect(summary.events).toBe(4321);
  });

  it('issues only commands the HTTP API would accept', async () => {
    const sink = new RecordingSink(20_000);
    await generate(options(20_000), sink);
    for (const step of sink.steps) expect(() => validateStep(step)).not.toThrow();
    const types = new Set(sink.steps.map((s) => s.type));
    for (const type of [
      'RescheduleMeeting',
      'CancelMeeting',
      'CompleteCommitment',
      'CarryOverCommitment',
      'WithdrawCommitment',
      'FormWorkingGroup',
      'RecordDecision',
      'RemoveMember',
    ]) {
      expect(types).toContain(type);
    }
  });

  describe('a generated council of 20,000 events', () => {
    let catalog: Catalog;
    let summary: Awaited<ReturnType<typeof generated>>['summary'];
    beforeAll(async () => {
      const result = await generated(20_000);
      summary = result.summary;
      catalog = new Catalog();
      // The projection parses every event with its context's schema, so this also proves they all pass.
      for (const event of result.recorded) applyToCatalog(catalog, event);
    });

    it('has the groups, people, meetings and commitments the summary counts', () => {
      expect(catalog.groups.size).toBe(summary.groups);
      expect(catalog.people.size).toBe(summary.people);
      expect(catalog.commitments.size).toBe(summary.commitments);
      expect([...catalog.meetings.values()].filter((m) => m.status === 'held')).toHaveLength(
        summary.meetings,
      );
    });

    it('holds 6 to 8 meetings a year in every group', () => {
      for (const group of catalog.groups.values()) {
        const perYear = new Map<string, number>();
        for (const id of group.meetingIds) {
          const year = catalog.meetings.get(id)!.startsAt.slice(0, 4);
          perYear.set(year, (perYear.get(year) ?? 0) + 1);
        }
        const fullYears = [...perYear.entries()].slice(1, -1).map(([, n]) => n);
        for (const n of fullYears) expect(n).toBeGreaterThanOrEqual(6);
        for (const n of fullYears) expect(n).toBeLessThanOrEqual(8);
      }
    });

    it('gives every commitment a known group and meeting, and owners that exist', () => {
      for (const c of catalog.commitments.values()) {
        expect(catalog.groups.has(c.groupId)).toBe(true);
        expect(catalog.meetings.get(c.meetingId)?.groupId).toBe(c.groupId);
        if (c.owner.kind === 'person') expect(catalog.people.has(c.owner.personId)).toBe(true);
        if (c.owner.kind === 'working-group')
          expect(catalog.workingGroups.has(c.owner.workingGroupId)).toBe(true);
      }
    });

    it('completes most commitments, carries some over and leaves a few open', () => {
      const all = [...catalog.commitments.values()];
      const share = (p: (c: (typeof all)[number]) => boolean) => all.filter(p).length / all.length;
      expect(share((c) => c.status === 'completed')).toBeGreaterThan(0.6);
      expect(share((c) => c.status === 'withdrawn')).toBeGreaterThan(0.01);
      expect(share((c) => c.carriedOver > 0)).toBeGreaterThan(0.05);
      expect(share((c) => c.status === 'open')).toBeLessThan(0.2);
    });

    it('answers the dashboard of the busiest group and the task list of the busiest person', () => {
      const board = dashboard(catalog, summary.probe.groupId, new Date('2026-11-01T00:00:00Z'));
      expect(board.history.length).toBeGreaterThan(10);
      expect(board.open).toBeGreaterThan(0);
      expect(
        myTasks(catalog, summary.probe.personId, new Date('2026-11-01T00:00:00Z')).length,
      ).toBeGreaterThan(0);
      expect(catalog.meetings.get(summary.probe.meetingId)?.status).toBe('held');
    });

    it("names a working group's report on the agenda by the working group's name, as the draft agenda does", () => {
      const reports = [...catalog.meetings.values()].flatMap((m) =>
        m.items
          .filter((i) => i.kind === 'working-group-report')
          .map((i) => ({ groupId: m.groupId, title: i.title })),
      );
      expect(reports.length).toBeGreaterThan(0);
      const names = (groupId: string) =>
        [...catalog.workingGroups.values()]
          .filter((w) => w.groupId === groupId)
          .map((w) => `Rapport fra ${w.name}`);
      for (const report of reports) expect(names(report.groupId)).toContain(report.title);
    });

    it('gives the benchmarks an open matter of the busiest group, with a history to read', () => {
      const matter = catalog.matters.get(summary.probe.matterId);
      expect(matter).toMatchObject({ groupId: summary.probe.groupId, status: 'open' });
      expect(matterHistory(catalog, summary.probe.matterId)!.timeline.length).toBeGreaterThan(1);
    });
  });
});

describe('Random', () => {
  it('draws version 4 UUIDs that do not repeat', () => {
    const random = new Random('x');
    const ids = Array.from({ length: 50_000 }, () => random.uuid());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 100))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("generate's options", () => {
  it('takes the defaults, and each option given', () => {
    expect(parseGenerateArgs([])).toEqual({
      seed: '1',
      events: 10_000,
      years: 8,
      councils: undefined,
      until: '2026-10-31',
      via: 'commands',
      manifest: undefined,
    });
    expect(
      parseGenerateArgs([
        '--events',
        '50000',
        '--seed',
        's',
        '--councils',
        '2',
        '--until',
        '2025-01-31',
        '--manifest',
        'm.json',
      ]),
    ).toMatchObject({
      events: 50_000,
      seed: 's',
      councils: 2,
      until: '2025-01-31',
      via: 'direct',
      manifest: 'm.json',
    });
  });

  it('answers --help with its usage, not a store full of councils', () => {
    expect(parseGenerateArgs(['--help'])).toBe('help');
    expect(parseGenerateArgs(['--events', '5', '-h'])).toBe('help');
  });

  it.each([
    [['--evnts', '5'], "Unknown option '--evnts'"],
    [['--events'], "'--events <value>' argument missing"],
    [['--events', '0'], '--events must be a whole number above 0 (got "0")'],
    [['--events', '2.5'], '--events must be a whole number above 0 (got "2.5")'],
    [['--years', 'ti'], '--years must be a whole number above 0 (got "ti")'],
    [['--via', 'fast'], '--via must be commands or direct (got "fast")'],
    [['--until', '31.10.2026'], '--until must be a date, YYYY-MM-DD (got "31.10.2026")'],
    [['extra'], "Unexpected argument 'extra'"],
  ])('refuses %j with a message naming what is wrong', (args, message) => {
    const parsed = parseGenerateArgs(args);
    expect(parsed).toEqual({ error: expect.stringContaining(message) });
  });
});
