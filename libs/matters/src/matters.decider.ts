import { type Decider, unreachable } from '@tilneste/domain-kit';
import type {
  AmendDecision,
  CloseMatter,
  MatterCommand,
  OpenMatter,
  RecordDecision,
  RecordDiscussion,
  ReferMatter,
  ReviseProposal,
} from './matters.commands';
import { matterErrors } from './matters.errors';
import type { DecisionKind, MatterEvent } from './matters.events';

/** A decision as it reads now, after any amendments. */
export type MatterDecision = {
  decisionId: string;
  meetingId: string;
  agendaItemId: string | null;
  text: string;
  kind: DecisionKind;
};

export type MatterReferral = { to: string; meetingId: string | null; note: string | null };

type MatterFacts = {
  matterId: string;
  groupId: string;
  title: string;
  /** The current proposal ("forslag til vedtak"), null until one is written. */
  proposal: string | null;
  decisions: Readonly<Record<string, MatterDecision>>;
  referrals: readonly MatterReferral[];
};

export type MatterState =
  | { status: 'none' }
  | ({ status: 'open' } & MatterFacts)
  | ({ status: 'closed'; closeReason: string | null } & MatterFacts);

type OpenMatterState = Extract<MatterState, { status: 'open' }>;

export const initialState = (): MatterState => ({ status: 'none' });

/** Blank optional input is stored as null. */
const orNull = (value: string | null | undefined): string | null => value || null;

const findDecision = (state: MatterFacts, decisionId: string): MatterDecision | undefined =>
  Object.hasOwn(state.decisions, decisionId) ? state.decisions[decisionId] : undefined;

const update = (state: MatterState, change: (facts: MatterFacts) => Partial<MatterFacts>): MatterState =>
  state.status === 'none' ? state : { ...state, ...change(state) };

export function evolve(state: MatterState, event: MatterEvent): MatterState {
  switch (event.type) {
    case 'MatterOpened':
      return { status: 'open', ...event.data, proposal: null, decisions: {}, referrals: [] };
    case 'MatterDiscussed':
      return state;
    case 'ProposalRevised':
      return update(state, () => ({ proposal: event.data.text }));
    case 'DecisionRecorded': {
      const { decisionId, meetingId, agendaItemId, text, kind } = event.data;
      return update(state, (s) => ({
        decisions: { ...s.decisions, [decisionId]: { decisionId, meetingId, agendaItemId, text, kind } },
      }));
    }
    case 'DecisionAmended': {
      const { decisionId, text } = event.data;
      return update(state, (s) => {
        const decision = findDecision(s, decisionId);
        return decision ? { decisions: { ...s.decisions, [decisionId]: { ...decision, text } } } : {};
      });
    }
    case 'MatterReferred': {
      const { to, meetingId, note } = event.data;
      return update(state, (s) => ({ referrals: [...s.referrals, { to, meetingId, note }] }));
    }
    case 'MatterClosed':
      return state.status === 'none' ? state : { ...state, status: 'closed', closeReason: event.data.reason };
    default:
      return unreachable(event);
  }
}

/** Every command but opening needs an open matter. */
function requireOpen(state: MatterState, matterId: string): OpenMatterState {
  switch (state.status) {
    case 'none':
      throw matterErrors.notFound(matterId);
    case 'closed':
      throw matterErrors.closed(matterId);
    case 'open':
      return state;
    default:
      return unreachable(state);
  }
}

function openMatter({ data }: OpenMatter, state: MatterState): MatterEvent[] {
  if (state.status !== 'none') throw matterErrors.alreadyOpened(data.matterId);
  return [
    { type: 'MatterOpened', data: { matterId: data.matterId, groupId: data.groupId, title: data.title } },
  ];
}

function recordDiscussion({ data }: RecordDiscussion, state: MatterState): MatterEvent[] {
  requireOpen(state, data.matterId);
  const { matterId, meetingId, summary } = data;
  return [
    {
      type: 'MatterDiscussed',
      data: { matterId, meetingId, agendaItemId: orNull(data.agendaItemId), summary },
    },
  ];
}

function reviseProposal({ data }: ReviseProposal, state: MatterState): MatterEvent[] {
  const matter = requireOpen(state, data.matterId);
  if (matter.proposal === data.text) throw matterErrors.proposalUnchanged(data.matterId);
  return [
    {
      type: 'ProposalRevised',
      data: {
        matterId: data.matterId,
        meetingId: orNull(data.meetingId),
        previousText: matter.proposal,
        text: data.text,
        reason: data.reason,
      },
    },
  ];
}

function recordDecision({ data }: RecordDecision, state: MatterState): MatterEvent[] {
  const matter = requireOpen(state, data.matterId);
  if (findDecision(matter, data.decisionId))
    throw matterErrors.decisionAlreadyRecorded(data.matterId, data.decisionId);
  const { matterId, decisionId, meetingId, text, kind } = data;
  return [
    {
      type: 'DecisionRecorded',
      data: { matterId, decisionId, meetingId, agendaItemId: orNull(data.agendaItemId), text, kind },
    },
  ];
}

function amendDecision({ data }: AmendDecision, state: MatterState): MatterEvent[] {
  const matter = requireOpen(state, data.matterId);
  const decision = findDecision(matter, data.decisionId);
  if (!decision) throw matterErrors.decisionNotFound(data.matterId, data.decisionId);
  if (decision.text === data.text) throw matterErrors.amendmentUnchanged(data.matterId, data.decisionId);
  return [
    {
      type: 'DecisionAmended',
      data: {
        matterId: data.matterId,
        decisionId: data.decisionId,
        meetingId: orNull(data.meetingId),
        previousText: decision.text,
        text: data.text,
        reason: data.reason,
      },
    },
  ];
}

function referMatter({ data }: ReferMatter, state: MatterState): MatterEvent[] {
  requireOpen(state, data.matterId);
  return [
    {
      type: 'MatterReferred',
      data: {
        matterId: data.matterId,
        to: data.to,
        meetingId: orNull(data.meetingId),
        note: orNull(data.note),
      },
    },
  ];
}

function closeMatter({ data }: CloseMatter, state: MatterState): MatterEvent[] {
  requireOpen(state, data.matterId);
  return [{ type: 'MatterClosed', data: { matterId: data.matterId, reason: orNull(data.reason) } }];
}

export function decide(command: MatterCommand, state: MatterState): MatterEvent[] {
  switch (command.type) {
    case 'OpenMatter':
      return openMatter(command, state);
    case 'RecordDiscussion':
      return recordDiscussion(command, state);
    case 'ReviseProposal':
      return reviseProposal(command, state);
    case 'RecordDecision':
      return recordDecision(command, state);
    case 'AmendDecision':
      return amendDecision(command, state);
    case 'ReferMatter':
      return referMatter(command, state);
    case 'CloseMatter':
      return closeMatter(command, state);
    default:
      return unreachable(command);
  }
}

/** The matter's decider: open, discuss, propose, decide, amend, refer and close. */
export const mattersDecider: Decider<MatterState, MatterCommand, MatterEvent> = {
  initialState,
  evolve,
  decide,
};

export const matterDecider = mattersDecider;
