import { en, nb, type Language } from '@tilneste/i18n';
import type { PageContext } from './page-context';

/** A page context for view specs: no request, a reader who is the admin client. */
export function testPage(lang: Language = 'nb', path = '/'): PageContext {
  return {
    lang,
    m: lang === 'en' ? en : nb,
    path,
    viewer: { actor: { kind: 'client', id: 'admin' }, name: null },
    csrfToken: null,
    staff: { admin: false, secretariatOf: [] },
  };
}

export const HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> javascript:alert(3)';
