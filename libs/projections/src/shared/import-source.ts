import { z } from 'zod';

/**
 * Where an imported commitment, decision or agenda item came from, as the minutes import writes it into the
 * events' metadata next to the actor: the import (the document's content hash), the document's file name
 * (null for pasted text) and the first line of the passage it was read from.
 */
export const importSourceSchema = z.object({
  importId: z.string().min(1),
  document: z.string().nullable(),
  line: z.number().int().min(1).nullable(),
});

export type ImportSource = z.infer<typeof importSourceSchema>;

/** The metadata's import source when it has the shape one is written with, else null (older or foreign events). */
export function importSourceOf(metadata: unknown): ImportSource | null {
  const source = (metadata as { source?: unknown } | null | undefined)?.source;
  if (source === undefined) return null;
  const result = importSourceSchema.safeParse(source);
  return result.success ? result.data : null;
}
