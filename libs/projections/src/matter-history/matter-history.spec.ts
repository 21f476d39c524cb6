import { commitment, council } from '../../testing/history';
import { matterHistory } from './matter-history.queries';

describe("A matter's history", () => {
  it('keeps each proposal revision and decision amendment with the text before, the reason and who recorded it', () => {
    const { catalog, apply } = council();
    apply('matter-s1', 'MatterOpened', { matterId: 's1', groupId: 'hovedutvalg', title: 'Kulturplan' });
    apply(
      'matter-s1',
      'DecisionRecorded',
      {
        matterId: 's1',
        decisionId: 'd1',
        meetingId: 'm1',
        agendaItemId: null,
        text: 'Planen vedtas',
        kind: 'adopted',
      },
      '2026-02-05T11:00:00.000Z',
      'siri',
    );
    apply(
      'matter-s1',
      'DecisionAmended',
      {
        matterId: 's1',
        decisionId: 'd1',
        meetingId: 'm2',
        text: 'Planen vedtas med endringer',
        previousText: 'Planen vedtas',
        reason: 'Retting av referatet',
      },
      '2026-04-09T11:00:00.000Z',
      'kari',
    );
    apply(
      'matter-s1',
      'MatterClosed',
      { matterId: 's1', reason: 'Ferdig behandlet' },
      '2026-04-09T12:00:00.000Z',
    );
    const history = matterHistory(catalog, 's1')!;
    expect(history.status).toBe('closed');
    expect(history.timeline.map((e) => e.type)).toEqual([
      'MatterOpened',
      'DecisionRecorded',
      'DecisionAmended',
      'MatterClosed',
    ]);
    expect(history.timeline[2]).toMatchObject({
      meetingId: 'm2',
      text: 'Planen vedtas med endringer',
      previousText: 'Planen vedtas',
      reason: 'Retting av referatet',
      actor: { kind: 'person', id: 'kari' },
    });
    expect(matterHistory(catalog, 'unknown')).toBeUndefined();
  });

  it('shows who made a commitment of the matter, as the audit trail does (it said null)', () => {
    const { catalog, apply } = council();
    apply('matter-s1', 'MatterOpened', { matterId: 's1', groupId: 'hovedutvalg', title: 'Kulturplan' });
    apply(
      'commitment-c1',
      'CommitmentMade',
      { ...commitment('c1', { kind: 'person', personId: 'kari' }), matterId: 's1' },
      '2026-02-05T11:00:00.000Z',
      'siri',
    );
    const timeline = matterHistory(catalog, 's1')!.timeline;
    expect(timeline.map((entry) => [entry.type, entry.actor])).toEqual([
      ['MatterOpened', { kind: 'person', id: 'sekretær' }],
      ['CommitmentMade', { kind: 'person', id: 'siri' }],
    ]);
  });

  it("takes only the matter's own commitments, from its index, in the order they were made", () => {
    const { catalog, apply } = council();
    apply('matter-s1', 'MatterOpened', { matterId: 's1', groupId: 'hovedutvalg', title: 'Kulturplan' });
    apply('matter-s2', 'MatterOpened', { matterId: 's2', groupId: 'hovedutvalg', title: 'Trafikkplan' });
    const made = (id: string, matterId: string | null, at: string) =>
      apply(
        'commitment-' + id,
        'CommitmentMade',
        { ...commitment(id, { kind: 'person', personId: 'kari' }), matterId },
        at,
      );
    made('c1', 's1', '2026-02-05T11:00:00.000Z');
    made('c2', 's2', '2026-02-05T11:00:01.000Z');
    made('c3', null, '2026-02-05T11:00:02.000Z');
    // Made at the same moment as c1: the sort by time is stable, so the order made decides.
    made('c4', 's1', '2026-02-05T11:00:00.000Z');
    expect(catalog.commitmentsOfMatter).toEqual(
      new Map([
        ['s1', ['c1', 'c4']],
        ['s2', ['c2']],
      ]),
    );
    const ids = (matterId: string) =>
      matterHistory(catalog, matterId)!.timeline.flatMap((e) =>
        'commitmentId' in e ? [e.commitmentId] : [],
      );
    expect(ids('s1')).toEqual(['c1', 'c4']);
    expect(ids('s2')).toEqual(['c2']);
  });

  it('says which imported document and line each imported step was read from', () => {
    const { catalog, apply } = council();
    const from = (line: number | null) => ({
      via: 'import',
      source: { importId: 'b'.repeat(64), document: 'referat.pdf', line },
    });
    apply(
      'matter-s1',
      'MatterOpened',
      { matterId: 's1', groupId: 'hovedutvalg', title: 'Kulturplan' },
      '2026-02-05T11:00:00.000Z',
      'siri',
      from(12),
    );
    apply(
      'matter-s1',
      'DecisionRecorded',
      {
        matterId: 's1',
        decisionId: 'd1',
        meetingId: 'm1',
        agendaItemId: null,
        text: 'Planen vedtas',
        kind: 'adopted',
      },
      '2026-02-05T11:00:01.000Z',
      'siri',
      from(14),
    );
    apply(
      'commitment-c1',
      'CommitmentMade',
      { ...commitment('c1', { kind: 'person', personId: 'kari' }), matterId: 's1' },
      '2026-02-05T11:00:02.000Z',
      'siri',
      from(null),
    );
    apply(
      'matter-s1',
      'DecisionAmended',
      {
        matterId: 's1',
        decisionId: 'd1',
        meetingId: 'm2',
        text: 'Planen vedtas med endringer',
        previousText: 'Planen vedtas',
        reason: 'Retting',
      },
      '2026-04-09T11:00:00.000Z',
      'kari',
    );
    const timeline = matterHistory(catalog, 's1')!.timeline;
    expect(timeline.map((e) => [e.type, e.source?.line ?? null, e.source?.document ?? null])).toEqual([
      ['MatterOpened', 12, 'referat.pdf'],
      ['DecisionRecorded', 14, 'referat.pdf'],
      ['CommitmentMade', null, 'referat.pdf'],
      ['DecisionAmended', null, null],
    ]);
  });
});
