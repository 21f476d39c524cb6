import { z } from 'zod';
import type { Command } from '@tilneste/domain-kit';
import { workingGroupReportStatusSchema } from './working-groups.events';

const id = z.string().trim().min(1).max(128);
/** Optional fields accept null, absence or a blank string; the decider stores all three as null. */
const optionalId = z.string().trim().max(128).nullish();
const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const formWorkingGroupData = z.strictObject({
  workingGroupId: id,
  groupId: id,
  name: z.string().trim().min(1).max(200),
  leadPersonId: optionalId,
  /** Duplicates are dropped and the lead is added, by the decider. */
  memberIds: z.array(id).max(200).nullish(),
  mandate: optionalText(5000),
  meetingId: optionalId,
});

export const changeWorkingGroupLeadData = z.strictObject({
  workingGroupId: id,
  /** null leaves the group without a lead. */
  leadPersonId: id.nullable(),
});

export const addWorkingGroupMemberData = z.strictObject({ workingGroupId: id, personId: id });

export const removeWorkingGroupMemberData = z.strictObject({ workingGroupId: id, personId: id });

export const reportWorkingGroupStatusData = z.strictObject({
  workingGroupId: id,
  meetingId: optionalId,
  status: workingGroupReportStatusSchema,
  text: optionalText(5000),
});

export const dissolveWorkingGroupData = z.strictObject({ workingGroupId: id, reason: optionalText(2000) });

export type FormWorkingGroup = Command<'FormWorkingGroup', z.infer<typeof formWorkingGroupData>>;
export type ChangeWorkingGroupLead = Command<
  'ChangeWorkingGroupLead',
  z.infer<typeof changeWorkingGroupLeadData>
>;
export type AddWorkingGroupMember = Command<
  'AddWorkingGroupMember',
  z.infer<typeof addWorkingGroupMemberData>
>;
export type RemoveWorkingGroupMember = Command<
  'RemoveWorkingGroupMember',
  z.infer<typeof removeWorkingGroupMemberData>
>;
export type ReportWorkingGroupStatus = Command<
  'ReportWorkingGroupStatus',
  z.infer<typeof reportWorkingGroupStatusData>
>;
export type DissolveWorkingGroup = Command<'DissolveWorkingGroup', z.infer<typeof dissolveWorkingGroupData>>;

export type WorkingGroupsCommand =
  | FormWorkingGroup
  | ChangeWorkingGroupLead
  | AddWorkingGroupMember
  | RemoveWorkingGroupMember
  | ReportWorkingGroupStatus
  | DissolveWorkingGroup;

export type WorkingGroupCommand = WorkingGroupsCommand;
