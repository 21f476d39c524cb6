import { commitment, council } from '../../testing/history';
import { myTasks } from './tasks.queries';

describe('Task lists', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('files each open commitment under who answers for it, and takes it out when reassigned or closed', () => {
    const { catalog, apply } = council();
    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'person', personId: 'kari' }));
    apply('commitment-c2', 'CommitmentMade', commitment('c2', { kind: 'person', personId: 'kari' }));
    apply('commitment-c3', 'CommitmentMade', commitment('c3', { kind: 'secretariat' }));
    apply('commitment-c4', 'CommitmentMade', commitment('c4', { kind: 'none' }));
    expect(catalog.openByOwner.get('person:kari')).toEqual(new Set(['c1', 'c2']));
    expect(catalog.openByOwner.get('secretariat:hovedutvalg')).toEqual(new Set(['c3']));
    expect(catalog.openKeyOf.has('c4')).toBe(false);

    apply('commitment-c1', 'CommitmentReassigned', {
      commitmentId: 'c1',
      owner: { kind: 'person', personId: 'ola' },
      previousOwner: { kind: 'person', personId: 'kari' },
    });
    apply('commitment-c2', 'CommitmentCompleted', { commitmentId: 'c2', note: null });
    apply('commitment-c3', 'CommitmentWithdrawn', { commitmentId: 'c3', reason: null });
    expect(catalog.openByOwner.get('person:kari')).toEqual(new Set());
    expect(catalog.openByOwner.get('person:ola')).toEqual(new Set(['c1']));
    expect(catalog.openByOwner.get('secretariat:hovedutvalg')).toEqual(new Set());
    expect(myTasks(catalog, 'ola', now).map((t) => t.id)).toEqual(['c1']);
    expect(myTasks(catalog, 'kari', now, true).map((t) => [t.id, t.status])).toEqual([['c2', 'completed']]);
  });

  it('does not file a closed commitment again when it is reassigned afterwards', () => {
    const { catalog, apply } = council();
    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'person', personId: 'kari' }));
    apply('commitment-c1', 'CommitmentCompleted', { commitmentId: 'c1', note: null });
    apply('commitment-c1', 'CommitmentReassigned', {
      commitmentId: 'c1',
      owner: { kind: 'person', personId: 'ola' },
      previousOwner: { kind: 'person', personId: 'kari' },
    });
    expect(myTasks(catalog, 'ola', now)).toEqual([]);
  });

  it("moves a working group's tasks to its new lead, and secretariat tasks to whoever is secretariat now", () => {
    const { catalog, apply } = council();
    apply('workinggroup-wg', 'WorkingGroupFormed', {
      workingGroupId: 'wg',
      groupId: 'hovedutvalg',
      name: 'Budsjettgruppen',
      leadPersonId: 'kari',
      memberIds: ['kari', 'ola'],
      mandate: null,
      meetingId: 'm1',
    });
    apply(
      'commitment-c1',
      'CommitmentMade',
      commitment('c1', { kind: 'working-group', workingGroupId: 'wg' }),
    );
    apply('commitment-c2', 'CommitmentMade', commitment('c2', { kind: 'secretariat' }));
    expect(myTasks(catalog, 'kari', now).map((t) => [t.id, t.as])).toEqual([['c1', 'working-group-lead']]);
    expect(myTasks(catalog, 'siri', now).map((t) => [t.id, t.as])).toEqual([['c2', 'secretariat']]);

    apply('workinggroup-wg', 'WorkingGroupLeadChanged', {
      workingGroupId: 'wg',
      leadPersonId: 'ola',
      previousLeadPersonId: 'kari',
    });
    apply('group-hovedutvalg', 'MemberRoleChanged', {
      groupId: 'hovedutvalg',
      personId: 'siri',
      role: 'member',
      previousRole: 'secretariat',
    });
    expect(myTasks(catalog, 'kari', now)).toEqual([]);
    expect(myTasks(catalog, 'ola', now).map((t) => [t.id, t.as])).toEqual([['c1', 'working-group-lead']]);
    expect(myTasks(catalog, 'siri', now)).toEqual([]);
  });

  it('keeps the imported document and line a commitment was read from, and none for one recorded by hand', () => {
    const { catalog, apply } = council();
    const source = { importId: 'a'.repeat(64), document: 'referat-2026-02-05.docx', line: 42 };
    apply(
      'commitment-c1',
      'CommitmentMade',
      commitment('c1', { kind: 'person', personId: 'kari' }),
      undefined,
      'siri',
      { via: 'import', source },
    );
    apply('commitment-c2', 'CommitmentMade', commitment('c2', { kind: 'person', personId: 'kari' }));
    // Metadata of the wrong shape (an older or foreign writer) is no source rather than an error.
    apply(
      'commitment-c3',
      'CommitmentMade',
      commitment('c3', { kind: 'person', personId: 'kari' }),
      undefined,
      'siri',
      { source: { importId: 'x', line: 'førti' } },
    );
    expect(catalog.commitments.get('c1')!.source).toEqual(source);
    const imported = Object.fromEntries(myTasks(catalog, 'kari', now).map((t) => [t.id, t.source.imported]));
    expect(imported).toEqual({ c1: source, c2: null, c3: null });

    // Later events of the commitment, imported or not, leave where it came from as it was.
    apply('commitment-c1', 'CommitmentProgressReported', { commitmentId: 'c1', text: 'I gang' });
    expect(myTasks(catalog, 'kari', now).find((t) => t.id === 'c1')!.source.imported).toEqual(source);
  });
});
