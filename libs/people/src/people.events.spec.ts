import { peopleEventSchema } from './people.events';

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
});
