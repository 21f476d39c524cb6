import { returnPathOf, signInPath } from './return-path';

describe('the page to go back to after signing in', () => {
  it.each(['/arbeidsgrupper/wg-1', '/grupper/g-1?tilstand=alle&eier=p-1', '/personer/p-1/oppgaver#status'])(
    'takes a page of ours: %s',
    (path) => expect(returnPathOf(path)).toBe(path),
  );

  it.each([
    ['another origin', '//evil.example/x'],
    ['another origin, backslash', '/\\evil.example/x'],
    ['a backslash further in', '/grupper\\..\\x'],
    ['a scheme', 'https://evil.example/'],
    ['javascript', 'javascript:alert(1)'],
    ['no leading slash', 'grupper/g-1'],
    ['white space', '/grupper/g 1'],
    ['a line break', '/grupper\r\nSet-Cookie: x=1'],
    ['the sign-in page', '/logg-inn?neste=/x'],
    ['a sign-in link', '/logg-inn/abc'],
    ['sign-out', '/logg-ut'],
    ['the API', '/api/me'],
    ['the start page', '/'],
    ['too long', `/${'a'.repeat(1000)}`],
    ['not text', 42],
  ])('refuses %s', (_why, value) => expect(returnPathOf(value)).toBeNull());

  it('keeps pages that only begin like a sign-in route', () => {
    expect(returnPathOf('/logg-inn-hjelp')).toBe('/logg-inn-hjelp');
    expect(returnPathOf('/apiet')).toBe('/apiet');
  });

  it('carries the page in the sign-in address, encoded', () => {
    expect(signInPath('/grupper/g-1?tilstand=alle&eier=p-1')).toBe(
      '/logg-inn?neste=%2Fgrupper%2Fg-1%3Ftilstand%3Dalle%26eier%3Dp-1',
    );
    expect(signInPath(null)).toBe('/logg-inn');
  });
});
