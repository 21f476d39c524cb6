import type { Command } from '@tilneste/domain-kit';
import { z } from 'zod';
import { mailLanguageSchema } from './people.events';

const id = z.string().trim().min(1).max(100);
const name = z.string().trim().min(1).max(200);
/** Trimmed, lower-cased, then checked as an e-mail address. */
const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
const organisation = z.string().trim().min(1).max(200);

export const registerPersonData = z.strictObject({
  personId: id,
  name,
  email: email.nullish(),
  organisation: organisation.nullish(),
});

/**
 * Absent fields are left as they are. `email` or `organisation` null clears it;
 * `name` cannot be cleared, so null there also means unchanged.
 */
export const changePersonDetailsData = z.strictObject({
  personId: id,
  name: name.nullish(),
  email: email.nullish(),
  organisation: organisation.nullish(),
});

export const addPersonAliasData = z.strictObject({
  personId: id,
  alias: name,
});

export const setReminderPreferencesData = z.strictObject({
  personId: id,
  reminders: z.enum(['all', 'last', 'none']),
  chairDigest: z.boolean(),
  calendarNotices: z.boolean(),
  /** Absent (as from clients older than the choice) keeps the language the person has. */
  language: mailLanguageSchema.optional(),
  source: z.enum(['page', 'one-click', 'api']).default('api'),
});

export const resetCalendarKeyData = z.strictObject({ personId: id });

/** `personId` is the duplicate that becomes an alias; `intoPersonId` the record that remains. */
export const mergePersonData = z
  .strictObject({ personId: id, intoPersonId: id })
  .refine((data) => data.personId !== data.intoPersonId, {
    message: 'must name another person than personId',
    path: ['intoPersonId'],
  });

export const erasePersonData = z.strictObject({ personId: id });

export type RegisterPerson = Command<'RegisterPerson', z.infer<typeof registerPersonData>>;
export type ChangePersonDetails = Command<'ChangePersonDetails', z.infer<typeof changePersonDetailsData>>;
export type AddPersonAlias = Command<'AddPersonAlias', z.infer<typeof addPersonAliasData>>;

export type SetReminderPreferences = Command<
  'SetReminderPreferences',
  z.infer<typeof setReminderPreferencesData>
>;
export type ResetCalendarKey = Command<'ResetCalendarKey', z.infer<typeof resetCalendarKeyData>>;
export type MergePerson = Command<'MergePerson', z.infer<typeof mergePersonData>>;
export type ErasePerson = Command<'ErasePerson', z.infer<typeof erasePersonData>>;
export type PeopleCommand =
  | RegisterPerson
  | ChangePersonDetails
  | AddPersonAlias
  | SetReminderPreferences
  | ResetCalendarKey
  | MergePerson
  | ErasePerson;
export type PersonCommand = PeopleCommand;
