import { parseArgs } from 'node:util';
import type { z } from 'zod';

/**
 * A command's `--name value` options checked by a schema, or why they cannot be: `help` for `--help`, a message
 * for anything else it does not know (an unknown option, a missing value, a value the schema refuses), so a
 * mistyped command never does anything.
 */
export function parseOptions<S extends z.ZodType>(
  args: string[],
  names: readonly string[],
  schema: S,
): z.output<S> | 'help' | { error: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
      },
    }));
  } catch (error) {
    return { error: `Ugyldig valg (invalid option): ${(error as Error).message}` };
  }
  const { help, ...given } = values;
  if (help) return 'help';
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue.path[0]);
  return { error: `--${name} ${issue.message} (got "${String(given[name])}")` };
}
