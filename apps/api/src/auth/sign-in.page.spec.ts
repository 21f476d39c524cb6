import { en, nb } from './sign-in.messages';
import { renderSignInPage } from './sign-in.page';

describe('sign-in page', () => {
  it('escapes the name and posts to the link', () => {
    const html = renderSignInPage(
      { kind: 'confirm', name: '<b>Kari & "Ola"</b>', action: '/logg-inn/abc' },
      nb,
    );
    expect(html).toContain('som &lt;b&gt;Kari &amp; &quot;Ola&quot;&lt;/b&gt;.');
    expect(html).toContain(
      '<form method="post" action="/logg-inn/abc"><button type="submit">Logg inn</button></form>',
    );
    expect(html).not.toMatch(/<script/i);
  });

  it('says a used link is gone, without a button, in English when asked', () => {
    const html = renderSignInPage({ kind: 'gone' }, en);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('has been used or has expired');
    expect(html).not.toContain('<form');
  });
});
