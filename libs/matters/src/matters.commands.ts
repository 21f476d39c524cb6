import { z } from 'zod';
import type { Command } from '@tilneste/domain-kit';
import { decisionKindSchema } from './matters.events';

const id = z.string().trim().min(1).max(128);
const title = z.string().trim().min(1).max(300);
const text = z.string().trim().min(1).max(5000);
const reason = z.string().trim().min(1).max(1000);
/** Optional fields accept null, absence or a blank string; the decider stores all three as null. */
const optionalId = z.string().trim().max(128).nullish();
const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const openMatterData = z.strictObject({ matterId: id, groupId: id, title });

export const recordDiscussionData = z.strictObject({
  matterId: id,
  meetingId: id,
  agendaItemId: optionalId,
  summary: text,
});

export const reviseProposalData = z.strictObject({ matterId: id, meetingId: optionalId, text, reason });

export const recordDecisionData = z.strictObject({
  matterId: id,
  decisionId: id,
  meetingId: id,
  agendaItemId: optionalId,
  text,
  kind: decisionKindSchema,
});

export const amendDecisionData = z.strictObject({
  matterId: id,
  decisionId: id,
  meetingId: optionalId,
  text,
  reason,
});

export const referMatterData = z.strictObject({
  matterId: id,
  /** The body it goes to, e.g. 'KG', 'styret', 'representantskapet'. */
  to: z.string().trim().min(1).max(200),
  meetingId: optionalId,
  note: optionalText(2000),
});

export const closeMatterData = z.strictObject({ matterId: id, reason: optionalText(1000) });

export type OpenMatter = Command<'OpenMatter', z.infer<typeof openMatterData>>;
export type RecordDiscussion = Command<'RecordDiscussion', z.infer<typeof recordDiscussionData>>;
export type ReviseProposal = Command<'ReviseProposal', z.infer<typeof reviseProposalData>>;
export type RecordDecision = Command<'RecordDecision', z.infer<typeof recordDecisionData>>;
export type AmendDecision = Command<'AmendDecision', z.infer<typeof amendDecisionData>>;
export type ReferMatter = Command<'ReferMatter', z.infer<typeof referMatterData>>;
export type CloseMatter = Command<'CloseMatter', z.infer<typeof closeMatterData>>;

export type MattersCommand =
  OpenMatter | RecordDiscussion | ReviseProposal | RecordDecision | AmendDecision | ReferMatter | CloseMatter;

export type MatterCommand = MattersCommand;
