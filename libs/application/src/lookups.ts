import { DomainError } from '@tilneste/domain-kit';
import type { Catalog } from '@tilneste/projections';

/** Existence checks across contexts, read from the projections (the decider sees only its own stream). */
export const lookups = {
  person(catalog: Catalog, id: string, field = 'personId') {
    const person = catalog.people.get(id);
    if (!person)
      throw new DomainError('PERSON.NOT_FOUND', `Personen ${id} finnes ikke`, 'not_found', { field });
    return person;
  },
  group(catalog: Catalog, id: string) {
    const group = catalog.groups.get(id);
    if (!group) throw new DomainError('GROUP.NOT_FOUND', `Gruppen ${id} finnes ikke`, 'not_found');
    return group;
  },
  meeting(catalog: Catalog, id: string) {
    const meeting = catalog.meetings.get(id);
    if (!meeting) throw new DomainError('MEETING.NOT_FOUND', `Møtet ${id} finnes ikke`, 'not_found');
    return meeting;
  },
  workingGroup(catalog: Catalog, id: string, field?: string) {
    const wg = catalog.workingGroups.get(id);
    if (!wg)
      throw new DomainError(
        'WORKING_GROUP.NOT_FOUND',
        `Arbeidsgruppen ${id} finnes ikke`,
        'not_found',
        field ? { field } : undefined,
      );
    return wg;
  },
  matter(catalog: Catalog, id: string) {
    const matter = catalog.matters.get(id);
    if (!matter) throw new DomainError('MATTER.NOT_FOUND', `Saken ${id} finnes ikke`, 'not_found');
    return matter;
  },
  commitment(catalog: Catalog, id: string, field?: string) {
    const commitment = catalog.commitments.get(id);
    if (!commitment)
      throw new DomainError(
        'COMMITMENT.NOT_FOUND',
        `Forpliktelsen ${id} finnes ikke`,
        'not_found',
        field ? { field } : undefined,
      );
    return commitment;
  },
};
