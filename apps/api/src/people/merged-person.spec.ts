import type { Principal } from '@tilneste/access';
import type { RecordedEvent } from '@tilneste/event-store';
import { applyToCatalog, Catalog } from '@tilneste/projections';
import { mergedPersonLocation, personPagePath } from './merged-person';

let position = 0n;
function given(catalog: Catalog, stream: string, type: string, data: Record<string, unknown>): void {
  position += 1n;
  const event: RecordedEvent = {
    streamName: stream,
    id: `e${position}`,
    type,
    revision: 0n,
    position,
    data,
    metadata: {},
    createdAt: new Date('2025-03-01T00:00:00Z'),
  };
  applyToCatalog(catalog, event);
}

/** Kari remains; "K. Nordmann" was merged into "Kari N.", which was then merged into Kari. */
function catalog(): Catalog {
  const c = new Catalog();
  for (const [id, name] of [
    ['kari', 'Kari Nordmann'],
    ['kari2', 'Kari N.'],
    ['kari3', 'K. Nordmann'],
    ['ola', 'Ola'],
  ])
    given(c, `person-${id}`, 'PersonRegistered', { personId: id, name, email: null, organisation: null });
  given(c, 'group-g', 'GroupEstablished', { groupId: 'g', name: 'Faggruppe', timeZone: 'Europe/Oslo' });
  given(c, 'group-g', 'MemberJoined', { groupId: 'g', personId: 'kari', role: 'member' });
  given(c, 'group-g', 'MemberJoined', { groupId: 'g', personId: 'ola', role: 'member' });
  given(c, 'person-kari3', 'PersonMerged', { personId: 'kari3', intoPersonId: 'kari2', name: 'K. Nordmann' });
  given(c, 'person-kari2', 'PersonMerged', { personId: 'kari2', intoPersonId: 'kari', name: 'Kari N.' });
  return c;
}

const principal = (over: Partial<Principal>): Principal => ({
  actor: { kind: 'person', id: 'x' },
  admin: false,
  readsAll: false,
  personId: null,
  roles: new Map(),
  ...over,
});
const admin = principal({ actor: { kind: 'client', id: 'admin' }, admin: true });
const groupMate = principal({
  actor: { kind: 'person', id: 'ola' },
  personId: 'ola',
  roles: new Map([['g', 'member' as const]]),
});
const outsider = principal({ actor: { kind: 'person', id: 'per' }, personId: 'per' });

describe('a read of a person merged into another', () => {
  const c = catalog();

  it('is sent to the page of the person who remains, following merges of merges, and says where it came from', () => {
    expect(mergedPersonLocation(c, admin, 'GET', '/personer/kari3/oppgaver?lang=en')).toBe(
      '/personer/kari/oppgaver?lang=en&sammenslatt=kari3',
    );
    expect(mergedPersonLocation(c, groupMate, 'GET', '/personer/kari2')).toBe(
      '/personer/kari/oppgaver?sammenslatt=kari2',
    );
  });

  it('is sent to the same API read of the person who remains, query and all', () => {
    expect(mergedPersonLocation(c, admin, 'GET', '/api/people/kari2')).toBe('/api/people/kari');
    expect(mergedPersonLocation(c, groupMate, 'HEAD', '/api/people/kari3/tasks?status=all')).toBe(
      '/api/people/kari/tasks?status=all',
    );
  });

  it('stays refused for a reader who may not see the person who remains, for a write, and for anyone else', () => {
    expect(mergedPersonLocation(c, outsider, 'GET', '/personer/kari2/oppgaver')).toBeNull();
    expect(mergedPersonLocation(c, null, 'GET', '/personer/kari2/oppgaver')).toBeNull();
    expect(mergedPersonLocation(c, admin, 'POST', '/personer/kari2/oppgaver/c1/utfort')).toBeNull();
    expect(mergedPersonLocation(c, admin, 'GET', '/personer/kari2/oppgaver/c1')).toBeNull();
    expect(mergedPersonLocation(c, admin, 'GET', '/api/people/kari2/export')).toBeNull();
    expect(mergedPersonLocation(c, admin, 'GET', '/personer/ola/oppgaver')).toBeNull();
    expect(mergedPersonLocation(c, admin, 'GET', '/personer/nobody/oppgaver')).toBeNull();
    expect(mergedPersonLocation(c, admin, 'GET', '/personer/%E0%A4%A/oppgaver')).toBeNull();
  });

  it('names the page of a person by id, encoded', () => {
    expect(personPagePath('a b/c')).toBe('/personer/a%20b%2Fc/oppgaver');
    expect(personPagePath('kari', 'kari2', '?lang=en')).toBe(
      '/personer/kari/oppgaver?lang=en&sammenslatt=kari2',
    );
  });
});
