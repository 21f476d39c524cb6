import { randomBytes } from 'node:crypto';
import { peopleEventSchema } from '@tilneste/people';
import { commitmentEventSchema } from '@tilneste/commitments';
import { ERASED_PERSON, isSealed, open, openEvent, seal, sealEvent, sealedFor } from './personal-fields';

/** Keys in a Map: what the SQLite key store does, without the file. */
function memoryKeys() {
  const keys = new Map<string, Buffer>();
  const erased = new Set<string>();
  return {
    keys,
    keyFor: (id: string) => {
      if (erased.has(id)) return undefined;
      if (!keys.has(id)) keys.set(id, randomBytes(32));
      return keys.get(id);
    },
    existingKey: (id: string) => keys.get(id),
    erase: (id: string) => {
      keys.delete(id);
      erased.add(id);
    },
  };
}

const registered = { personId: 'p1', name: 'Eli Bryhni', email: 'eli@example.no', organisation: 'Vassdalen' };
const byEli = { actor: { kind: 'person', id: 'p1' } };
const byAdmin = { actor: { kind: 'client', id: 'admin' } };

describe('personal fields', () => {
  describe('a sealed value', () => {
    it('opens with its key, names its person, and fails with another key', () => {
      const key = randomBytes(32);
      const sealed = seal('p1', key, 'Håkon Ærlig');
      expect(isSealed(sealed)).toBe(true);
      expect(sealed).not.toContain('Håkon');
      expect(sealedFor(sealed)).toBe('p1');
      expect(open(sealed, key)).toBe('Håkon Ærlig');
      expect(() => open(sealed, randomBytes(32))).toThrow();
    });

    it('is different each time, so equal names cannot be matched across events', () => {
      const key = randomBytes(32);
      expect(seal('p1', key, 'Eli')).not.toBe(seal('p1', key, 'Eli'));
    });
  });

  describe('when a person is registered', () => {
    it('seals name and e-mail but not the organisation, and reads back what was written', () => {
      const keys = memoryKeys();
      const stored = sealEvent(keys, 'PersonRegistered', registered, byAdmin);
      expect(isSealed(stored.name)).toBe(true);
      expect(isSealed(stored.email)).toBe(true);
      expect(stored.organisation).toBe('Vassdalen');
      expect(registered.name).toBe('Eli Bryhni'); // the caller's event is not changed
      expect(openEvent(keys, 'PersonRegistered', stored)).toEqual(registered);
    });

    it('reads "slettet person" and no e-mail once the key is gone, which the event schema still accepts', () => {
      const keys = memoryKeys();
      const stored = sealEvent(keys, 'PersonRegistered', registered, byAdmin);
      keys.erase('p1');
      const read = openEvent(keys, 'PersonRegistered', stored);
      expect(read).toEqual({ ...registered, name: ERASED_PERSON, email: null });
      expect(peopleEventSchema.safeParse({ type: 'PersonRegistered', data: read }).success).toBe(true);
    });

    it('refuses new personal data about an erased person', () => {
      const keys = memoryKeys();
      keys.erase('p1');
      expect(() => sealEvent(keys, 'PersonAliasAdded', { personId: 'p1', alias: 'Eli B.' }, byAdmin)).toThrow(
        expect.objectContaining({ code: 'PERSON.ERASED' }),
      );
    });

    it('leaves a value that is already sealed or erased as it is (a copy between stores)', () => {
      const keys = memoryKeys();
      const stored = sealEvent(keys, 'PersonRegistered', registered, byAdmin);
      expect(sealEvent(keys, 'PersonRegistered', stored, byAdmin)).toBe(stored);
      keys.erase('p1');
      const erased = { ...registered, name: ERASED_PERSON, email: null };
      expect(sealEvent(keys, 'PersonRegistered', erased, byAdmin)).toBe(erased);
    });

    it('seals a changed name inside `changes` and leaves a cleared e-mail null', () => {
      const keys = memoryKeys();
      const data = { personId: 'p1', changes: { name: 'Eli Arnkværn Bryhni', email: null } };
      const stored = sealEvent(keys, 'PersonDetailsChanged', data, byAdmin) as typeof data;
      expect(isSealed(stored.changes.name)).toBe(true);
      expect(stored.changes.email).toBeNull();
      expect(openEvent(keys, 'PersonDetailsChanged', stored)).toEqual(data);
    });
  });

  describe('free text', () => {
    it('is sealed under the key of the person who wrote it', () => {
      const keys = memoryKeys();
      const stored = sealEvent(
        keys,
        'CommitmentProgressReported',
        { commitmentId: 'c1', text: 'Ringte kommunen' },
        byEli,
      );
      expect(sealedFor(stored.text as string)).toBe('p1');
      keys.erase('p1');
      const read = openEvent(keys, 'CommitmentProgressReported', stored);
      expect(read).toEqual({ commitmentId: 'c1', text: ERASED_PERSON });
      expect(
        commitmentEventSchema.safeParse({ type: 'CommitmentProgressReported', data: read }).success,
      ).toBe(true);
    });

    it("written by the secretariat (a client or an import) stays in clear: it is not one person's", () => {
      const keys = memoryKeys();
      const data = { commitmentId: 'c1', text: 'Sekretariatet følger opp' };
      expect(sealEvent(keys, 'CommitmentProgressReported', data, byAdmin)).toBe(data);
      expect(sealEvent(keys, 'CommitmentCompleted', { commitmentId: 'c1', note: null }, byEli)).toEqual({
        commitmentId: 'c1',
        note: null,
      });
    });

    it('that merely starts like a sealed value is not taken for one in other events', () => {
      const keys = memoryKeys();
      const data = { commitmentId: 'c1', text: 'enc1:not really', groupId: 'g' };
      expect(openEvent(keys, 'CommitmentMade', data)).toBe(data);
    });
  });
});
