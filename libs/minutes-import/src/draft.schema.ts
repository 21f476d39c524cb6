import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const clock = z.string().regex(/^\d{2}:\d{2}$/, 'HH:MM');

/** A 1-based, inclusive line range in the imported text. */
export const sourceRangeSchema = z.object({
  fromLine: z.number().int().min(1),
  toLine: z.number().int().min(1),
});

export const dueSchema = z.union([z.literal('next-meeting'), isoDate, z.null()]);

export const attendeeSchema = z.object({
  name: z.string().min(1),
  organisation: z.string().nullable(),
  remote: z.boolean(),
  substituteFor: z.string().nullable().optional(),
  source: sourceRangeSchema.optional(),
});

export const inviteeSchema = z.object({
  name: z.string().min(1),
  organisation: z.string().nullable(),
  source: sourceRangeSchema.optional(),
});

export const commitmentSchema = z.object({
  /** A person's name, "Sekretariatet", a committee, or null when nobody was named. */
  owner: z.string().nullable(),
  ownerKind: z.enum(['person', 'secretariat', 'body', 'unassigned']).optional(),
  text: z.string().min(1),
  due: dueSchema,
  workingGroup: z.string().nullable().optional(),
  source: sourceRangeSchema.optional(),
  /** The sentence or line the commitment was read from, as written. */
  sourceText: z.string().optional(),
});

export const decisionDetailSchema = z.object({
  text: z.string().min(1),
  kind: z.enum(['approved', 'noted', 'adopted']),
  source: sourceRangeSchema.optional(),
});

export const agendaItemSchema = z.object({
  number: z.number().int().min(0),
  title: z.string().min(1),
  category: z
    .enum(['approve-notice', 'approve-minutes', 'round', 'information', 'aob', 'working-groups', 'matter'])
    .optional(),
  decisions: z.array(z.string().min(1)),
  decisionDetails: z.array(decisionDetailSchema).optional(),
  commitments: z.array(commitmentSchema),
  deferred: z.boolean(),
  source: sourceRangeSchema.optional(),
});

export const workingGroupSchema = z.object({
  name: z.string().min(1),
  lead: z.string().nullable(),
  members: z.array(z.string().min(1)),
  agendaItem: z.number().int().nullable(),
  leadNote: z.string().nullable().optional(),
  source: sourceRangeSchema.optional(),
});

/**
 * The draft a minutes import produces and a person reviews before it is committed (format of
 * ../shared/minutes/README.md). `meeting.date` is null when the parser found none; committing needs one.
 */
export const minutesDraftSchema = z.object({
  kind: z.enum(['minutes', 'notice']),
  meeting: z.object({
    date: isoDate.nullable(),
    startTime: clock.nullable(),
    endTime: clock.nullable(),
    location: z.string().nullable(),
    online: z.boolean().nullable(),
    source: sourceRangeSchema.nullable().optional(),
  }),
  chair: z.string().nullable(),
  secretariat: z.array(z.string().min(1)),
  previousMeetingDate: isoDate.nullable(),
  writtenDate: isoDate.nullable().optional(),
  attendees: z.array(attendeeSchema),
  invited: z.array(inviteeSchema),
  absent: z.array(inviteeSchema).optional(),
  agendaItems: z.array(agendaItemSchema),
  workingGroups: z.array(workingGroupSchema),
  /** Commitments from an action table that named no agenda item. */
  unassignedCommitments: z.array(commitmentSchema).optional(),
  /** What the parser could not find or was unsure of, for the reviewer (Norwegian, English in parentheses). */
  warnings: z.array(z.string()).optional(),
  fileName: z.string().nullable().optional(),
});

export type MinutesDraft = z.infer<typeof minutesDraftSchema>;
export type DraftAgendaItem = z.infer<typeof agendaItemSchema>;
export type DraftCommitment = z.infer<typeof commitmentSchema>;
export type DraftAttendee = z.infer<typeof attendeeSchema>;
export type DraftWorkingGroup = z.infer<typeof workingGroupSchema>;
export type DraftDecisionDetail = z.infer<typeof decisionDetailSchema>;
