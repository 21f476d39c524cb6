import { unreachable } from '@tilneste/domain-kit';
import type { ReminderEvent } from './reminders.events';

export type VersionState =
  | { status: 'claimed'; claimId: string; messageId: string; leaseUntil: string }
  | { status: 'retrying' }
  | { status: 'sent' | 'failed' | 'needs-attention' };

export interface ReminderStreamState {
  /** Revision of the stream's last event; undefined while there is no stream. */
  revision: bigint | undefined;
  versions: Map<number, VersionState>;
}

export const emptyReminderStream = (): ReminderStreamState => ({ revision: undefined, versions: new Map() });

export function evolveReminderStream(state: ReminderStreamState, event: ReminderEvent, revision: bigint): ReminderStreamState {
  const versions = new Map(state.versions);
  versions.set(event.data.version, versionAfter(event));
  return { revision, versions };
}

function versionAfter(event: ReminderEvent): VersionState {
  switch (event.type) {
    case 'ReminderClaimed':
      return { status: 'claimed', claimId: event.data.claimId, messageId: event.data.messageId, leaseUntil: event.data.leaseUntil };
    case 'ReminderAttemptFailed':
      return { status: 'retrying' };
    case 'ReminderSent':
      return { status: 'sent' };
    case 'ReminderFailed':
      return { status: 'failed' };
    case 'ReminderNeedsAttention':
      return { status: 'needs-attention' };
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
  if (!current || current.status === 'retrying') return { kind: 'claim' };
  if (current.status !== 'claimed') return { kind: 'settled', status: current.status };
  if (Date.parse(current.leaseUntil) > now.getTime()) return { kind: 'busy', until: current.leaseUntil };
  return { kind: 'orphaned', claimId: current.claimId, messageId: current.messageId };
}
