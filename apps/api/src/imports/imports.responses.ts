import { z } from 'zod';
import { minutesDraftSchema } from '@tilneste/minutes-import';

/** How a name in the document is matched to the people already known. */
export const resolutionResponse = z.union([
  z.object({
    name: z.string(),
    action: z.literal('existing'),
    personId: z.string(),
    matchedBy: z.enum(['name', 'alias']),
  }),
  z.object({
    name: z.string(),
    action: z.literal('same-as'),
    personId: z.string(),
    sameAs: z.string(),
    evidence: z.array(z.string()),
  }),
  z.object({
    name: z.string(),
    action: z.literal('new'),
    personId: z.string(),
    organisation: z.string().nullable(),
  }),
]);

/** `POST /imports/minutes`: the draft read from the document, and who its names would be. */
export const minutesParsedResponse = z.object({
  id: z.string(),
  draft: minutesDraftSchema,
  people: z.array(resolutionResponse),
});
export type MinutesParsedResponse = z.infer<typeof minutesParsedResponse>;

/** `POST /imports/:id/commit`: what was created (all zero when the document was imported before). */
export const minutesCommittedResponse = z.object({
  meetingId: z.string(),
  created: z.record(z.string(), z.number().int()),
  people: z.array(resolutionResponse).optional(),
  alreadyImported: z.boolean(),
});
export type MinutesCommittedResponse = z.infer<typeof minutesCommittedResponse>;
