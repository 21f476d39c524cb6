import { z } from 'zod';

/** `GET /people/:id`: the person as the read model holds them. */
export const personResponse = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  organisation: z.string().nullable(),
  aliases: z.array(z.string()),
});
export type PersonResponse = z.infer<typeof personResponse>;
