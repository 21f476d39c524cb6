import { decide, type Principal } from '@tilneste/access';
import { survivingPersonId, type Catalog } from '@tilneste/projections';
import { personResource } from '../auth/resources';

/** The query parameter that tells a person's page it was reached through a record merged into them. */
export const MERGED_FROM = 'sammenslatt';

/** The person's page: their tasks; `mergedFrom` names the merged record a link went to, for the page to say so. */
export function personPagePath(personId: string, mergedFrom: string | null = null, search = ''): string {
  const query = new URLSearchParams(search);
  if (mergedFrom !== null) query.set(MERGED_FROM, mergedFrom);
  const rest = query.toString();
  return `/personer/${encodeURIComponent(personId)}/oppgaver${rest ? `?${rest}` : ''}`;
}

/** The reads that name a person by id: the person's page, and the API's person and task list. */
const READS: {
  pattern: RegExp;
  to: (survivor: string, merged: string, search: string, rest: string) => string;
}[] = [
  {
    pattern: /^\/personer\/([^/]+)(?:\/oppgaver)?\/?$/,
    to: (survivor, merged, search) => personPagePath(survivor, merged, search),
  },
  {
    pattern: /^\/api\/people\/([^/]+)(\/tasks)?\/?$/,
    to: (survivor, _merged, search, rest) => `/api/people/${encodeURIComponent(survivor)}${rest}${search}`,
  },
];

/**
 * Where a read of a person merged into another is answered now: the same read of the person who remains
 * (following merges of merges). Null for anything else: a write, a person not merged, or a reader without
 * the right to see the one who remains, so that an id says no more to them than an unknown one would.
 */
export function mergedPersonLocation(
  catalog: Catalog,
  principal: Principal | null | undefined,
  method: string,
  url: string,
): string | null {
  if ((method !== 'GET' && method !== 'HEAD') || !principal) return null;
  const { pathname, search } = new URL(url, 'http://tilneste.invalid');
  for (const read of READS) {
    const match = read.pattern.exec(pathname);
    if (!match) continue;
    let id: string;
    try {
      id = decodeURIComponent(match[1]);
    } catch {
      return null;
    }
    if (!catalog.mergedPeople.has(id)) return null;
    const survivor = survivingPersonId(catalog, id);
    if (survivor === id || !catalog.people.has(survivor)) return null;
    if (!decide(principal, 'person.read', personResource(catalog, survivor) as never).allow) return null;
    return read.to(survivor, id, search, match[2] ?? '');
  }
  return null;
}
