import { signInEmail } from './sign-in.mail';
import { en, nb } from './sign-in.messages';

const NAME = 'Kari <Nordmann> & "co"';
const LINK = 'https://tilneste.example.no/logg-inn/abc_DEF-123';

// Rendered from the same input by sign-in-links.ts before its texts moved into the message catalogue.
const BEFORE = {
  nb: {
    subject: 'Logg inn i Tilneste',
    text:
      'Hei Kari <Nordmann> & "co",\n\nLogg inn i Tilneste med denne lenken. Den virker én gang og i 15 minutter:\n\n' +
      'https://tilneste.example.no/logg-inn/abc_DEF-123\n\nBa du ikke om dette, kan du se bort fra e-posten.\n',
    html:
      '<pre>Hei Kari &#60;Nordmann&#62; &#38; &#34;co&#34;,\n\nLogg inn i Tilneste med denne lenken. Den virker én gang og i 15 minutter:\n\n' +
      'https://tilneste.example.no/logg-inn/abc_DEF-123\n\nBa du ikke om dette, kan du se bort fra e-posten.\n</pre>',
  },
  en: {
    subject: 'Sign in to Tilneste',
    text:
      'Hello Kari <Nordmann> & "co",\n\nSign in to Tilneste with this link. It works once, for 15 minutes:\n\n' +
      'https://tilneste.example.no/logg-inn/abc_DEF-123\n\nIf you did not ask for it, ignore this e-mail.\n',
    html:
      '<pre>Hello Kari &#60;Nordmann&#62; &#38; &#34;co&#34;,\n\nSign in to Tilneste with this link. It works once, for 15 minutes:\n\n' +
      'https://tilneste.example.no/logg-inn/abc_DEF-123\n\nIf you did not ask for it, ignore this e-mail.\n</pre>',
  },
};

describe('the sign-in e-mail', () => {
  it('reads exactly as before its texts moved into the catalogue, in bokmål and in English', () => {
    expect(signInEmail(nb, NAME, LINK, 15)).toEqual(BEFORE.nb);
    expect(signInEmail(en, NAME, LINK, 15)).toEqual(BEFORE.en);
  });

  it('escapes the name in the HTML part, and leaves no quote of it raw', () => {
    const { html } = signInEmail(nb, "O'Hara <b>", LINK, 15);
    expect(html).toContain('Hei O&#39;Hara &#60;b&#62;,');
    expect(html).not.toContain('<b>');
  });
});
