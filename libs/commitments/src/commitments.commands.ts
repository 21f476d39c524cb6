import { z } from 'zod';
import type { Command } from '@tilneste/domain-kit';
import { dueSchema, ownerSchema } from './commitments.events';

const id = z.string().trim().min(1).max(128);
/** Optional fields accept null, absence or a blank string; the decider stores all three as null. */
const optionalId = z.string().trim().max(128).nullish();
const optionalText = z.string().trim().max(2000).nullish();

/** Code carried in the zod issue's `params`, so the API can name the rule. */
export const EMPTY_TEXT_CODE = 'COMMITMENT.EMPTY_TEXT';

const text = z
  .string()
  .trim()
  .max(5000)
  .refine((s) => s.length > 0, { error: 'Teksten kan ikke være tom', params: { code: EMPTY_TEXT_CODE } });

export const makeCommitmentData = z.strictObject({
  commitmentId: id,
  groupId: id,
  meetingId: id,
  agendaItemId: optionalId,
  matterId: optionalId,
  text,
  owner: ownerSchema,
  due: dueSchema,
});

export const reassignCommitmentData = z.strictObject({ commitmentId: id, owner: ownerSchema });

export const changeCommitmentDueData = z.strictObject({ commitmentId: id, due: dueSchema });

export const reportCommitmentProgressData = z.strictObject({ commitmentId: id, text });

export const completeCommitmentData = z.strictObject({ commitmentId: id, note: optionalText });

export const carryOverCommitmentData = z.strictObject({ commitmentId: id, fromMeetingId: id });

export const withdrawCommitmentData = z.strictObject({ commitmentId: id, reason: optionalText });

export type MakeCommitment = Command<'MakeCommitment', z.infer<typeof makeCommitmentData>>;
export type ReassignCommitment = Command<'ReassignCommitment', z.infer<typeof reassignCommitmentData>>;
export type ChangeCommitmentDue = Command<'ChangeCommitmentDue', z.infer<typeof changeCommitmentDueData>>;
export type ReportCommitmentProgress = Command<
  'ReportCommitmentProgress',
  z.infer<typeof reportCommitmentProgressData>
>;
export type CompleteCommitment = Command<'CompleteCommitment', z.infer<typeof completeCommitmentData>>;
export type CarryOverCommitment = Command<'CarryOverCommitment', z.infer<typeof carryOverCommitmentData>>;
export type WithdrawCommitment = Command<'WithdrawCommitment', z.infer<typeof withdrawCommitmentData>>;

export type CommitmentsCommand =
  | MakeCommitment
  | ReassignCommitment
  | ChangeCommitmentDue
  | ReportCommitmentProgress
  | CompleteCommitment
  | CarryOverCommitment
  | WithdrawCommitment;

export type CommitmentCommand = CommitmentsCommand;
