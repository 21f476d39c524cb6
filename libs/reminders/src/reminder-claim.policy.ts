import { unreachable } from '@tilneste/domain-kit';
import type { ReminderEvent } from './reminders.events';

export type VersionState =
  | { status: 'claimed'; claimId: string; messageId: string; leaseUntil: string }
  | { status: 'retrying' }
  /** A person asked for it to be sent again: free to claim once more. */
  | { status: 'resend-requested'; resend: number }
  | { status: 'sent' | 'failed' | 'needs-attention' };

export interface ReminderStreamState {
  /** Revision of the stream's last event; undefined while there is no stream. */
  revision: bigint | undefined;
  versions: Map<number, VersionState>;
  /** How many resends each version has had asked for. */
  resends: Map<number, number>;
}

export const emptyReminderStream = (): ReminderStreamState => ({
  revision: undefined,
  versions: new Map(),
  resends: new Map(),
});

export function evolveReminderStream(
  state: ReminderStreamState,
  event: ReminderEvent,
  revision: bigint,
): ReminderStreamState {
  const versions = new Map(state.versions);
  versions.set(event.data.version, versionAfter(event));
  const resends = new Map(state.resends);
  if (event.type === 'ReminderResendRequested') resends.set(event.data.version, event.data.resend);
  return { revision, versions, resends };
}

function versionAfter(event: ReminderEvent): VersionState {
  switch (event.type) {
    case 'ReminderClaimed':
      return {
        status: 'claimed',
        claimId: event.data.claimId,
        messageId: event.data.messageId,
        leaseUntil: event.data.leaseUntil,
      };
    case 'ReminderAttemptFailed':
      return { status: 'retrying' };
    case 'ReminderSent':
      return { status: 'sent' };
    case 'ReminderFailed':
      return { status: 'failed' };
    case 'ReminderNeedsAttention':
      return { status: 'needs-attention' };
    case 'ReminderResendRequested':
      return { status: 'resend-requested', resend: event.data.resend };
    default:
      return unreachable(event);
  }
}

export type ClaimDecision =
  | { kind: 'claim' }
  | { kind: 'settled'; status: 'sent' | 'failed' | 'needs-attention' }
  /** Someone else holds a live claim and may be sending right now. */
  | { kind: 'busy'; until: string }
  /** A claim outlived its lease without an outcome: the claimer died somewhere around the send. */
  | { kind: 'orphaned'; claimId: string; messageId: string };

/**
 * May this version of the reminder be sent now? Only with no claim, or after a released one. A claim
 * without outcome is never resent: nobody can tell whether the SMTP server took the message.
 */
export function decideClaim(state: ReminderStreamState, version: number, now: Date): ClaimDecision {
  const current = state.versions.get(version);
  if (!current || current.status === 'retrying' || current.status === 'resend-requested')
    return { kind: 'claim' };
  if (current.status !== 'claimed') return { kind: 'settled', status: current.status };
  if (Date.parse(current.leaseUntil) > now.getTime()) return { kind: 'busy', until: current.leaseUntil };
  return { kind: 'orphaned', claimId: current.claimId, messageId: current.messageId };
}

/** How many resends this version has had asked for so far (each needs its own request). */
export function resendsOf(state: ReminderStreamState, version: number): number {
  return state.resends.get(version) ?? 0;
}

export type ResendDecision =
  | { kind: 'resend'; resend: number; expectedRevision: bigint }
  | { kind: 'refused'; status: VersionState['status'] | 'none' };

/**
 * May a person ask for this version to be sent again? Only when it needs attention: a sent, failed,
 * claimed or already re-requested one is refused, so two clicks cannot make two sends.
 */
export function decideResend(state: ReminderStreamState, version: number): ResendDecision {
  const current = state.versions.get(version);
  if (current?.status !== 'needs-attention' || state.revision === undefined)
    return { kind: 'refused', status: current?.status ?? 'none' };
  return { kind: 'resend', resend: resendsOf(state, version) + 1, expectedRevision: state.revision };
}
