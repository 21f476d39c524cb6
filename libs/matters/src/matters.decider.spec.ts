import { fold } from '@tilneste/domain-kit';
import { deciderSpec, testMetadata } from '@tilneste/domain-kit/testing';
import { matterDecider } from './matters.decider';
import { matterEventSchema, type MatterEvent } from './matters.events';
import {
  amendDecisionData,
  openMatterData,
  recordDecisionData,
  referMatterData,
  type MatterCommand,
} from './matters.commands';

const spec = deciderSpec(matterDecider);

type Of<T extends MatterCommand['type']> = Extract<MatterCommand, { type: T }>;
const command = <T extends MatterCommand['type']>(type: T, data: Of<T>['data']) =>
  ({ type, data, metadata: testMetadata() }) as Of<T>;

const matterId = 'matter-1';
const opened: MatterEvent = {
  type: 'MatterOpened',
  data: { matterId, groupId: 'group-1', title: 'Handlingsprogram 2025' },
};
const decided: MatterEvent = {
  type: 'DecisionRecorded',
  data: {
    matterId,
    decisionId: 'decision-1',
    meetingId: 'meeting-1',
    agendaItemId: 'item-3',
    text: 'Handlingsprogrammet godkjennes.',
    kind: 'approved',
  },
};
const closed: MatterEvent = { type: 'MatterClosed', data: { matterId, reason: null } };

/** One of each command but the creating one, all valid against an open matter with `decided`. */
const laterCommands: MatterCommand[] = [
  command('RecordDiscussion', { matterId, meetingId: 'meeting-2', summary: 'Drøftet.' }),
  command('ReviseProposal', { matterId, text: 'Nytt forslag', reason: 'Innspill fra KG' }),
  command('RecordDecision', {
    matterId,
    decisionId: 'decision-2',
    meetingId: 'meeting-2',
    text: 'Tas til etterretning.',
    kind: 'noted',
  }),
  command('AmendDecision', {
    matterId,
    decisionId: 'decision-1',
    text: 'Endret vedtak.',
    reason: 'Feil i referatet',
  }),
  command('ReferMatter', { matterId, to: 'KG' }),
  command('CloseMatter', { matterId }),
];

describe('Matter', () => {
  describe('when not opened', () => {
    it('opens it', () => {
      spec
        .given([])
        .when(command('OpenMatter', { matterId, groupId: 'group-1', title: 'Handlingsprogram 2025' }))
        .then([opened]);
    });

    it.each(laterCommands.map((c) => [c.type, c] as const))('rejects %s as not found', (_type, cmd) => {
      spec.given([]).when(cmd).thenThrows('MATTER.NOT_FOUND');
    });

    it('reports not found as kind not_found', () => {
      expect(() => matterDecider.decide(laterCommands[0], matterDecider.initialState())).toThrow(
        expect.objectContaining({ kind: 'not_found' }),
      );
    });
  });

  describe('when open', () => {
    it('rejects opening it again', () => {
      spec
        .given([opened])
        .when(command('OpenMatter', { matterId, groupId: 'group-2', title: 'Annet' }))
        .thenThrows('MATTER.ALREADY_OPENED');
    });

    it('records a discussion, without an agenda item as null', () => {
      spec
        .given([opened])
        .when(
          command('RecordDiscussion', {
            matterId,
            meetingId: 'meeting-1',
            agendaItemId: '',
            summary: 'Drøftet.',
          }),
        )
        .then([
          {
            type: 'MatterDiscussed',
            data: { matterId, meetingId: 'meeting-1', agendaItemId: null, summary: 'Drøftet.' },
          },
        ]);
    });

    it('revises the first proposal with no previous text', () => {
      spec
        .given([opened])
        .when(
          command('ReviseProposal', {
            matterId,
            meetingId: 'meeting-1',
            text: 'Utkast',
            reason: 'Første utkast',
          }),
        )
        .then([
          {
            type: 'ProposalRevised',
            data: {
              matterId,
              meetingId: 'meeting-1',
              previousText: null,
              text: 'Utkast',
              reason: 'Første utkast',
            },
          },
        ]);
    });

    it('keeps the current proposal as the previous text of the next revision', () => {
      spec
        .given([
          opened,
          {
            type: 'ProposalRevised',
            data: { matterId, meetingId: null, previousText: null, text: 'Utkast', reason: 'Første' },
          },
        ])
        .when(command('ReviseProposal', { matterId, text: 'Utkast 2', reason: 'Innspill' }))
        .then([
          {
            type: 'ProposalRevised',
            data: { matterId, meetingId: null, previousText: 'Utkast', text: 'Utkast 2', reason: 'Innspill' },
          },
        ]);
    });

    it('rejects a revision that leaves the proposal as it is', () => {
      spec
        .given([
          opened,
          {
            type: 'ProposalRevised',
            data: { matterId, meetingId: null, previousText: null, text: 'Utkast', reason: 'Første' },
          },
        ])
        .when(command('ReviseProposal', { matterId, text: 'Utkast', reason: 'Igjen' }))
        .thenThrows('MATTER.PROPOSAL_UNCHANGED');
    });

    it('records a decision', () => {
      spec
        .given([opened])
        .when(
          command('RecordDecision', {
            matterId,
            decisionId: 'decision-1',
            meetingId: 'meeting-1',
            agendaItemId: 'item-3',
            text: 'Handlingsprogrammet godkjennes.',
            kind: 'approved',
          }),
        )
        .then([decided]);
    });

    it('rejects recording the same decision twice', () => {
      spec
        .given([opened, decided])
        .when(
          command('RecordDecision', {
            matterId,
            decisionId: 'decision-1',
            meetingId: 'meeting-2',
            text: 'Annet',
            kind: 'noted',
          }),
        )
        .thenThrows('MATTER.DECISION_ALREADY_RECORDED');
    });

    it('amends a decision, keeping its old text', () => {
      spec
        .given([opened, decided])
        .when(
          command('AmendDecision', {
            matterId,
            decisionId: 'decision-1',
            meetingId: 'meeting-2',
            text: 'Handlingsprogrammet godkjennes med endringer.',
            reason: 'Rettet i møtet',
          }),
        )
        .then([
          {
            type: 'DecisionAmended',
            data: {
              matterId,
              decisionId: 'decision-1',
              meetingId: 'meeting-2',
              previousText: 'Handlingsprogrammet godkjennes.',
              text: 'Handlingsprogrammet godkjennes med endringer.',
              reason: 'Rettet i møtet',
            },
          },
        ]);
    });

    it('amends from the amended text, not the original', () => {
      const amended: MatterEvent = {
        type: 'DecisionAmended',
        data: {
          matterId,
          decisionId: 'decision-1',
          meetingId: null,
          previousText: decided.data.text as string,
          text: 'V2',
          reason: 'r',
        },
      };
      spec
        .given([opened, decided, amended])
        .when(command('AmendDecision', { matterId, decisionId: 'decision-1', text: 'V3', reason: 'r2' }))
        .then([
          {
            type: 'DecisionAmended',
            data: {
              matterId,
              decisionId: 'decision-1',
              meetingId: null,
              previousText: 'V2',
              text: 'V3',
              reason: 'r2',
            },
          },
        ]);
    });

    it('rejects amending a decision it does not have', () => {
      spec
        .given([opened, decided])
        .when(command('AmendDecision', { matterId, decisionId: 'decision-9', text: 'Endret', reason: 'r' }))
        .thenThrows('MATTER.DECISION_NOT_FOUND');
    });

    it('reports a missing decision as kind not_found', () => {
      const state = fold(matterDecider.evolve, matterDecider.initialState(), [opened]);
      expect(() =>
        matterDecider.decide(
          command('AmendDecision', { matterId, decisionId: 'x', text: 'E', reason: 'r' }),
          state,
        ),
      ).toThrow(expect.objectContaining({ kind: 'not_found' }));
    });

    it('rejects an amendment to the identical text', () => {
      spec
        .given([opened, decided])
        .when(
          command('AmendDecision', {
            matterId,
            decisionId: 'decision-1',
            text: 'Handlingsprogrammet godkjennes.',
            reason: 'r',
          }),
        )
        .thenThrows('MATTER.AMENDMENT_UNCHANGED');
    });

    it('refers it to another body', () => {
      spec
        .given([opened])
        .when(
          command('ReferMatter', { matterId, to: 'styret', meetingId: 'meeting-1', note: 'Til orientering' }),
        )
        .then([
          {
            type: 'MatterReferred',
            data: { matterId, to: 'styret', meetingId: 'meeting-1', note: 'Til orientering' },
          },
        ]);
    });

    it('refers it without meeting or note as nulls', () => {
      spec
        .given([opened])
        .when(command('ReferMatter', { matterId, to: 'KG', note: '' }))
        .then([{ type: 'MatterReferred', data: { matterId, to: 'KG', meetingId: null, note: null } }]);
    });

    it('closes it', () => {
      spec
        .given([opened])
        .when(command('CloseMatter', { matterId, reason: 'Ferdig behandlet' }))
        .then([{ type: 'MatterClosed', data: { matterId, reason: 'Ferdig behandlet' } }]);
    });
  });

  describe('when closed', () => {
    it.each(laterCommands.map((c) => [c.type, c] as const))('rejects %s', (_type, cmd) => {
      spec.given([opened, decided, closed]).when(cmd).thenThrows('MATTER.CLOSED');
    });

    it('rejects opening it again', () => {
      spec
        .given([opened, closed])
        .when(command('OpenMatter', { matterId, groupId: 'group-1', title: 'På nytt' }))
        .thenThrows('MATTER.ALREADY_OPENED');
    });
  });

  describe('its state', () => {
    it('keeps title, group, proposal, current decisions, referrals and status', () => {
      const state = fold(matterDecider.evolve, matterDecider.initialState(), [
        opened,
        {
          type: 'ProposalRevised',
          data: { matterId, meetingId: null, previousText: null, text: 'Forslag', reason: 'r' },
        },
        decided,
        {
          type: 'DecisionAmended',
          data: {
            matterId,
            decisionId: 'decision-1',
            meetingId: null,
            previousText: 'x',
            text: 'V2',
            reason: 'r',
          },
        },
        { type: 'MatterReferred', data: { matterId, to: 'KG', meetingId: null, note: null } },
        { type: 'MatterClosed', data: { matterId, reason: 'Ferdig' } },
      ]);
      expect(state).toEqual({
        status: 'closed',
        closeReason: 'Ferdig',
        matterId,
        groupId: 'group-1',
        title: 'Handlingsprogram 2025',
        proposal: 'Forslag',
        decisions: {
          'decision-1': {
            decisionId: 'decision-1',
            meetingId: 'meeting-1',
            agendaItemId: 'item-3',
            text: 'V2',
            kind: 'approved',
          },
        },
        referrals: [{ to: 'KG', meetingId: null, note: null }],
      });
    });
  });
});

describe('Matter events', () => {
  it('accepts a well-formed event', () => {
    expect(matterEventSchema.safeParse(decided).success).toBe(true);
  });

  it.each([
    ['an unknown type', { type: 'MatterReopened', data: { matterId } }],
    ['a missing field', { type: 'MatterOpened', data: { matterId, title: 'T' } }],
    ['an unknown decision kind', { ...decided, data: { ...decided.data, kind: 'rejected' } }],
    ['an absent nullable field', { type: 'MatterClosed', data: { matterId } }],
  ])('rejects %s', (_what, event) => {
    expect(matterEventSchema.safeParse(event).success).toBe(false);
  });
});

describe('Matter commands', () => {
  it('trims text and rejects blank text', () => {
    expect(openMatterData.parse({ matterId, groupId: 'g', title: '  Tittel ' }).title).toBe('Tittel');
    expect(openMatterData.safeParse({ matterId, groupId: 'g', title: '   ' }).success).toBe(false);
  });

  it('rejects unknown fields', () => {
    expect(referMatterData.safeParse({ matterId, to: 'KG', extra: 1 }).success).toBe(false);
  });

  it('accepts optional fields as null or absent', () => {
    expect(recordDecisionData.safeParse({ ...decided.data, agendaItemId: null }).success).toBe(true);
    expect(amendDecisionData.safeParse({ matterId, decisionId: 'd', text: 'T', reason: 'r' }).success).toBe(
      true,
    );
  });

  it('rejects an unknown decision kind', () => {
    expect(recordDecisionData.safeParse({ ...decided.data, kind: 'rejected' }).success).toBe(false);
  });
});
