import { type Decider, unreachable } from '@tilneste/domain-kit';
import type {
  AddPersonAlias,
  ChangePersonDetails,
  PeopleCommand,
  RegisterPerson,
  SetReminderPreferences,
} from './people.commands';
import { personErrors } from './people.errors';
import {
  DEFAULT_REMINDER_PREFERENCES,
  type PeopleEvent,
  type PersonDetailsChanged,
  readReminderPreferences,
  type ReminderPreferences,
} from './people.events';

export type RegisteredPerson = {
  status: 'registered';
  personId: string;
  name: string;
  email: string | null;
  organisation: string | null;
  aliases: string[];
  reminderPreferences: ReminderPreferences;
  calendarKeyGeneration: number;
  /** Set once this record was merged into another: it takes no more commands. */
  mergedInto: string | null;
};

/** Only the id is left: the key that opened the rest is gone. */
export type ErasedPerson = { status: 'erased'; personId: string };

export type PersonState = { status: 'none' } | RegisteredPerson | ErasedPerson;

type Changes = PersonDetailsChanged['data']['changes'];

export const initialState = (): PersonState => ({ status: 'none' });

export function evolve(state: PersonState, event: PeopleEvent): PersonState {
  switch (event.type) {
    case 'PersonRegistered':
      return {
        status: 'registered',
        ...event.data,
        aliases: [],
        reminderPreferences: DEFAULT_REMINDER_PREFERENCES,
        calendarKeyGeneration: 0,
        mergedInto: null,
      };
    case 'PersonDetailsChanged':
      return state.status === 'registered' ? { ...state, ...event.data.changes } : state;
    case 'PersonAliasAdded':
      return state.status === 'registered'
        ? { ...state, aliases: [...state.aliases, event.data.alias] }
        : state;
    case 'ReminderPreferencesSet':
      return state.status === 'registered'
        ? { ...state, reminderPreferences: readReminderPreferences(event.data.preferences) }
        : state;
    case 'CalendarKeyReset':
      return state.status === 'registered'
        ? { ...state, calendarKeyGeneration: event.data.generation }
        : state;
    case 'PersonMerged':
      return state.status === 'registered' ? { ...state, mergedInto: event.data.intoPersonId } : state;
    case 'PersonErased':
      return { status: 'erased', personId: event.data.personId };
    default:
      return unreachable(event);
  }
}

export function decide(command: PeopleCommand, state: PersonState): PeopleEvent[] {
  switch (command.type) {
    case 'RegisterPerson':
      return register(command, state);
    case 'ChangePersonDetails':
      return changeDetails(command, registered(state, command.data.personId));
    case 'AddPersonAlias':
      return addAlias(command, registered(state, command.data.personId));
    case 'SetReminderPreferences':
      return setPreferences(command, registered(state, command.data.personId));
    case 'ResetCalendarKey': {
      const person = registered(state, command.data.personId);
      return [
        {
          type: 'CalendarKeyReset',
          data: { personId: person.personId, generation: person.calendarKeyGeneration + 1 },
        },
      ];
    }
    case 'MergePerson': {
      const person = registered(state, command.data.personId);
      return [
        {
          type: 'PersonMerged',
          data: { personId: person.personId, intoPersonId: command.data.intoPersonId, name: person.name },
        },
      ];
    }
    case 'ErasePerson': {
      // A record merged into another is still that person's data: it may be erased too.
      if (state.status === 'none') throw personErrors.notFound(command.data.personId);
      if (state.status === 'erased') throw personErrors.erased(command.data.personId);
      return [{ type: 'PersonErased', data: { personId: state.personId } }];
    }
    default:
      return unreachable(command);
  }
}

export const peopleDecider: Decider<PersonState, PeopleCommand, PeopleEvent> = {
  initialState,
  evolve,
  decide,
};

/** The person as they stand; nothing more may be recorded about an erased person. */
function registered(state: PersonState, personId: string): RegisteredPerson {
  if (state.status === 'none') throw personErrors.notFound(personId);
  if (state.status === 'erased') throw personErrors.erased(personId);
  if (state.mergedInto) throw personErrors.merged(personId, state.mergedInto);
  return state;
}

function register({ data }: RegisterPerson, state: PersonState): PeopleEvent[] {
  if (state.status !== 'none') throw personErrors.alreadyRegistered(data.personId);
  return [
    {
      type: 'PersonRegistered',
      data: {
        personId: data.personId,
        name: data.name,
        email: data.email ?? null,
        organisation: data.organisation ?? null,
      },
    },
  ];
}

function changeDetails({ data }: ChangePersonDetails, person: RegisteredPerson): PeopleEvent[] {
  const changes: Changes = {};
  // A null name cannot clear a required field, so it counts as unchanged.
  if (data.name != null && data.name !== person.name) changes.name = data.name;
  if (data.email !== undefined && data.email !== person.email) changes.email = data.email;
  if (data.organisation !== undefined && data.organisation !== person.organisation) {
    changes.organisation = data.organisation;
  }
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'PersonDetailsChanged', data: { personId: person.personId, changes } }];
}

function addAlias({ data }: AddPersonAlias, person: RegisteredPerson): PeopleEvent[] {
  const known = [person.name, ...person.aliases].map(nameKey);
  if (known.includes(nameKey(data.alias))) return [];
  return [{ type: 'PersonAliasAdded', data: { personId: person.personId, alias: data.alias } }];
}

function setPreferences({ data }: SetReminderPreferences, person: RegisteredPerson): PeopleEvent[] {
  const preferences: ReminderPreferences = {
    reminders: data.reminders,
    chairDigest: data.chairDigest,
    calendarNotices: data.calendarNotices,
    // A one-click unsubscribe or an older client names no language: the person keeps theirs.
    language: data.language ?? person.reminderPreferences.language,
  };
  const current = person.reminderPreferences;
  // A second one-click from the same mail client, or a form saved unchanged, records nothing.
  if (
    current.reminders === preferences.reminders &&
    current.chairDigest === preferences.chairDigest &&
    current.calendarNotices === preferences.calendarNotices &&
    current.language === preferences.language
  )
    return [];
  return [
    { type: 'ReminderPreferencesSet', data: { personId: person.personId, preferences, source: data.source } },
  ];
}

/** Compares names case-insensitively but keeps letters apart: "Håkon" and "Haakon" stay two names. */
const nameKey = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('nb');

export const personDecider = peopleDecider;
