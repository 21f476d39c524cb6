import type { GroupRole, Principal } from '@tilneste/access';
import { en, nb, type Language } from '@tilneste/i18n';
import { mayFor, type PageContext } from './page-context';

/** A principal for view specs: a signed-in person with these roles, or an admin. */
export function testPrincipal(over: { admin?: boolean; roles?: Record<string, GroupRole> } = {}): Principal {
  return {
    actor: { kind: 'person', id: 'reader' },
    admin: over.admin ?? false,
    readsAll: false,
    personId: 'reader',
    roles: new Map(Object.entries(over.roles ?? {})),
  };
}

/**
 * A page context for view specs: no request, a reader who is the admin client, who may do nothing a view
 * asks about unless a principal is given.
 */
export function testPage(lang: Language = 'nb', path = '/', principal: Principal | null = null): PageContext {
  return {
    lang,
    m: lang === 'en' ? en : nb,
    path,
    viewer: { actor: { kind: 'client', id: 'admin' }, name: null },
    csrfToken: null,
    may: mayFor(principal),
  };
}

export const HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> javascript:alert(3)';
