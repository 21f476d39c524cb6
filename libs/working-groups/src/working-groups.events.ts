import { z } from 'zod';

const id = z.string().min(1);

/** What a lead reports at a meeting: e.g. "has not met yet" is 'not-started'. */
export const workingGroupReportStatusSchema = z.enum(['not-started', 'active', 'done']);
export type WorkingGroupReportStatus = z.infer<typeof workingGroupReportStatusSchema>;

export const workingGroupFormedSchema = z.object({
  type: z.literal('WorkingGroupFormed'),
  data: z.object({
    workingGroupId: id,
    groupId: id,
    name: z.string().min(1),
    leadPersonId: id.nullable(),
    /** Without duplicates; includes the lead. */
    memberIds: z.array(id),
    mandate: z.string().nullable(),
    meetingId: id.nullable(),
  }),
});

export const workingGroupLeadChangedSchema = z.object({
  type: z.literal('WorkingGroupLeadChanged'),
  data: z.object({ workingGroupId: id, leadPersonId: id.nullable(), previousLeadPersonId: id.nullable() }),
});

export const workingGroupMemberAddedSchema = z.object({
  type: z.literal('WorkingGroupMemberAdded'),
  data: z.object({ workingGroupId: id, personId: id }),
});

export const workingGroupMemberRemovedSchema = z.object({
  type: z.literal('WorkingGroupMemberRemoved'),
  data: z.object({ workingGroupId: id, personId: id }),
});

export const workingGroupStatusReportedSchema = z.object({
  type: z.literal('WorkingGroupStatusReported'),
  data: z.object({
    workingGroupId: id,
    meetingId: id.nullable(),
    status: workingGroupReportStatusSchema,
    text: z.string().nullable(),
  }),
});

export const workingGroupDissolvedSchema = z.object({
  type: z.literal('WorkingGroupDissolved'),
  data: z.object({ workingGroupId: id, reason: z.string().nullable() }),
});

/** Every event of a `workinggroup-<id>` stream; parse with it when reading back. */
export const workingGroupsEventSchema = z.discriminatedUnion('type', [
  workingGroupFormedSchema,
  workingGroupLeadChangedSchema,
  workingGroupMemberAddedSchema,
  workingGroupMemberRemovedSchema,
  workingGroupStatusReportedSchema,
  workingGroupDissolvedSchema,
]);

export type WorkingGroupFormed = z.infer<typeof workingGroupFormedSchema>;
export type WorkingGroupLeadChanged = z.infer<typeof workingGroupLeadChangedSchema>;
export type WorkingGroupMemberAdded = z.infer<typeof workingGroupMemberAddedSchema>;
export type WorkingGroupMemberRemoved = z.infer<typeof workingGroupMemberRemovedSchema>;
export type WorkingGroupStatusReported = z.infer<typeof workingGroupStatusReportedSchema>;
export type WorkingGroupDissolved = z.infer<typeof workingGroupDissolvedSchema>;
export type WorkingGroupsEvent = z.infer<typeof workingGroupsEventSchema>;

/** Singular aliases, read better in handlers. */
export const workingGroupEventSchema = workingGroupsEventSchema;
export type WorkingGroupEvent = WorkingGroupsEvent;
