import { z } from 'zod';
import type { Due, Owner } from '@tilneste/commitments';

const id = z.string().trim().min(1).max(100);

/** `owner` as the HTTP API spells it; null means nobody yet. */
export const apiOwner = z
  .union([
    z.strictObject({ personId: id }),
    z.strictObject({ workingGroupId: id }),
    z.strictObject({ secretariat: z.literal(true) }),
  ])
  .nullable()
  .transform((owner): Owner => {
    if (owner === null) return { kind: 'none' };
    if ('personId' in owner) return { kind: 'person', personId: owner.personId };
    if ('workingGroupId' in owner) return { kind: 'working-group', workingGroupId: owner.workingGroupId };
    return { kind: 'secretariat' };
  });

/** `due` as the HTTP API spells it. */
export const apiDue = z
  .union([
    z.strictObject({ nextMeeting: z.literal(true) }),
    z.strictObject({ meetingId: id }),
    z.strictObject({ date: z.iso.date() }),
  ])
  .transform((due): Due => {
    if ('nextMeeting' in due) return { kind: 'next-meeting' };
    if ('meetingId' in due) return { kind: 'meeting', meetingId: due.meetingId };
    return { kind: 'date', date: due.date };
  });

export const makeCommitmentBody = z.strictObject({
  meetingId: id,
  agendaItemId: id.nullish(),
  matterId: id.nullish(),
  text: z.string().trim().min(1).max(5000),
  owner: apiOwner,
  due: apiDue,
});
export const reassignBody = z.strictObject({ owner: apiOwner });
export const changeDueBody = z.strictObject({ due: apiDue });
