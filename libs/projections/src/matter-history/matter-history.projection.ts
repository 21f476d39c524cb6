import { unreachable } from '@tilneste/domain-kit';
import { matterEventSchema, type MatterEvent } from '@tilneste/matters';
import type { Catalog } from '../catalog';
import type { ContextEvent, RecordedActor } from '../entities/entities.projection';
import type { ImportSource } from '../shared/import-source';

export interface TimelineEntry {
  at: string;
  type: string;
  meetingId: string | null;
  text: string | null;
  previousText: string | null;
  actor: RecordedActor | null;
  /** The imported document and line this step was read from; absent when it was recorded otherwise. */
  source?: ImportSource | null;
  decisionId?: string;
  kind?: string;
  reason?: string | null;
}

const MATTER_EVENTS = new Set<string>(matterEventSchema.options.map((o) => o.shape.type.value));

/**
 * Each matter's timeline: how its proposal and decisions changed, meeting by meeting, and who recorded
 * each step; and the commitments made under each matter, in the order they were made.
 */
export function evolveMatterHistory(
  catalog: Catalog,
  event: ContextEvent,
  at: string,
  actor: RecordedActor | null,
  source: ImportSource | null = null,
): void {
  if (event.type === 'CommitmentMade') {
    if (event.data.matterId) {
      const ids = catalog.commitmentsOfMatter.get(event.data.matterId);
      if (ids) ids.push(event.data.commitmentId);
      else catalog.commitmentsOfMatter.set(event.data.matterId, [event.data.commitmentId]);
    }
    return;
  }
  if (!MATTER_EVENTS.has(event.type)) return;
  applyMatter(catalog, event as MatterEvent, at, actor, source);
}

function applyMatter(
  catalog: Catalog,
  event: MatterEvent,
  at: string,
  actor: RecordedActor | null,
  source: ImportSource | null,
): void {
  const timeline = catalog.timelines.get(event.data.matterId);
  const entry = (fields: Partial<TimelineEntry>): void =>
    void timeline?.push({
      at,
      type: event.type,
      meetingId: null,
      text: null,
      previousText: null,
      actor,
      ...(source ? { source } : {}),
      ...fields,
    });
  switch (event.type) {
    case 'MatterOpened':
      catalog.timelines.set(event.data.matterId, [
        {
          at,
          type: event.type,
          meetingId: null,
          text: event.data.title,
          previousText: null,
          actor,
          ...(source ? { source } : {}),
        },
      ]);
      return;
    case 'MatterDiscussed':
      entry({ meetingId: event.data.meetingId, text: event.data.summary });
      return;
    case 'ProposalRevised':
      entry({
        meetingId: event.data.meetingId,
        text: event.data.text,
        previousText: event.data.previousText,
        reason: event.data.reason,
      });
      return;
    case 'DecisionRecorded':
      entry({
        meetingId: event.data.meetingId,
        text: event.data.text,
        decisionId: event.data.decisionId,
        kind: event.data.kind,
      });
      return;
    case 'DecisionAmended':
      entry({
        meetingId: event.data.meetingId,
        text: event.data.text,
        previousText: event.data.previousText,
        decisionId: event.data.decisionId,
        reason: event.data.reason,
      });
      return;
    case 'MatterReferred':
      entry({
        meetingId: event.data.meetingId,
        text: `${event.data.to}${event.data.note ? `: ${event.data.note}` : ''}`,
      });
      return;
    case 'MatterClosed':
      entry({ text: event.data.reason });
      return;
    default:
      unreachable(event);
  }
}
