import { returnPathOf, signInPath, ssoPath } from './return-path';

describe('the page to go back to after signing in', () => {
  it.each([
    '/arbeidsgrupper/wg-1',
    '/arbeidsgrupper/wg-1/status',
    '/grupper/g-1?tilstand=alle&eier=p-1',
    '/personer/p-1/oppgaver#status',
  ])('takes a page of ours: %s', (path) => expect(returnPathOf(path)).toBe(path));

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
    ['the API, in capitals', '/API/me'],
    ['a sign-in route, in another case', '/Logg-Inn/sso'],
    ['the API behind a dot segment', '/./api/me'],
    ['the sign-in routes behind dot segments', '/grupper/../logg-inn/sso'],
    ['an encoded dot segment', '/%2E/api/me'],
    ['encoded dot segments', '/grupper/.%2e/logg-inn?neste=/x'],
    ['a dot segment at the end', '/grupper/..'],
    ['too long', `/${'a'.repeat(1000)}`],
    ['not text', 42],
  ])('refuses %s', (_why, value) => expect(returnPathOf(value)).toBeNull());

  it('keeps pages that only begin like a sign-in route', () => {
    expect(returnPathOf('/logg-inn-hjelp')).toBe('/logg-inn-hjelp');
    expect(returnPathOf('/apiet')).toBe('/apiet');
  });

  it('keeps dots that are not whole segments, and dots in the query', () => {
    expect(returnPathOf('/filer/referat.pdf')).toBe('/filer/referat.pdf');
    expect(returnPathOf('/grupper/...')).toBe('/grupper/...');
    expect(returnPathOf('/grupper/g-1?fra=../x')).toBe('/grupper/g-1?fra=../x');
  });

  it('carries the page in the sign-in address, encoded', () => {
    expect(signInPath('/grupper/g-1?tilstand=alle&eier=p-1')).toBe(
      '/logg-inn?neste=%2Fgrupper%2Fg-1%3Ftilstand%3Dalle%26eier%3Dp-1',
    );
    expect(signInPath(null)).toBe('/logg-inn');
  });

  it('carries the page in the single sign-on address, encoded', () => {
    expect(ssoPath('/grupper/g-1?tilstand=alle&eier=p-1')).toBe(
      '/logg-inn/sso?neste=%2Fgrupper%2Fg-1%3Ftilstand%3Dalle%26eier%3Dp-1',
    );
    expect(ssoPath(null)).toBe('/logg-inn/sso');
  });

  it('is never the start of single sign-on itself', () => {
    expect(returnPathOf('/logg-inn/sso?neste=/x')).toBeNull();
    expect(returnPathOf('/logg-inn/sso/callback?code=x&state=y')).toBeNull();
  });
});
