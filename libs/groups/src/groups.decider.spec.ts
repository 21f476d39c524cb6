import { DomainError } from '@tilneste/domain-kit';
import { deciderSpec, testMetadata } from '@tilneste/domain-kit/testing';
import type { AddMember, GroupsCommand, RemoveMember, SetReminderPolicy } from './groups.commands';
import { groupsDecider, reminderOffsetsOf, type EstablishedGroup } from './groups.decider';
import type { GroupsEvent, MemberRole } from './groups.events';

const spec = deciderSpec(groupsDecider);
const groupId = 'group-helse';
const metadata = testMetadata();

const addMember = (personId: string, role: MemberRole): AddMember => ({
  type: 'AddMember',
  data: { groupId, personId, role },
  metadata,
});
const removeMember = (personId: string): RemoveMember => ({
  type: 'RemoveMember',
  data: { groupId, personId },
  metadata,
});
const setPolicy = (offsets: string[]): SetReminderPolicy => ({
  type: 'SetReminderPolicy',
  data: { groupId, offsets },
  metadata,
});

const established: GroupsEvent = {
  type: 'GroupEstablished',
  data: { groupId, name: 'Faggruppe helse', timeZone: 'Europe/Oslo' },
};
const joined = (personId: string, role: MemberRole): GroupsEvent => ({
  type: 'MemberJoined',
  data: { groupId, personId, role },
});
const policySet = (offsets: string[]): GroupsEvent => ({
  type: 'ReminderPolicySet',
  data: { groupId, offsets },
});

const thrownBy = (events: GroupsEvent[], command: GroupsCommand): DomainError => {
  const state = events.reduce(groupsDecider.evolve, groupsDecider.initialState());
  try {
    groupsDecider.decide(command, state);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the command to be rejected');
};

describe('Group', () => {
  describe('when not established', () => {
    it('establishes the group in Norwegian time', () =>
      spec
        .given([])
        .when({ type: 'EstablishGroup', data: { groupId, name: 'Faggruppe helse' }, metadata })
        .then([established]));

    it.each<GroupsCommand>([addMember('eli', 'member'), removeMember('eli'), setPolicy(['P7D'])])(
      'rejects $type as not found',
      (command) => spec.given([]).when(command).thenThrows('GROUP.NOT_FOUND'),
    );
  });

  describe('when established', () => {
    it('rejects establishing it again', () =>
      spec
        .given([established])
        .when({ type: 'EstablishGroup', data: { groupId, name: 'Faggruppe helse' }, metadata })
        .thenThrows('GROUP.ALREADY_ESTABLISHED'));

    it('lets a person join with a role', () =>
      spec
        .given([established])
        .when(addMember('kjersti', 'chair'))
        .then([joined('kjersti', 'chair')]));

    it('ignores adding a member again with the same role', () =>
      spec
        .given([established, joined('eli', 'member')])
        .when(addMember('eli', 'member'))
        .then([]));

    it('changes the role of a member added again with another role', () =>
      spec
        .given([established, joined('eli', 'member')])
        .when(addMember('eli', 'secretariat'))
        .then([
          {
            type: 'MemberRoleChanged',
            data: { groupId, personId: 'eli', role: 'secretariat', previousRole: 'member' },
          },
        ]));

    it('compares against the role after a change', () =>
      spec
        .given([
          established,
          joined('eli', 'member'),
          {
            type: 'MemberRoleChanged',
            data: { groupId, personId: 'eli', role: 'chair', previousRole: 'member' },
          },
        ])
        .when(addMember('eli', 'chair'))
        .then([]));

    it('lets a member leave', () =>
      spec
        .given([established, joined('eli', 'member')])
        .when(removeMember('eli'))
        .then([{ type: 'MemberLeft', data: { groupId, personId: 'eli' } }]));

    it('rejects removing someone who never joined', () =>
      spec.given([established]).when(removeMember('eli')).thenThrows('GROUP.NOT_A_MEMBER'));

    it('rejects removing someone who has already left', () =>
      spec
        .given([
          established,
          joined('eli', 'member'),
          { type: 'MemberLeft', data: { groupId, personId: 'eli' } },
        ])
        .when(removeMember('eli'))
        .thenThrows('GROUP.NOT_A_MEMBER'));

    it('lets someone who left join again', () =>
      spec
        .given([
          established,
          joined('eli', 'member'),
          { type: 'MemberLeft', data: { groupId, personId: 'eli' } },
        ])
        .when(addMember('eli', 'member'))
        .then([joined('eli', 'member')]));
  });

  describe('reminder policy', () => {
    it('uses a week and a day before until a policy is set', () => {
      const state = groupsDecider.evolve(groupsDecider.initialState(), established) as EstablishedGroup;
      expect(reminderOffsetsOf(state)).toEqual(['P7D', 'P1D']);
    });

    it('uses the policy once set', () => {
      const state = [established, policySet(['PT2H'])].reduce(
        groupsDecider.evolve,
        groupsDecider.initialState(),
      ) as EstablishedGroup;
      expect(reminderOffsetsOf(state)).toEqual(['PT2H']);
    });

    it('sets the offsets as given', () =>
      spec
        .given([established])
        .when(setPolicy(['P14D', 'P1DT12H', 'PT2H', 'PT30S']))
        .then([policySet(['P14D', 'P1DT12H', 'PT2H', 'PT30S'])]));

    it('records the default explicitly when it is set on purpose', () =>
      spec
        .given([established])
        .when(setPolicy(['P7D', 'P1D']))
        .then([policySet(['P7D', 'P1D'])]));

    it('allows an empty list, meaning no reminders', () =>
      spec
        .given([established])
        .when(setPolicy([]))
        .then([policySet([])]));

    it('allows exactly 90 days', () =>
      spec
        .given([established])
        .when(setPolicy(['P90D']))
        .then([policySet(['P90D'])]));

    it('allows ten offsets', () => {
      const ten = Array.from({ length: 10 }, (_, i) => `P${i + 1}D`);
      spec
        .given([established])
        .when(setPolicy(ten))
        .then([policySet(ten)]);
    });

    it('ignores the same list again', () =>
      spec
        .given([established, policySet(['P7D', 'P1D'])])
        .when(setPolicy(['P7D', 'P1D']))
        .then([]));

    it('ignores the same durations in another order or spelling', () =>
      spec
        .given([established, policySet(['P7D', 'P1D'])])
        .when(setPolicy(['PT24H', 'P1W']))
        .then([]));

    it('sets a list that differs from the current one', () =>
      spec
        .given([established, policySet(['P7D', 'P1D'])])
        .when(setPolicy(['P7D']))
        .then([policySet(['P7D'])]));

    it('sets an empty list over an existing one', () =>
      spec
        .given([established, policySet(['P7D'])])
        .when(setPolicy([]))
        .then([policySet([])]));

    it.each([
      ['an unparsable offset', ['P7D', 'a week'], 'unparsable', 'a week'],
      ['a zero offset', ['PT0S'], 'zero', 'PT0S'],
      ['more than 90 days', ['P90DT1S'], 'too_long', 'P90DT1S'],
      ['a duplicate', ['P1D', 'P7D', 'PT24H'], 'duplicate', 'PT24H'],
    ])('rejects %s, naming it', (_, offsets, problem, offset) => {
      spec.given([established]).when(setPolicy(offsets)).thenThrows('GROUP.INVALID_REMINDER_OFFSET');
      const error = thrownBy([established], setPolicy(offsets));
      expect(error.kind).toBe('invalid');
      expect(error.details).toEqual({ problem, offset });
    });

    it('rejects more than ten offsets', () => {
      const eleven = Array.from({ length: 11 }, (_, i) => `P${i + 1}D`);
      spec.given([established]).when(setPolicy(eleven)).thenThrows('GROUP.INVALID_REMINDER_OFFSET');
      expect(thrownBy([established], setPolicy(eleven)).details).toEqual({
        problem: 'too_many',
        count: 11,
        max: 10,
      });
    });
  });
});
