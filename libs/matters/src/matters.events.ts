import { z } from 'zod';

const id = z.string().min(1);

/** The three ways a group records a decision: "godkjent", "tas til etterretning", "vedtatt". */
export const decisionKindSchema = z.enum(['approved', 'noted', 'adopted']);
export type DecisionKind = z.infer<typeof decisionKindSchema>;

export const matterOpenedSchema = z.object({
  type: z.literal('MatterOpened'),
  data: z.object({ matterId: id, groupId: id, title: z.string().min(1) }),
});

export const matterDiscussedSchema = z.object({
  type: z.literal('MatterDiscussed'),
  data: z.object({ matterId: id, meetingId: id, agendaItemId: id.nullable(), summary: z.string().min(1) }),
});

export const proposalRevisedSchema = z.object({
  type: z.literal('ProposalRevised'),
  data: z.object({
    matterId: id,
    meetingId: id.nullable(),
    previousText: z.string().nullable(),
    text: z.string().min(1),
    reason: z.string().min(1),
  }),
});

export const decisionRecordedSchema = z.object({
  type: z.literal('DecisionRecorded'),
  data: z.object({
    matterId: id,
    decisionId: id,
    meetingId: id,
    agendaItemId: id.nullable(),
    text: z.string().min(1),
    kind: decisionKindSchema,
  }),
});

export const decisionAmendedSchema = z.object({
  type: z.literal('DecisionAmended'),
  data: z.object({
    matterId: id,
    decisionId: id,
    meetingId: id.nullable(),
    previousText: z.string(),
    text: z.string().min(1),
    reason: z.string().min(1),
  }),
});

export const matterReferredSchema = z.object({
  type: z.literal('MatterReferred'),
  data: z.object({
    matterId: id,
    to: z.string().min(1),
    meetingId: id.nullable(),
    note: z.string().nullable(),
  }),
});

export const matterClosedSchema = z.object({
  type: z.literal('MatterClosed'),
  data: z.object({ matterId: id, reason: z.string().nullable() }),
});

/** Every event of a `matter-<id>` stream; parse with it when reading back. */
export const mattersEventSchema = z.discriminatedUnion('type', [
  matterOpenedSchema,
  matterDiscussedSchema,
  proposalRevisedSchema,
  decisionRecordedSchema,
  decisionAmendedSchema,
  matterReferredSchema,
  matterClosedSchema,
]);

export type MatterOpened = z.infer<typeof matterOpenedSchema>;
export type MatterDiscussed = z.infer<typeof matterDiscussedSchema>;
export type ProposalRevised = z.infer<typeof proposalRevisedSchema>;
export type DecisionRecorded = z.infer<typeof decisionRecordedSchema>;
export type DecisionAmended = z.infer<typeof decisionAmendedSchema>;
export type MatterReferred = z.infer<typeof matterReferredSchema>;
export type MatterClosed = z.infer<typeof matterClosedSchema>;
export type MattersEvent = z.infer<typeof mattersEventSchema>;

/** Singular aliases, read better in handlers. */
export const matterEventSchema = mattersEventSchema;
export type MatterEvent = MattersEvent;
