import type { RecordedEvent } from '@tilneste/event-store';
import type { GroupState, MemberRole } from '@tilneste/groups';
import { applyToCatalog, Catalog } from '@tilneste/projections';
import type { WorkingGroupState } from '@tilneste/working-groups';
import { groupMovesAfterMerge, workingGroupMovesAfterMerge } from './merged-memberships.policy';

/** The read models after these events, fed through as the store hands them over. */
function catalogOf(events: [stream: string, type: string, data: Record<string, unknown>][]): Catalog {
  const catalog = new Catalog();
  events.forEach(([streamName, type, data], i) => {
    const position = BigInt(i + 1);
    applyToCatalog(catalog, {
      streamName,
      id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
      type,
      revision: 0n,
      position,
      data: data as RecordedEvent['data'],
      metadata: { at: '2026-01-05T10:00:00.000Z', actor: { kind: 'client', id: 'admin' } },
      createdAt: new Date('2026-01-05T10:00:00.000Z'),
    });
  });
  return catalog;
}

const person = (personId: string): [string, string, Record<string, unknown>] => [
  `person-${personId}`,
  'PersonRegistered',
  { personId, name: personId, email: null, organisation: null },
];
const merge = (personId: string, intoPersonId: string): [string, string, Record<string, unknown>] => [
  `person-${personId}`,
  'PersonMerged',
  { personId, intoPersonId, name: personId },
];
const established = (members: Record<string, MemberRole>): GroupState => ({
  status: 'established',
  groupId: 'g',
  name: 'Plangruppen',
  timeZone: 'Europe/Oslo',
  members,
  reminderOffsets: null,
});
const group: [string, string, Record<string, unknown>] = [
  'group-g',
  'GroupEstablished',
  { groupId: 'g', name: 'Plangruppen', timeZone: 'Europe/Oslo' },
];
const joined = (personId: string, role = 'member'): [string, string, Record<string, unknown>] => [
  'group-g',
  'MemberJoined',
  { groupId: 'g', personId, role },
];

describe('Memberships after a merge', () => {
  describe('in a group stream', () => {
    it('follows a chain of merges handled late to the person who remains at the end, with the role shown', () => {
      const catalog = catalogOf([
        person('a'),
        person('b'),
        person('c'),
        group,
        joined('a', 'chair'),
        merge('a', 'b'),
        merge('b', 'c'),
      ]);
      expect(groupMovesAfterMerge(established({ a: 'chair' }), 'a', catalog)).toEqual([
        { type: 'AddMember', data: { groupId: 'g', personId: 'c', role: 'chair' } },
        { type: 'RemoveMember', data: { groupId: 'g', personId: 'a' } },
      ]);
    });

    it('lets the one who remains join before the merged id, the last secretariat member, leaves', () => {
      const catalog = catalogOf([
        person('a'),
        person('b'),
        group,
        joined('a', 'secretariat'),
        merge('a', 'b'),
      ]);
      expect(groupMovesAfterMerge(established({ a: 'secretariat' }), 'a', catalog)).toEqual([
        { type: 'AddMember', data: { groupId: 'g', personId: 'b', role: 'secretariat' } },
        { type: 'RemoveMember', data: { groupId: 'g', personId: 'a' } },
      ]);
    });

    it('gives the one who remains the secretariat role when the merged id was the last to hold it', () => {
      const catalog = catalogOf([
        person('a'),
        person('b'),
        group,
        joined('a', 'secretariat'),
        joined('b', 'chair'),
        merge('a', 'b'),
      ]);
      expect(groupMovesAfterMerge(established({ a: 'secretariat', b: 'chair' }), 'a', catalog)).toEqual([
        { type: 'AddMember', data: { groupId: 'g', personId: 'b', role: 'secretariat' } },
        { type: 'RemoveMember', data: { groupId: 'g', personId: 'a' } },
      ]);
    });

    it('keeps the role of the one who remains when another secretary is left', () => {
      const catalog = catalogOf([
        person('a'),
        person('b'),
        person('x'),
        group,
        joined('a', 'secretariat'),
        joined('b', 'chair'),
        joined('x', 'secretariat'),
        merge('a', 'b'),
      ]);
      const state = established({ a: 'secretariat', b: 'chair', x: 'secretariat' });
      expect(groupMovesAfterMerge(state, 'a', catalog)).toEqual([
        { type: 'RemoveMember', data: { groupId: 'g', personId: 'a' } },
      ]);
    });

    it('only removes the merged id when the read models no longer show the one who remains', () => {
      const catalog = catalogOf([person('a'), person('b'), group, joined('a'), merge('a', 'b')]);
      catalog.groups.get('g')!.members.delete('b');
      expect(groupMovesAfterMerge(established({ a: 'member' }), 'a', catalog)).toEqual([
        { type: 'RemoveMember', data: { groupId: 'g', personId: 'a' } },
      ]);
    });

    it('decides nothing for a stream that does not name the merged id, or a merge the read models did not apply', () => {
      const catalog = catalogOf([person('a'), person('b'), group, joined('b'), merge('a', 'b')]);
      expect(groupMovesAfterMerge(established({ b: 'member' }), 'a', catalog)).toEqual([]);
      expect(groupMovesAfterMerge(established({ x: 'member' }), 'x', catalog)).toEqual([]);
    });
  });

  describe('in a working-group stream', () => {
    const formed = (leadPersonId: string, memberIds: string[]): [string, string, Record<string, unknown>] => [
      'workinggroup-w',
      'WorkingGroupFormed',
      {
        workingGroupId: 'w',
        groupId: 'g',
        name: 'Sykkelveier',
        leadPersonId,
        memberIds,
        mandate: null,
        meetingId: null,
      },
    ];
    const facts = (leadPersonId: string, memberIds: string[]) => ({
      workingGroupId: 'w',
      groupId: 'g',
      name: 'Sykkelveier',
      leadPersonId,
      memberIds,
      mandate: null,
      meetingId: null,
      lastReport: null,
    });
    const active = (leadPersonId: string, memberIds: string[]): WorkingGroupState => ({
      status: 'active',
      ...facts(leadPersonId, memberIds),
    });

    it('hands a merged lead’s place to the one who remains, then lets the merged id leave', () => {
      const catalog = catalogOf([
        person('a'),
        person('b'),
        person('x'),
        group,
        formed('a', ['a', 'x']),
        merge('a', 'b'),
      ]);
      expect(workingGroupMovesAfterMerge(active('a', ['a', 'x']), 'a', catalog)).toEqual([
        { type: 'ChangeWorkingGroupLead', data: { workingGroupId: 'w', leadPersonId: 'b' } },
        { type: 'AddWorkingGroupMember', data: { workingGroupId: 'w', personId: 'b' } },
        { type: 'RemoveWorkingGroupMember', data: { workingGroupId: 'w', personId: 'a' } },
      ]);
    });

    it('leaves a dissolved working group as it was', () => {
      const catalog = catalogOf([person('a'), person('b'), group, formed('a', ['a']), merge('a', 'b')]);
      const dissolved: WorkingGroupState = {
        status: 'dissolved',
        dissolutionReason: null,
        ...facts('a', ['a']),
      };
      expect(workingGroupMovesAfterMerge(dissolved, 'a', catalog)).toEqual([]);
    });
  });
});
