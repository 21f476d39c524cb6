import { deciderSpec, testMetadata } from '@tilneste/domain-kit/testing';
import type {
  AddPersonAlias,
  ChangePersonDetails,
  PeopleCommand,
  RegisterPerson,
  ErasePerson,
  ResetCalendarKey,
  SetReminderPreferences,
} from './people.commands';
import { peopleDecider } from './people.decider';
import type { PeopleEvent } from './people.events';

const spec = deciderSpec(peopleDecider);
const personId = 'person-eli';
const metadata = testMetadata();

const register = (data: Partial<RegisterPerson['data']> = {}): RegisterPerson => ({
  type: 'RegisterPerson',
  data: { personId, name: 'Eli Bryhni', ...data },
  metadata,
});
const change = (data: Omit<ChangePersonDetails['data'], 'personId'>): ChangePersonDetails => ({
  type: 'ChangePersonDetails',
  data: { personId, ...data },
  metadata,
});
const addAlias = (alias: string): AddPersonAlias => ({
  type: 'AddPersonAlias',
  data: { personId, alias },
  metadata,
});

const registered: PeopleEvent = {
  type: 'PersonRegistered',
  data: { personId, name: 'Eli Bryhni', email: 'eli@sorfjord.kommune.no', organisation: 'Sørfjord kommune' },
};

describe('Person', () => {
  describe('when not registered', () => {
    it('registers the person, with missing e-mail and organisation as null', () =>
      spec
        .given([])
        .when(register())
        .then([
          {
            type: 'PersonRegistered',
            data: { personId, name: 'Eli Bryhni', email: null, organisation: null },
          },
        ]));

    it('registers the person with e-mail and organisation', () =>
      spec
        .given([])
        .when(register({ email: 'eli@sorfjord.kommune.no', organisation: 'Sørfjord kommune' }))
        .then([registered]));

    it.each<PeopleCommand>([change({ name: 'Eli Arnkværn Bryhni' }), addAlias('Eli A. Bryhni')])(
      'rejects $type as not found',
      (command) => spec.given([]).when(command).thenThrows('PERSON.NOT_FOUND'),
    );
  });

  describe('when registered', () => {
    it('rejects registering again', () =>
      spec.given([registered]).when(register()).thenThrows('PERSON.ALREADY_REGISTERED'));

    it('records only the fields that differ', () =>
      spec
        .given([registered])
        .when(change({ name: 'Eli Bryhni', email: 'eli@fjordregionen.no', organisation: 'Sørfjord kommune' }))
        .then([
          { type: 'PersonDetailsChanged', data: { personId, changes: { email: 'eli@fjordregionen.no' } } },
        ]));

    it('changes the name', () =>
      spec
        .given([registered])
        .when(change({ name: 'Eli Arnkværn Bryhni' }))
        .then([
          { type: 'PersonDetailsChanged', data: { personId, changes: { name: 'Eli Arnkværn Bryhni' } } },
        ]));

    it('clears the e-mail and organisation when given null', () =>
      spec
        .given([registered])
        .when(change({ email: null, organisation: null }))
        .then([
          { type: 'PersonDetailsChanged', data: { personId, changes: { email: null, organisation: null } } },
        ]));

    it('treats a null name as unchanged', () =>
      spec
        .given([registered])
        .when(change({ name: null }))
        .then([]));

    it('changes nothing when every field is the same', () =>
      spec
        .given([registered])
        .when(
          change({ name: 'Eli Bryhni', email: 'eli@sorfjord.kommune.no', organisation: 'Sørfjord kommune' }),
        )
        .then([]));

    it('compares against the details after earlier changes', () =>
      spec
        .given([registered, { type: 'PersonDetailsChanged', data: { personId, changes: { email: null } } }])
        .when(change({ email: null }))
        .then([]));

    it('adds an alias', () =>
      spec
        .given([registered])
        .when(addAlias('Eli Arnkværn Bryhni'))
        .then([{ type: 'PersonAliasAdded', data: { personId, alias: 'Eli Arnkværn Bryhni' } }]));

    it('ignores an alias equal to the name, whatever the case', () =>
      spec.given([registered]).when(addAlias('eli BRYHNI')).then([]));

    it('ignores an alias it already has, whatever the case', () =>
      spec
        .given([registered, { type: 'PersonAliasAdded', data: { personId, alias: 'Haakon' } }])
        .when(addAlias('HAAKON'))
        .then([]));

    it('keeps "Håkon" and "Haakon" apart', () =>
      spec
        .given([registered, { type: 'PersonAliasAdded', data: { personId, alias: 'Haakon' } }])
        .when(addAlias('Håkon'))
        .then([{ type: 'PersonAliasAdded', data: { personId, alias: 'Håkon' } }]));

    it('ignores an alias equal to a changed name', () =>
      spec
        .given([
          registered,
          { type: 'PersonDetailsChanged', data: { personId, changes: { name: 'Eli A. Bryhni' } } },
        ])
        .when(addAlias('eli a. bryhni'))
        .then([]));
  });
});

describe('Person reminder preferences and calendar key', () => {
  const prefs = (data: Partial<SetReminderPreferences['data']> = {}): SetReminderPreferences => ({
    type: 'SetReminderPreferences',
    data: { personId, reminders: 'all', chairDigest: true, calendarNotices: true, source: 'page', ...data },
    metadata,
  });
  const reset = (): ResetCalendarKey => ({ type: 'ResetCalendarKey', data: { personId }, metadata });

  describe('when not registered', () => {
    it('rejects preferences and a key reset as not found', () => {
      spec
        .given([])
        .when(prefs({ reminders: 'none' }))
        .thenThrows('PERSON.NOT_FOUND');
      spec.given([]).when(reset()).thenThrows('PERSON.NOT_FOUND');
    });
  });

  describe('when registered with the default preferences', () => {
    it('records a one-click unsubscribe with its source', () =>
      spec
        .given([registered])
        .when(prefs({ reminders: 'none', chairDigest: false, calendarNotices: false, source: 'one-click' }))
        .then([
          {
            type: 'ReminderPreferencesSet',
            data: {
              personId,
              preferences: { reminders: 'none', chairDigest: false, calendarNotices: false, language: 'nb' },
              source: 'one-click',
            },
          },
        ]));

    it('records a choice of English e-mails', () =>
      spec
        .given([registered])
        .when(prefs({ language: 'en' }))
        .then([
          {
            type: 'ReminderPreferencesSet',
            data: {
              personId,
              preferences: { reminders: 'all', chairDigest: true, calendarNotices: true, language: 'en' },
              source: 'page',
            },
          },
        ]));

    it('records nothing when the choice equals the defaults', () =>
      spec.given([registered]).when(prefs()).then([]));

    it('records nothing for a second identical unsubscribe', () =>
      spec
        .given([
          registered,
          {
            type: 'ReminderPreferencesSet',
            data: {
              personId,
              preferences: { reminders: 'last', chairDigest: true, calendarNotices: true },
              source: 'page',
            },
          },
        ])
        .when(prefs({ reminders: 'last', source: 'one-click' }))
        .then([]));

    it('reads a choice recorded before the language as bokmål, and records a change to English', () =>
      spec
        .given([
          registered,
          {
            type: 'ReminderPreferencesSet',
            data: {
              personId,
              preferences: { reminders: 'last', chairDigest: true, calendarNotices: true },
              source: 'page',
            },
          },
        ])
        .when(prefs({ reminders: 'last', language: 'en' }))
        .then([
          {
            type: 'ReminderPreferencesSet',
            data: {
              personId,
              preferences: { reminders: 'last', chairDigest: true, calendarNotices: true, language: 'en' },
              source: 'page',
            },
          },
        ]));

    it('keeps the chosen language when a command names none (one-click, older clients)', () =>
      spec
        .given([
          registered,
          {
            type: 'ReminderPreferencesSet',
            data: {
              personId,
              preferences: { reminders: 'all', chairDigest: true, calendarNotices: true, language: 'en' },
              source: 'page',
            },
          },
        ])
        .when(prefs({ reminders: 'none', source: 'one-click' }))
        .then([
          {
            type: 'ReminderPreferencesSet',
            data: {
              personId,
              preferences: { reminders: 'none', chairDigest: true, calendarNotices: true, language: 'en' },
              source: 'one-click',
            },
          },
        ]));

    it('resets the calendar key to the next generation', () =>
      spec
        .given([registered, { type: 'CalendarKeyReset', data: { personId, generation: 1 } }])
        .when(reset())
        .then([{ type: 'CalendarKeyReset', data: { personId, generation: 2 } }]));

    it('starts the first reset at generation 1', () =>
      spec
        .given([registered])
        .when(reset())
        .then([{ type: 'CalendarKeyReset', data: { personId, generation: 1 } }]));
  });

  describe('when erased', () => {
    const erase = (): ErasePerson => ({ type: 'ErasePerson', data: { personId }, metadata });
    const erased: PeopleEvent = { type: 'PersonErased', data: { personId } };

    it('records the erasure of a registered person', () =>
      spec.given([registered]).when(erase()).then([erased]));

    it('refuses to erase twice', () =>
      spec.given([registered, erased]).when(erase()).thenThrows('PERSON.ERASED'));

    it('refuses to erase someone never registered', () =>
      spec.given([]).when(erase()).thenThrows('PERSON.NOT_FOUND'));

    it('refuses new details, and a new registration under the same id', () => {
      spec
        .given([registered, erased])
        .when(change({ name: 'Eli Ny' }))
        .thenThrows('PERSON.ERASED');
      spec.given([registered, erased]).when(register()).thenThrows('PERSON.ALREADY_REGISTERED');
    });
  });

  describe('when merged into another record', () => {
    const merge = (intoPersonId = 'person-eli-2'): PeopleCommand => ({
      type: 'MergePerson',
      data: { personId, intoPersonId },
      metadata,
    });
    const merged: PeopleEvent = {
      type: 'PersonMerged',
      data: { personId, intoPersonId: 'person-eli-2', name: 'Eli Bryhni' },
    };

    it('records the merge with the merged name, to become an alias of the one that remains', () =>
      spec.given([registered]).when(merge()).then([merged]));

    it('takes no more commands, a second merge included', () => {
      spec.given([registered, merged]).when(merge('person-3')).thenThrows('PERSON.MERGED');
      spec.given([registered, merged]).when(addAlias('Eli B.')).thenThrows('PERSON.MERGED');
    });

    it('cannot merge a person nobody registered', () =>
      spec.given([]).when(merge()).thenThrows('PERSON.NOT_FOUND'));
  });
});
