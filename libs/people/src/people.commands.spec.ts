import { changePersonDetailsData, registerPersonData } from './people.commands';

describe('people commands', () => {
  it('trims and lower-cases the e-mail address', () => {
    const parsed = registerPersonData.parse({
      personId: 'p-1',
      name: ' Eli ',
      email: ' Eli@Sorfjord.Kommune.NO ',
    });
    expect(parsed).toEqual({ personId: 'p-1', name: 'Eli', email: 'eli@sorfjord.kommune.no' });
  });

  it('rejects an address that is not an e-mail address', () => {
    expect(
      registerPersonData.safeParse({ personId: 'p-1', name: 'Eli', email: 'eli at sorfjord' }).success,
    ).toBe(false);
  });

  it('rejects unknown fields', () => {
    expect(registerPersonData.safeParse({ personId: 'p-1', name: 'Eli', phone: '123' }).success).toBe(false);
  });

  it('accepts null to clear an e-mail address', () => {
    expect(changePersonDetailsData.parse({ personId: 'p-1', email: null })).toEqual({
      personId: 'p-1',
      email: null,
    });
  });
});
