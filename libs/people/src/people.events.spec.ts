import { peopleEventSchema, readReminderPreferences } from './people.events';

describe('people events', () => {
  it('accepts a well-formed event', () => {
    const event = { type: 'PersonAliasAdded', data: { personId: 'p-1', alias: 'Haakon' } };
    expect(peopleEventSchema.parse(event)).toEqual(event);
  });

  it.each([
    ['an unknown type', { type: 'PersonRenamed', data: { personId: 'p-1' } }],
    [
      'a missing nullable field',
      { type: 'PersonRegistered', data: { personId: 'p-1', name: 'Eli', email: null } },
    ],
    [
      'a change of the wrong type',
      { type: 'PersonDetailsChanged', data: { personId: 'p-1', changes: { name: 3 } } },
    ],
    ['a missing alias', { type: 'PersonAliasAdded', data: { personId: 'p-1' } }],
  ])('rejects %s', (_, event) => {
    expect(peopleEventSchema.safeParse(event).success).toBe(false);
  });

  describe('ReminderPreferencesSet', () => {
    const recorded = (preferences: Record<string, unknown>) => ({
      type: 'ReminderPreferencesSet',
      data: {
        personId: 'p-1',
        preferences: { reminders: 'last', chairDigest: true, calendarNotices: false, ...preferences },
        source: 'page',
      },
    });

    it('parses an event recorded before the language choice, which reads as bokmål', () => {
      const old = recorded({});
      const parsed = peopleEventSchema.parse(old);
      expect(parsed).toEqual(old);
      if (parsed.type !== 'ReminderPreferencesSet') throw new Error(parsed.type);
      expect(readReminderPreferences(parsed.data.preferences)).toEqual({
        reminders: 'last',
        chairDigest: true,
        calendarNotices: false,
        language: 'nb',
      });
    });

    it('parses a choice of English', () => {
      const parsed = peopleEventSchema.parse(recorded({ language: 'en' }));
      if (parsed.type !== 'ReminderPreferencesSet') throw new Error(parsed.type);
      expect(readReminderPreferences(parsed.data.preferences).language).toBe('en');
    });

    it('rejects a language it cannot write e-mails in, naming the field', () => {
      const result = peopleEventSchema.safeParse(recorded({ language: 'de' }));
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.path)).toEqual([['data', 'preferences', 'language']]);
    });
  });
});
