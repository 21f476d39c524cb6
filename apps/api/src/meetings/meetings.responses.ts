import { z } from 'zod';

/** `GET /meetings/:id`. */
export const meetingResponse = z.object({
  id: z.string(),
  groupId: z.string(),
  title: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  location: z.string().nullable(),
  online: z.boolean().nullable(),
  status: z.enum(['scheduled', 'held', 'cancelled']),
  items: z.array(
    z.object({
      itemId: z.string(),
      number: z.number().nullable(),
      title: z.string(),
      kind: z.string(),
      deferred: z.boolean(),
      /** The commitment the item follows up, when it was added from the draft agenda's follow-ups. */
      commitmentId: z.string().optional(),
      /** The working group that reports under the item, when it was added from the draft agenda. */
      workingGroupId: z.string().optional(),
    }),
  ),
  attendance: z.array(
    z.object({ personId: z.string(), remote: z.boolean(), substituteFor: z.string().nullable() }),
  ),
  minutesApproved: z.boolean(),
  noticeIssued: z.boolean(),
});
export type MeetingResponse = z.infer<typeof meetingResponse>;

/** `POST /meetings/:id/held`: the commitments carried over to the next meeting. */
export const heldResponse = z.object({
  id: z.string(),
  carriedOver: z.array(z.string()),
  /** Commitments the carry-over policy had still to carry over when the answer's wait was up; usually none. */
  carryOversPending: z.array(z.string()),
});
export type HeldResponse = z.infer<typeof heldResponse>;
