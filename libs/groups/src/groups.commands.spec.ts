import { setReminderPolicyData } from './groups.commands';

describe('groups commands', () => {
  it('trims and upper-cases reminder offsets', () => {
    expect(setReminderPolicyData.parse({ groupId: 'g-1', offsets: [' p7d ', 'pt2h'] })).toEqual({
      groupId: 'g-1',
      offsets: ['P7D', 'PT2H'],
    });
  });

  it('rejects more than ten offsets', () => {
    const offsets = Array.from({ length: 11 }, (_, i) => `P${i + 1}D`);
    expect(setReminderPolicyData.safeParse({ groupId: 'g-1', offsets }).success).toBe(false);
  });
});
