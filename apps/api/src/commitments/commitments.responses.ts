import { z } from 'zod';
import { dueSchema, ownerSchema } from '@tilneste/commitments';
import { actorResponse, importSourceResponse } from '../http/responses';

/** `GET /commitments/:id`: the commitment as the read model holds it (owner and due in the domain's shape). */
export const commitmentResponse = z.object({
  id: z.string(),
  groupId: z.string(),
  meetingId: z.string(),
  agendaItemId: z.string().nullable(),
  matterId: z.string().nullable(),
  text: z.string(),
  owner: ownerSchema,
  due: dueSchema,
  anchorMeetingId: z.string(),
  status: z.enum(['open', 'completed', 'withdrawn']),
  carriedOver: z.number().int(),
  progress: z.array(z.object({ at: z.string(), text: z.string() })),
  madeAt: z.string(),
  madeBy: actorResponse.nullable(),
  /** The imported document and line it was read from; null when it was recorded otherwise. */
  source: importSourceResponse.nullable().optional(),
  closedAt: z.string().nullable(),
});
export type CommitmentResponse = z.infer<typeof commitmentResponse>;
