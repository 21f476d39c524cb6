import { z } from 'zod';

/**
 * Answer shapes shared by every context. The OpenAPI document is generated from these and the
 * `<context>.responses.ts` schemas, and controllers are typed by them, so the document cannot drift
 * from what the code sends.
 */

/** A zod issue as the API sends it: the field path, a message and zod's code. */
export const issueResponse = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.string(),
});

/** Every error: a stable code, a message (bokmål, English in brackets), and where it applies the field issues or details. */
export const errorResponse = z.object({
  error: z.object({
    code: z.string().meta({ examples: ['COMMITMENT.ALREADY_COMPLETED'] }),
    message: z.string(),
    issues: z.array(issueResponse).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

/** A write's answer: the id it created or changed (the stream's revision is in the ETag header). */
export const idResponse = z.object({ id: z.string() });
export type IdResponse = z.infer<typeof idResponse>;

export const healthResponse = z.object({
  status: z.literal('ok'),
  eventStore: z.string(),
  redis: z.enum(['up', 'down']),
});
export type HealthResponse = z.infer<typeof healthResponse>;

/** Who did something, as recorded in an event's metadata. */
export const actorResponse = z.object({ kind: z.string(), id: z.string() });

/** Where an imported commitment or decision was read from: the import's id, the document's file name, its first line. */
export const importSourceResponse = z.object({
  importId: z.string(),
  document: z.string().nullable(),
  line: z.number().int().nullable(),
});

/** `owner` as the API spells it; null is nobody yet. */
export const apiOwnerResponse = z
  .union([
    z.object({ personId: z.string() }),
    z.object({ workingGroupId: z.string() }),
    z.object({ secretariat: z.literal(true) }),
  ])
  .nullable();

/** `due` as the API spells it. */
export const apiDueResponse = z.union([
  z.object({ nextMeeting: z.boolean() }),
  z.object({ meetingId: z.string() }),
  z.object({ date: z.string() }),
]);

export const personRefResponse = z.object({ id: z.string(), name: z.string().nullable() });

export const meetingSummaryResponse = z.object({
  id: z.string(),
  title: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  location: z.string().nullable(),
  online: z.boolean().nullable(),
});

/** A commitment as a task list, a dashboard or a working group shows it. */
export const taskResponse = z.object({
  id: z.string(),
  text: z.string(),
  owner: apiOwnerResponse,
  ownerName: z.string().nullable(),
  due: apiDueResponse,
  dueAt: z.string().nullable(),
  dueMeetingId: z.string().nullable(),
  meetingId: z.string(),
  groupId: z.string(),
  source: z.object({
    meetingId: z.string(),
    meetingStartsAt: z.string().nullable(),
    agendaItemId: z.string().nullable(),
    agendaItemTitle: z.string().nullable(),
    agendaItemNumber: z.number().nullable(),
    /** The imported document and line, when the commitment came in through a minutes import. */
    imported: importSourceResponse.nullable(),
  }),
  workingGroup: z.object({ id: z.string(), name: z.string() }).nullable(),
  carriedOver: z.number().int(),
  overdue: z.boolean(),
  status: z.enum(['open', 'completed', 'withdrawn']),
  progress: z.array(z.object({ at: z.string(), text: z.string() })),
});
