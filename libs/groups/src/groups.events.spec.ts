import { groupsEventSchema } from './groups.events';

describe('groups events', () => {
  it('accepts a well-formed event', () => {
    const event = { type: 'MemberJoined', data: { groupId: 'g-1', personId: 'p-1', role: 'chair' } };
    expect(groupsEventSchema.parse(event)).toEqual(event);
  });

  it.each([
    ['an unknown type', { type: 'GroupRenamed', data: { groupId: 'g-1' } }],
    ['a missing time zone', { type: 'GroupEstablished', data: { groupId: 'g-1', name: 'Helse' } }],
    ['an unknown role', { type: 'MemberJoined', data: { groupId: 'g-1', personId: 'p-1', role: 'boss' } }],
    [
      'a missing previous role',
      { type: 'MemberRoleChanged', data: { groupId: 'g-1', personId: 'p-1', role: 'chair' } },
    ],
    ['a missing person', { type: 'MemberLeft', data: { groupId: 'g-1' } }],
    ['offsets that are not a list', { type: 'ReminderPolicySet', data: { groupId: 'g-1', offsets: 'P7D' } }],
  ])('rejects %s', (_, event) => {
    expect(groupsEventSchema.safeParse(event).success).toBe(false);
  });
});
