import { z } from 'zod';

export const personRegistered = z.object({
  type: z.literal('PersonRegistered'),
  data: z.object({
    personId: z.string().min(1),
    name: z.string().min(1),
    email: z.string().nullable(),
    organisation: z.string().nullable(),
  }),
});

export const personDetailsChanged = z.object({
  type: z.literal('PersonDetailsChanged'),
  data: z.object({
    personId: z.string().min(1),
    /** Only the fields that changed; `email` or `organisation` null means cleared. */
    changes: z.object({
      name: z.string().min(1).optional(),
      email: z.string().nullable().optional(),
      organisation: z.string().nullable().optional(),
    }),
  }),
});

export const personAliasAdded = z.object({
  type: z.literal('PersonAliasAdded'),
  data: z.object({
    personId: z.string().min(1),
    alias: z.string().min(1),
  }),
});

/** Every event of a `person-<id>` stream; parse recorded events with it. */
export const peopleEventSchema = z.discriminatedUnion('type', [
  personRegistered,
  personDetailsChanged,
  personAliasAdded,
]);

export type PeopleEvent = z.infer<typeof peopleEventSchema>;
export type PersonRegistered = z.infer<typeof personRegistered>;
export type PersonDetailsChanged = z.infer<typeof personDetailsChanged>;
export type PersonAliasAdded = z.infer<typeof personAliasAdded>;

/** Singular aliases, so `person*` and `people*` both name this context. */
export const personEventSchema = peopleEventSchema;
export type PersonEvent = PeopleEvent;
