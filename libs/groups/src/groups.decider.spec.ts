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

  describe('when it has one secretariat member', () => {
    const withSecretary = [established, joined('kari', 'secretariat'), joined('ola', 'member')];

    it('rejects removing them, naming the group and the person', () => {
      spec.given(withSecretary).when(removeMember('kari')).thenThrows('GROUP.LAST_SECRETARIAT');
      const error = thrownBy(withSecretary, removeMember('kari'));
      expect([error.kind, error.details]).toEqual(['conflict', { groupId, personId: 'kari' }]);
    });

    it.each<MemberRole>(['chair', 'member', 'observer'])('rejects giving them the role %s', (role) => {
      spec.given(withSecretary).when(addMember('kari', role)).thenThrows('GROUP.LAST_SECRETARIAT');
      expect(thrownBy(withSecretary, addMember('kari', role)).details).toEqual({
        groupId,
        personId: 'kari',
        role,
      });
    });

    it('rejects removing them even when nobody else is left in the group', () =>
      spec
        .given([established, joined('kari', 'secretariat')])
        .when(removeMember('kari'))
        .thenThrows('GROUP.LAST_SECRETARIAT'));

    it('rejects removing them when the other secretary has changed role', () =>
      spec
        .given([
          ...withSecretary,
          joined('eli', 'secretariat'),
          {
            type: 'MemberRoleChanged',
            data: { groupId, personId: 'eli', role: 'chair', previousRole: 'secretariat' },
          },
        ])
        .when(removeMember('kari'))
        .thenThrows('GROUP.LAST_SECRETARIAT'));

    it('still lets the other members leave or change role', () => {
      spec
        .given(withSecretary)
        .when(removeMember('ola'))
        .then([{ type: 'MemberLeft', data: { groupId, personId: 'ola' } }]);
      spec
        .given(withSecretary)
        .when(addMember('ola', 'chair'))
        .then([
          {
            type: 'MemberRoleChanged',
            data: { groupId, personId: 'ola', role: 'chair', previousRole: 'member' },
          },
        ]);
    });

    it('lets them leave once another has joined the secretariat', () =>
      spec
        .given([...withSecretary, joined('eli', 'secretariat')])
        .when(removeMember('kari'))
        .then([{ type: 'MemberLeft', data: { groupId, personId: 'kari' } }]));

    it('lets them take another role once a member has been made secretary', () =>
      spec
        .given([
          ...withSecretary,
          {
            type: 'MemberRoleChanged',
            data: { groupId, personId: 'ola', role: 'secretariat', previousRole: 'member' },
          },
        ])
        .when(addMember('kari', 'chair'))
        .then([
          {
            type: 'MemberRoleChanged',
            data: { groupId, personId: 'kari', role: 'chair', previousRole: 'secretariat' },
          },
        ]));

    it('ignores adding them again as secretariat', () =>
      spec.given(withSecretary).when(addMember('kari', 'secretariat')).then([]));
  });

  describe('when it has no secretariat member', () => {
    it('lets its last member leave', () =>
      spec
        .given([established, joined('eli', 'chair')])
        .when(removeMember('eli'))
        .then([{ type: 'MemberLeft', data: { groupId, personId: 'eli' } }]));
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
