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

/** The languages a person's e-mails can be written in; bokmål unless they chose otherwise. */
export const mailLanguageSchema = z.enum(['nb', 'en']);
export type MailLanguage = z.infer<typeof mailLanguageSchema>;

/** Which reminder e-mails a person gets: `reminders` 'last' keeps only the one closest to the meeting. */
export const reminderPreferencesSchema = z.object({
  reminders: z.enum(['all', 'last', 'none']),
  /** The chair's overview of everything open before a meeting. */
  chairDigest: z.boolean(),
  /** Cancellations and moves of meetings they were reminded about. */
  calendarNotices: z.boolean(),
  /** The language of their e-mails and of the pages the e-mails' links open; absent in events before 2026-12. */
  language: mailLanguageSchema.optional(),
});
/** The choice as recorded: events from before the language choice have no `language`. */
export type RecordedReminderPreferences = z.infer<typeof reminderPreferencesSchema>;
/** The choice as read: no recorded language reads as bokmål. */
export type ReminderPreferences = Required<RecordedReminderPreferences>;

/** What a person gets until they choose otherwise. */
export const DEFAULT_REMINDER_PREFERENCES: ReminderPreferences = {
  reminders: 'all',
  chairDigest: true,
  calendarNotices: true,
  language: 'nb',
};

/** A recorded choice as read today: an event without a language was a choice of bokmål. */
export const readReminderPreferences = (recorded: RecordedReminderPreferences): ReminderPreferences => ({
  ...recorded,
  language: recorded.language ?? DEFAULT_REMINDER_PREFERENCES.language,
});

export const reminderPreferencesSet = z.object({
  type: z.literal('ReminderPreferencesSet'),
  data: z.object({
    personId: z.string().min(1),
    preferences: reminderPreferencesSchema,
    /** 'one-click' when a mail client unsubscribed through List-Unsubscribe-Post. */
    source: z.enum(['page', 'one-click', 'api']),
  }),
});

/** The person's secret calendar URLs change: the key is derived from this counter, so older URLs stop working. */
export const calendarKeyReset = z.object({
  type: z.literal('CalendarKeyReset'),
  data: z.object({
    personId: z.string().min(1),
    /** 1 after the first reset; 0 (no event) is the key every person starts with. */
    generation: z.number().int().positive(),
  }),
});

/**
 * This record was the same person as another: it becomes an alias of `intoPersonId`, which carries its
 * commitments, memberships, attendance and audit trail from here on. Its own events stay as they were.
 */
export const personMerged = z.object({
  type: z.literal('PersonMerged'),
  data: z.object({
    personId: z.string().min(1),
    intoPersonId: z.string().min(1),
    /** The merged record's name, kept as an alias of the one that remains. */
    name: z.string().min(1),
  }),
});

export { ERASED_PERSON } from './erased';

/**
 * The person's key was deleted (crypto-shredding): their name, e-mail address and the free text they wrote
 * read as "slettet person" from here on, in every read model and after every rebuild. The actor in the
 * metadata is who erased them.
 */
export const personErased = z.object({
  type: z.literal('PersonErased'),
  data: z.object({ personId: z.string().min(1) }),
});

/** Every event of a `person-<id>` stream; parse recorded events with it. */
export const peopleEventSchema = z.discriminatedUnion('type', [
  personRegistered,
  personDetailsChanged,
  personAliasAdded,
  reminderPreferencesSet,
  calendarKeyReset,
  personMerged,
  personErased,
]);

export type PeopleEvent = z.infer<typeof peopleEventSchema>;
export type PersonRegistered = z.infer<typeof personRegistered>;
export type PersonDetailsChanged = z.infer<typeof personDetailsChanged>;
export type PersonAliasAdded = z.infer<typeof personAliasAdded>;
export type ReminderPreferencesSet = z.infer<typeof reminderPreferencesSet>;
export type CalendarKeyReset = z.infer<typeof calendarKeyReset>;
export type PersonMerged = z.infer<typeof personMerged>;
export type PersonErased = z.infer<typeof personErased>;

/** Singular aliases, so `person*` and `people*` both name this context. */
export const personEventSchema = peopleEventSchema;
export type PersonEvent = PeopleEvent;
