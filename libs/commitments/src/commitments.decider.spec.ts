import { fold } from '@tilneste/domain-kit';
import { deciderSpec, testMetadata } from '@tilneste/domain-kit/testing';
import { commitmentDecider } from './commitments.decider';
import { commitmentEventSchema, dueSchema, ownerSchema, type CommitmentEvent } from './commitments.events';
import {
  EMPTY_TEXT_CODE,
  makeCommitmentData,
  reportCommitmentProgressData,
  type CommitmentCommand,
} from './commitments.commands';

const spec = deciderSpec(commitmentDecider);

type Of<T extends CommitmentCommand['type']> = Extract<CommitmentCommand, { type: T }>;
const command = <T extends CommitmentCommand['type']>(type: T, data: Of<T>['data']) =>
  ({ type, data, metadata: testMetadata() }) as Of<T>;

const commitmentId = 'commitment-1';
const lead = { kind: 'person', personId: 'person-2' } as const;
const made: CommitmentEvent = {
  type: 'CommitmentMade',
  data: {
    commitmentId,
    groupId: 'group-1',
    meetingId: 'meeting-1',
    agendaItemId: 'item-4',
    matterId: null,
    text: 'Fordele arbeidet mellom medlemmene',
    owner: lead,
    due: { kind: 'next-meeting' },
  },
};
const carriedFrom = (fromMeetingId: string, times: number): CommitmentEvent => ({
  type: 'CommitmentCarriedOver',
  data: { commitmentId, fromMeetingId, times },
});
const completed: CommitmentEvent = { type: 'CommitmentCompleted', data: { commitmentId, note: null } };
const withdrawn: CommitmentEvent = { type: 'CommitmentWithdrawn', data: { commitmentId, reason: null } };

/** One of each command but the creating one, each of which would change an open commitment. */
const laterCommands: CommitmentCommand[] = [
  command('ReassignCommitment', { commitmentId, owner: { kind: 'secretariat' } }),
  command('ChangeCommitmentDue', { commitmentId, due: { kind: 'date', date: '2025-05-01' } }),
  command('ReportCommitmentProgress', { commitmentId, text: 'Halvveis' }),
  command('CompleteCommitment', { commitmentId }),
  command('CarryOverCommitment', { commitmentId, fromMeetingId: 'meeting-2' }),
  command('WithdrawCommitment', { commitmentId }),
];
const cases = laterCommands.map((c) => [c.type, c] as const);

describe('Commitment', () => {
  describe('when not made', () => {
    it('makes it, with no matter as null', () => {
      spec
        .given([])
        .when(
          command('MakeCommitment', {
            commitmentId,
            groupId: 'group-1',
            meetingId: 'meeting-1',
            agendaItemId: 'item-4',
            text: 'Fordele arbeidet mellom medlemmene',
            owner: lead,
            due: { kind: 'next-meeting' },
          }),
        )
        .then([made]);
    });

    it.each(cases)('rejects %s as not found', (_type, cmd) => {
      spec.given([]).when(cmd).thenThrows('COMMITMENT.NOT_FOUND');
    });

    it('reports not found as kind not_found', () => {
      expect(() => commitmentDecider.decide(laterCommands[0], commitmentDecider.initialState())).toThrow(
        expect.objectContaining({ kind: 'not_found' }),
      );
    });
  });

  describe('when open', () => {
    it('rejects making it again', () => {
      spec
        .given([made])
        .when(command('MakeCommitment', { ...(made.data as Of<'MakeCommitment'>['data']) }))
        .thenThrows('COMMITMENT.ALREADY_MADE');
    });

    it('reassigns it to a working group, keeping the previous owner', () => {
      const owner = { kind: 'working-group', workingGroupId: 'wg-5' } as const;
      spec
        .given([made])
        .when(command('ReassignCommitment', { commitmentId, owner }))
        .then([{ type: 'CommitmentReassigned', data: { commitmentId, owner, previousOwner: lead } }]);
    });

    it('ignores reassignment to the same owner', () => {
      spec
        .given([made])
        .when(
          command('ReassignCommitment', { commitmentId, owner: { personId: 'person-2', kind: 'person' } }),
        )
        .then([]);
    });

    it('reassigns from the current owner after an earlier reassignment', () => {
      spec
        .given([
          made,
          {
            type: 'CommitmentReassigned',
            data: { commitmentId, owner: { kind: 'none' }, previousOwner: lead },
          },
        ])
        .when(command('ReassignCommitment', { commitmentId, owner: lead }))
        .then([
          {
            type: 'CommitmentReassigned',
            data: { commitmentId, owner: lead, previousOwner: { kind: 'none' } },
          },
        ]);
    });

    it('changes the due, keeping the previous one', () => {
      spec
        .given([made])
        .when(
          command('ChangeCommitmentDue', { commitmentId, due: { kind: 'meeting', meetingId: 'meeting-3' } }),
        )
        .then([
          {
            type: 'CommitmentDueChanged',
            data: {
              commitmentId,
              due: { kind: 'meeting', meetingId: 'meeting-3' },
              previousDue: { kind: 'next-meeting' },
            },
          },
        ]);
    });

    it('ignores a due change to the same due', () => {
      spec
        .given([made])
        .when(command('ChangeCommitmentDue', { commitmentId, due: { kind: 'next-meeting' } }))
        .then([]);
    });

    it('reports progress', () => {
      spec
        .given([made])
        .when(command('ReportCommitmentProgress', { commitmentId, text: 'Halvveis' }))
        .then([{ type: 'CommitmentProgressReported', data: { commitmentId, text: 'Halvveis' } }]);
    });

    it('completes it, with a blank note as null', () => {
      spec
        .given([made])
        .when(command('CompleteCommitment', { commitmentId, note: '' }))
        .then([{ type: 'CommitmentCompleted', data: { commitmentId, note: null } }]);
    });

    it('carries it over for the first time', () => {
      spec
        .given([made])
        .when(command('CarryOverCommitment', { commitmentId, fromMeetingId: 'meeting-2' }))
        .then([carriedFrom('meeting-2', 1)]);
    });

    it('counts every carry-over', () => {
      spec
        .given([made, carriedFrom('meeting-2', 1)])
        .when(command('CarryOverCommitment', { commitmentId, fromMeetingId: 'meeting-3' }))
        .then([carriedFrom('meeting-3', 2)]);
    });

    it('ignores a second carry-over from the same meeting', () => {
      spec
        .given([
          made,
          carriedFrom('meeting-2', 1),
          {
            type: 'CommitmentDueChanged',
            data: {
              commitmentId,
              due: { kind: 'date', date: '2025-06-01' },
              previousDue: { kind: 'next-meeting' },
            },
          },
        ])
        .when(command('CarryOverCommitment', { commitmentId, fromMeetingId: 'meeting-2' }))
        .then([]);
    });

    it('withdraws it', () => {
      spec
        .given([made])
        .when(command('WithdrawCommitment', { commitmentId, reason: 'Ikke lenger aktuelt' }))
        .then([{ type: 'CommitmentWithdrawn', data: { commitmentId, reason: 'Ikke lenger aktuelt' } }]);
    });
  });

  describe('when carried over', () => {
    it('is due at the next meeting after the one it was carried over from', () => {
      const state = fold(commitmentDecider.evolve, commitmentDecider.initialState(), [
        made,
        {
          type: 'CommitmentDueChanged',
          data: {
            commitmentId,
            due: { kind: 'date', date: '2025-04-01' },
            previousDue: { kind: 'next-meeting' },
          },
        },
        carriedFrom('meeting-2', 1),
      ]);
      expect(state).toMatchObject({
        due: { kind: 'next-meeting' },
        anchorMeetingId: 'meeting-2',
        carriedOverTimes: 1,
        carriedOverFrom: ['meeting-2'],
      });
    });

    it('re-dates from next-meeting, not from its old due', () => {
      spec
        .given([
          made,
          {
            type: 'CommitmentDueChanged',
            data: {
              commitmentId,
              due: { kind: 'date', date: '2025-04-01' },
              previousDue: { kind: 'next-meeting' },
            },
          },
          carriedFrom('meeting-2', 1),
        ])
        .when(command('ChangeCommitmentDue', { commitmentId, due: { kind: 'date', date: '2025-04-01' } }))
        .then([
          {
            type: 'CommitmentDueChanged',
            data: {
              commitmentId,
              due: { kind: 'date', date: '2025-04-01' },
              previousDue: { kind: 'next-meeting' },
            },
          },
        ]);
    });
  });

  describe('when completed', () => {
    it.each(cases)('rejects %s', (_type, cmd) => {
      spec.given([made, completed]).when(cmd).thenThrows('COMMITMENT.ALREADY_COMPLETED');
    });

    it('rejects making it again', () => {
      spec
        .given([made, completed])
        .when(command('MakeCommitment', { ...(made.data as Of<'MakeCommitment'>['data']) }))
        .thenThrows('COMMITMENT.ALREADY_MADE');
    });
  });

  describe('when withdrawn', () => {
    it.each(cases)('rejects %s', (_type, cmd) => {
      spec.given([made, withdrawn]).when(cmd).thenThrows('COMMITMENT.WITHDRAWN');
    });
  });

  describe('its state', () => {
    it('keeps where it came from, owner, due, anchor, carry-overs and progress', () => {
      const state = fold(commitmentDecider.evolve, commitmentDecider.initialState(), [
        made,
        { type: 'CommitmentProgressReported', data: { commitmentId, text: 'Startet' } },
        carriedFrom('meeting-2', 1),
        { type: 'CommitmentCompleted', data: { commitmentId, note: 'Gjort' } },
      ]);
      expect(state).toEqual({
        status: 'completed',
        completionNote: 'Gjort',
        commitmentId,
        groupId: 'group-1',
        meetingId: 'meeting-1',
        agendaItemId: 'item-4',
        matterId: null,
        text: 'Fordele arbeidet mellom medlemmene',
        owner: lead,
        due: { kind: 'next-meeting' },
        anchorMeetingId: 'meeting-2',
        carriedOverTimes: 1,
        carriedOverFrom: ['meeting-2'],
        progress: ['Startet'],
      });
    });

    it('is anchored at the meeting where it was made', () => {
      const state = fold(commitmentDecider.evolve, commitmentDecider.initialState(), [made]);
      expect(state).toMatchObject({ status: 'open', anchorMeetingId: 'meeting-1', carriedOverTimes: 0 });
    });
  });
});

describe('Commitment events', () => {
  it('accepts a well-formed event', () => {
    expect(commitmentEventSchema.safeParse(made).success).toBe(true);
  });

  it.each([
    ['an unknown type', { type: 'CommitmentForgotten', data: { commitmentId } }],
    ['a missing field', { type: 'CommitmentMade', data: { ...made.data, owner: undefined } }],
    [
      'an unknown owner kind',
      { type: 'CommitmentReassigned', data: { commitmentId, owner: { kind: 'chair' }, previousOwner: lead } },
    ],
    [
      'a malformed date',
      {
        type: 'CommitmentDueChanged',
        data: {
          commitmentId,
          due: { kind: 'date', date: '2025-13-01' },
          previousDue: { kind: 'next-meeting' },
        },
      },
    ],
    ['a carry-over count of zero', carriedFrom('meeting-2', 0)],
    ['an absent nullable field', { type: 'CommitmentCompleted', data: { commitmentId } }],
  ])('rejects %s', (_what, event) => {
    expect(commitmentEventSchema.safeParse(event).success).toBe(false);
  });
});

describe('Commitment commands', () => {
  const valid = { ...(made.data as Of<'MakeCommitment'>['data']), agendaItemId: undefined, matterId: null };

  it('accepts optional fields as null or absent', () => {
    expect(makeCommitmentData.safeParse(valid).success).toBe(true);
  });

  it('rejects empty text with the COMMITMENT.EMPTY_TEXT code', () => {
    const result = reportCommitmentProgressData.safeParse({ commitmentId, text: '   ' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['text'], params: { code: EMPTY_TEXT_CODE } });
    expect(makeCommitmentData.safeParse({ ...valid, text: '' }).success).toBe(false);
  });

  it('rejects unknown fields, also inside owner and due', () => {
    expect(makeCommitmentData.safeParse({ ...valid, extra: 1 }).success).toBe(false);
    expect(ownerSchema.safeParse({ kind: 'secretariat', personId: 'p' }).success).toBe(false);
    expect(dueSchema.safeParse({ kind: 'meeting' }).success).toBe(false);
  });
});
