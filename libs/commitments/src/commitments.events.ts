import { z } from 'zod';

const id = z.string().trim().min(1).max(128);

/** Who owes it: a person, a working group (its lead answers), the secretariat, or nobody yet. */
export const ownerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('person'), personId: id }),
  z.strictObject({ kind: z.literal('working-group'), workingGroupId: id }),
  z.strictObject({ kind: z.literal('secretariat') }),
  z.strictObject({ kind: z.literal('none') }),
]);
export type Owner = z.infer<typeof ownerSchema>;

/**
 * When it is due. 'next-meeting' is the group's first meeting after the anchor meeting (where it was
 * made, or last carried over from); projections resolve it to a date.
 */
export const dueSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('next-meeting') }),
  z.strictObject({ kind: z.literal('meeting'), meetingId: id }),
  z.strictObject({ kind: z.literal('date'), date: z.iso.date() }),
]);
export type Due = z.infer<typeof dueSchema>;

export const commitmentMadeSchema = z.object({
  type: z.literal('CommitmentMade'),
  data: z.object({
    commitmentId: id,
    groupId: id,
    meetingId: id,
    agendaItemId: id.nullable(),
    matterId: id.nullable(),
    text: z.string().min(1),
    owner: ownerSchema,
    due: dueSchema,
  }),
});

export const commitmentReassignedSchema = z.object({
  type: z.literal('CommitmentReassigned'),
  data: z.object({ commitmentId: id, owner: ownerSchema, previousOwner: ownerSchema }),
});

export const commitmentDueChangedSchema = z.object({
  type: z.literal('CommitmentDueChanged'),
  data: z.object({ commitmentId: id, due: dueSchema, previousDue: dueSchema }),
});

export const commitmentProgressReportedSchema = z.object({
  type: z.literal('CommitmentProgressReported'),
  data: z.object({ commitmentId: id, text: z.string().min(1) }),
});

export const commitmentCompletedSchema = z.object({
  type: z.literal('CommitmentCompleted'),
  data: z.object({ commitmentId: id, note: z.string().nullable() }),
});

export const commitmentCarriedOverSchema = z.object({
  type: z.literal('CommitmentCarriedOver'),
  data: z.object({
    commitmentId: id,
    fromMeetingId: id,
    /** How many times it has been carried over, this one included. */
    times: z.number().int().positive(),
  }),
});

export const commitmentWithdrawnSchema = z.object({
  type: z.literal('CommitmentWithdrawn'),
  data: z.object({ commitmentId: id, reason: z.string().nullable() }),
});

/** Every event of a `commitment-<id>` stream; parse with it when reading back. */
export const commitmentsEventSchema = z.discriminatedUnion('type', [
  commitmentMadeSchema,
  commitmentReassignedSchema,
  commitmentDueChangedSchema,
  commitmentProgressReportedSchema,
  commitmentCompletedSchema,
  commitmentCarriedOverSchema,
  commitmentWithdrawnSchema,
]);

export type CommitmentMade = z.infer<typeof commitmentMadeSchema>;
export type CommitmentReassigned = z.infer<typeof commitmentReassignedSchema>;
export type CommitmentDueChanged = z.infer<typeof commitmentDueChangedSchema>;
export type CommitmentProgressReported = z.infer<typeof commitmentProgressReportedSchema>;
export type CommitmentCompleted = z.infer<typeof commitmentCompletedSchema>;
export type CommitmentCarriedOver = z.infer<typeof commitmentCarriedOverSchema>;
export type CommitmentWithdrawn = z.infer<typeof commitmentWithdrawnSchema>;
export type CommitmentsEvent = z.infer<typeof commitmentsEventSchema>;

/** Singular aliases, read better in handlers. */
export const commitmentEventSchema = commitmentsEventSchema;
export type CommitmentEvent = CommitmentsEvent;
