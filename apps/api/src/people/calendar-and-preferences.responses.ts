import { z } from 'zod';
import { mailLanguageSchema, reminderPreferencesSchema } from '@tilneste/people';

/** A person's secret calendar addresses: their own feed and one per group they belong to. */
export const calendarAddressesResponse = z.object({
  personId: z.string(),
  personFeed: z.string(),
  groupFeeds: z.array(z.object({ groupId: z.string(), name: z.string(), url: z.string() })),
});

/** Which reminder e-mails a person gets, and in which language (bokmål until they choose). */
export const reminderPreferencesResponse = reminderPreferencesSchema.extend({
  personId: z.string(),
  language: mailLanguageSchema,
});
