import { z } from 'zod';
import type { Actor } from '@tilneste/domain-kit';
import type { CheckpointStore, EventStore, RecordedEvent } from '@tilneste/event-store';
import type { ReadModelBarrier } from '@tilneste/event-sourcing';
import type { Catalog } from '@tilneste/projections';
import type { Application } from './application';
import { CommandContext } from './command-context';

/** What a policy fed by a subscription needs: the application, the store with its checkpoints, the read models. */
export interface PolicyDeps {
  app: Application;
  store: EventStore;
  checkpoints: CheckpointStore;
  /** The read models the policy reads; it waits until they have applied the event it handles. */
  readModels: ReadModelBarrier;
  catalog: () => Catalog;
  log?: (message: string) => void;
  /** How long `settled` waits; `POLICY_SETTLE_TIMEOUT_MS` unless a test asks for less. */
  settleTimeoutMs?: number;
}

/** How long a write that waits for a policy (`settled`) waits before it answers anyway, with a log line. */
export const POLICY_SETTLE_TIMEOUT_MS = 10_000;

const causeMetadata = z.object({
  actor: z
    .object({ kind: z.enum(['person', 'client', 'system']), id: z.string().min(1).max(200) })
    .optional(),
  correlationId: z.string().min(1).max(200).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});

/**
 * The context a policy's commands run in: caused by `event`, in its correlation, by its actor (or the policy's
 * system actor when it names none), recorded as of the event's time whenever the policy gets to it (after a
 * crash, much later), and keyed by the event's id so that a repeat appends the same events.
 */
export function causedBy(app: Application, event: RecordedEvent, policyId: string): CommandContext {
  const parsed = causeMetadata.safeParse(event.metadata ?? {});
  const meta = parsed.success ? parsed.data : {};
  const system: Actor = { kind: 'system', id: policyId };
  return CommandContext.start(app, meta.actor ?? system, 'system', {
    now: meta.at,
    causationId: `${event.streamName}@${String(event.revision)}`,
    correlationId: meta.correlationId,
    key: `${policyId}/${event.id}`,
  });
}
