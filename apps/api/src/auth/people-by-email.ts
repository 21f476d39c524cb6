import type { Catalog, PersonView } from '@tilneste/projections';

/** People by lower-cased e-mail, worked out once between writes. */
export function personByEmail(catalog: Catalog, email: string): PersonView | undefined {
  return catalog
    .derived('access:by-email', () => {
      const map = new Map<string, PersonView>();
      for (const person of catalog.people.values())
        if (person.email) map.set(person.email.toLowerCase(), person);
      return map;
    })
    .get(email.toLowerCase());
}
