import { fold } from '@tilneste/domain-kit';
import { deciderSpec, testMetadata } from '@tilneste/domain-kit/testing';
import { workingGroupDecider } from './working-groups.decider';
import { workingGroupEventSchema, type WorkingGroupEvent } from './working-groups.events';
import {
  changeWorkingGroupLeadData,
  formWorkingGroupData,
  type WorkingGroupCommand,
} from './working-groups.commands';

const spec = deciderSpec(workingGroupDecider);

type Of<T extends WorkingGroupCommand['type']> = Extract<WorkingGroupCommand, { type: T }>;
const command = <T extends WorkingGroupCommand['type']>(type: T, data: Of<T>['data']) =>
  ({ type, data, metadata: testMetadata() }) as Of<T>;

const workingGroupId = 'wg-2';
const formed: WorkingGroupEvent = {
  type: 'WorkingGroupFormed',
  data: {
    workingGroupId,
    groupId: 'group-1',
    name: 'Arbeidsgruppe 2',
    leadPersonId: 'eli',
    memberIds: ['eli', 'haakon'],
    mandate: null,
    meetingId: 'meeting-1',
  },
};
const dissolved: WorkingGroupEvent = {
  type: 'WorkingGroupDissolved',
  data: { workingGroupId, reason: null },
};

/** One of each command but the creating one, each of which would change an active working group. */
const laterCommands: WorkingGroupCommand[] = [
  command('ChangeWorkingGroupLead', { workingGroupId, leadPersonId: 'haakon' }),
  command('AddWorkingGroupMember', { workingGroupId, personId: 'kari' }),
  command('RemoveWorkingGroupMember', { workingGroupId, personId: 'haakon' }),
  command('ReportWorkingGroupStatus', { workingGroupId, status: 'active' }),
  command('DissolveWorkingGroup', { workingGroupId }),
];
const cases = laterCommands.map((c) => [c.type, c] as const);

describe('WorkingGroup', () => {
  describe('when not formed', () => {
    it('forms it', () => {
      spec
        .given([])
        .when(
          command('FormWorkingGroup', {
            workingGroupId,
            groupId: 'group-1',
            name: 'Arbeidsgruppe 2',
            leadPersonId: 'eli',
            memberIds: ['eli', 'haakon'],
            meetingId: 'meeting-1',
          }),
        )
        .then([formed]);
    });

    it('drops duplicate members and makes the lead a member', () => {
      spec
        .given([])
        .when(
          command('FormWorkingGroup', {
            workingGroupId,
            groupId: 'group-1',
            name: 'Arbeidsgruppe 2',
            leadPersonId: 'eli',
            memberIds: ['haakon', 'kari', 'haakon'],
            mandate: '',
          }),
        )
        .then([
          {
            type: 'WorkingGroupFormed',
            data: {
              workingGroupId,
              groupId: 'group-1',
              name: 'Arbeidsgruppe 2',
              leadPersonId: 'eli',
              memberIds: ['eli', 'haakon', 'kari'],
              mandate: null,
              meetingId: null,
            },
          },
        ]);
    });

    it('forms it without lead or members', () => {
      spec
        .given([])
        .when(command('FormWorkingGroup', { workingGroupId, groupId: 'group-1', name: 'Programkomité' }))
        .then([
          {
            type: 'WorkingGroupFormed',
            data: {
              workingGroupId,
              groupId: 'group-1',
              name: 'Programkomité',
              leadPersonId: null,
              memberIds: [],
              mandate: null,
              meetingId: null,
            },
          },
        ]);
    });

    it.each(cases)('rejects %s as not found', (_type, cmd) => {
      spec.given([]).when(cmd).thenThrows('WORKING_GROUP.NOT_FOUND');
    });

    it('reports not found as kind not_found', () => {
      expect(() => workingGroupDecider.decide(laterCommands[0], workingGroupDecider.initialState())).toThrow(
        expect.objectContaining({ kind: 'not_found' }),
      );
    });
  });

  describe('when active', () => {
    it('rejects forming it again', () => {
      spec
        .given([formed])
        .when(command('FormWorkingGroup', { workingGroupId, groupId: 'group-1', name: 'Igjen' }))
        .thenThrows('WORKING_GROUP.ALREADY_FORMED');
    });

    it('hands the lead to a member', () => {
      spec
        .given([formed])
        .when(command('ChangeWorkingGroupLead', { workingGroupId, leadPersonId: 'haakon' }))
        .then([
          {
            type: 'WorkingGroupLeadChanged',
            data: { workingGroupId, leadPersonId: 'haakon', previousLeadPersonId: 'eli' },
          },
        ]);
    });

    it('adds a new lead as member before the lead change', () => {
      spec
        .given([formed])
        .when(command('ChangeWorkingGroupLead', { workingGroupId, leadPersonId: 'kari' }))
        .then([
          { type: 'WorkingGroupMemberAdded', data: { workingGroupId, personId: 'kari' } },
          {
            type: 'WorkingGroupLeadChanged',
            data: { workingGroupId, leadPersonId: 'kari', previousLeadPersonId: 'eli' },
          },
        ]);
    });

    it('leaves it without a lead', () => {
      spec
        .given([formed])
        .when(command('ChangeWorkingGroupLead', { workingGroupId, leadPersonId: null }))
        .then([
          {
            type: 'WorkingGroupLeadChanged',
            data: { workingGroupId, leadPersonId: null, previousLeadPersonId: 'eli' },
          },
        ]);
    });

    it('ignores a lead change to the same lead', () => {
      spec
        .given([formed])
        .when(command('ChangeWorkingGroupLead', { workingGroupId, leadPersonId: 'eli' }))
        .then([]);
    });

    it('adds a member', () => {
      spec
        .given([formed])
        .when(command('AddWorkingGroupMember', { workingGroupId, personId: 'kari' }))
        .then([{ type: 'WorkingGroupMemberAdded', data: { workingGroupId, personId: 'kari' } }]);
    });

    it('ignores adding someone who is already a member', () => {
      spec
        .given([formed, { type: 'WorkingGroupMemberAdded', data: { workingGroupId, personId: 'kari' } }])
        .when(command('AddWorkingGroupMember', { workingGroupId, personId: 'kari' }))
        .then([]);
    });

    it('removes a member', () => {
      spec
        .given([formed])
        .when(command('RemoveWorkingGroupMember', { workingGroupId, personId: 'haakon' }))
        .then([{ type: 'WorkingGroupMemberRemoved', data: { workingGroupId, personId: 'haakon' } }]);
    });

    it('rejects removing someone who is not a member', () => {
      spec
        .given([formed, { type: 'WorkingGroupMemberRemoved', data: { workingGroupId, personId: 'haakon' } }])
        .when(command('RemoveWorkingGroupMember', { workingGroupId, personId: 'haakon' }))
        .thenThrows('WORKING_GROUP.NOT_A_MEMBER');
    });

    it('rejects removing the lead', () => {
      spec
        .given([formed])
        .when(command('RemoveWorkingGroupMember', { workingGroupId, personId: 'eli' }))
        .thenThrows('WORKING_GROUP.CANNOT_REMOVE_LEAD');
    });

    it('removes a former lead once the lead has changed', () => {
      spec
        .given([
          formed,
          {
            type: 'WorkingGroupLeadChanged',
            data: { workingGroupId, leadPersonId: 'haakon', previousLeadPersonId: 'eli' },
          },
        ])
        .when(command('RemoveWorkingGroupMember', { workingGroupId, personId: 'eli' }))
        .then([{ type: 'WorkingGroupMemberRemoved', data: { workingGroupId, personId: 'eli' } }]);
    });

    it('records a status report, with absent fields as null', () => {
      spec
        .given([formed])
        .when(command('ReportWorkingGroupStatus', { workingGroupId, status: 'not-started' }))
        .then([
          {
            type: 'WorkingGroupStatusReported',
            data: { workingGroupId, meetingId: null, status: 'not-started', text: null },
          },
        ]);
    });

    it('dissolves it', () => {
      spec
        .given([formed])
        .when(command('DissolveWorkingGroup', { workingGroupId, reason: 'Mandatet er utført' }))
        .then([{ type: 'WorkingGroupDissolved', data: { workingGroupId, reason: 'Mandatet er utført' } }]);
    });
  });

  describe('when dissolved', () => {
    it.each(cases)('rejects %s', (_type, cmd) => {
      spec.given([formed, dissolved]).when(cmd).thenThrows('WORKING_GROUP.DISSOLVED');
    });

    it('rejects forming it again', () => {
      spec
        .given([formed, dissolved])
        .when(command('FormWorkingGroup', { workingGroupId, groupId: 'group-1', name: 'Igjen' }))
        .thenThrows('WORKING_GROUP.ALREADY_FORMED');
    });
  });

  describe('its state', () => {
    it('keeps name, lead, members, mandate and the last status report', () => {
      const state = fold(workingGroupDecider.evolve, workingGroupDecider.initialState(), [
        { ...formed, data: { ...formed.data, mandate: 'Lage posisjonsnotat' } } as WorkingGroupEvent,
        { type: 'WorkingGroupMemberAdded', data: { workingGroupId, personId: 'kari' } },
        {
          type: 'WorkingGroupLeadChanged',
          data: { workingGroupId, leadPersonId: 'kari', previousLeadPersonId: 'eli' },
        },
        { type: 'WorkingGroupMemberRemoved', data: { workingGroupId, personId: 'haakon' } },
        {
          type: 'WorkingGroupStatusReported',
          data: { workingGroupId, meetingId: 'm1', status: 'not-started', text: 'Ikke møttes' },
        },
        {
          type: 'WorkingGroupStatusReported',
          data: { workingGroupId, meetingId: 'm2', status: 'active', text: null },
        },
      ]);
      expect(state).toEqual({
        status: 'active',
        workingGroupId,
        groupId: 'group-1',
        name: 'Arbeidsgruppe 2',
        leadPersonId: 'kari',
        memberIds: ['eli', 'kari'],
        mandate: 'Lage posisjonsnotat',
        meetingId: 'meeting-1',
        lastReport: { meetingId: 'm2', status: 'active', text: null },
      });
    });

    it('is dissolved with its reason', () => {
      const state = fold(workingGroupDecider.evolve, workingGroupDecider.initialState(), [
        formed,
        { type: 'WorkingGroupDissolved', data: { workingGroupId, reason: 'Ferdig' } },
      ]);
      expect(state).toMatchObject({ status: 'dissolved', dissolutionReason: 'Ferdig' });
    });
  });
});

describe('WorkingGroup events', () => {
  it('accepts a well-formed event', () => {
    expect(workingGroupEventSchema.safeParse(formed).success).toBe(true);
  });

  it.each([
    ['an unknown type', { type: 'WorkingGroupRenamed', data: { workingGroupId, name: 'X' } }],
    ['a missing field', { type: 'WorkingGroupMemberAdded', data: { workingGroupId } }],
    ['members that are not a list', { ...formed, data: { ...formed.data, memberIds: 'eli' } }],
    [
      'an unknown report status',
      {
        type: 'WorkingGroupStatusReported',
        data: { workingGroupId, meetingId: null, status: 'paused', text: null },
      },
    ],
    ['an absent nullable field', { type: 'WorkingGroupDissolved', data: { workingGroupId } }],
  ])('rejects %s', (_what, event) => {
    expect(workingGroupEventSchema.safeParse(event).success).toBe(false);
  });
});

describe('WorkingGroup commands', () => {
  it('trims the name and rejects a blank one', () => {
    expect(formWorkingGroupData.parse({ workingGroupId, groupId: 'g', name: ' AG 2 ' }).name).toBe('AG 2');
    expect(formWorkingGroupData.safeParse({ workingGroupId, groupId: 'g', name: ' ' }).success).toBe(false);
  });

  it('rejects unknown fields', () => {
    expect(
      formWorkingGroupData.safeParse({ workingGroupId, groupId: 'g', name: 'AG', lead: 'eli' }).success,
    ).toBe(false);
  });

  it('requires the lead field when changing lead, accepting null', () => {
    expect(changeWorkingGroupLeadData.safeParse({ workingGroupId }).success).toBe(false);
    expect(changeWorkingGroupLeadData.safeParse({ workingGroupId, leadPersonId: null }).success).toBe(true);
  });
});
