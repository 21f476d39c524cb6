import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DomainError } from '@tilneste/domain-kit';
import { ERASED_PERSON } from '@tilneste/people';

export { ERASED_PERSON };

/** The event type that erases a person: the store shreds the key before it is appended. */
export const PERSON_ERASED = 'PersonErased';

type Path = readonly string[];
type Subject = (
  data: Record<string, unknown>,
  metadata: Record<string, unknown> | undefined,
) => string | null;

/** The person the event is about. */
const aboutPerson: Subject = (data) => (typeof data.personId === 'string' ? data.personId : null);
/** Free text is the writer's personal data only when a person wrote it (not the admin token, not an import). */
const writtenByPerson: Subject = (_data, metadata) => {
  const actor = metadata?.actor as { kind?: unknown; id?: unknown } | undefined;
  return actor?.kind === 'person' && typeof actor.id === 'string' ? actor.id : null;
};

interface PersonalFields {
  subject: Subject;
  fields: { path: Path; erased: string | null }[];
}

/**
 * Every field that holds personal data, by event type: name and e-mail of a person, and free text a person
 * wrote themselves. Each reads as `erased` once the person's key is gone.
 */
export const PERSONAL_FIELDS: Readonly<Record<string, PersonalFields>> = {
  PersonRegistered: {
    subject: aboutPerson,
    fields: [
      { path: ['name'], erased: ERASED_PERSON },
      { path: ['email'], erased: null },
    ],
  },
  PersonDetailsChanged: {
    subject: aboutPerson,
    fields: [
      { path: ['changes', 'name'], erased: ERASED_PERSON },
      { path: ['changes', 'email'], erased: null },
    ],
  },
  PersonAliasAdded: { subject: aboutPerson, fields: [{ path: ['alias'], erased: ERASED_PERSON }] },
  // The duplicate's name becomes an alias of the person who remains, so it is theirs to erase.
  PersonMerged: {
    subject: (data) => (typeof data.intoPersonId === 'string' ? data.intoPersonId : null),
    fields: [{ path: ['name'], erased: ERASED_PERSON }],
  },
  CommitmentProgressReported: {
    subject: writtenByPerson,
    fields: [{ path: ['text'], erased: ERASED_PERSON }],
  },
  CommitmentCompleted: { subject: writtenByPerson, fields: [{ path: ['note'], erased: ERASED_PERSON }] },
  WorkingGroupStatusReported: {
    subject: writtenByPerson,
    fields: [{ path: ['text'], erased: ERASED_PERSON }],
  },
};

/** `enc1:<person id, base64url>.<iv ‖ tag ‖ ciphertext, base64url>`: AES-256-GCM, the person id as associated data. */
const PREFIX = 'enc1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(PREFIX);

export function seal(personId: string, key: Buffer, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(personId, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]);
  return `${PREFIX}${Buffer.from(personId, 'utf8').toString('base64url')}.${sealed.toString('base64url')}`;
}

/** The person a sealed value belongs to. */
export function sealedFor(value: string): string {
  const dot = value.indexOf('.', PREFIX.length);
  return Buffer.from(value.slice(PREFIX.length, dot), 'base64url').toString('utf8');
}

/** Opens a sealed value with its owner's key; a wrong key or a changed byte throws. */
export function open(value: string, key: Buffer): string {
  const personId = sealedFor(value);
  const sealed = Buffer.from(value.slice(value.indexOf('.', PREFIX.length) + 1), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(personId, 'utf8'));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
    'utf8',
  );
}

export const personalDataErrors = {
  erased: (personId: string) =>
    new DomainError('PERSON.ERASED', 'Personen er slettet (the person is erased)', 'conflict', { personId }),
};

/** Reads or writes the value at `path` inside `data` (a copy is made on write by the caller). */
function parentOf(data: Record<string, unknown>, path: Path): Record<string, unknown> | undefined {
  let node: unknown = data;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : undefined;
}

/** A deep copy of plain JSON data along one path, so the caller's event is never changed. */
function copyAlong(data: Record<string, unknown>, path: Path): Record<string, unknown> {
  const root = { ...data };
  let node = root;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    if (typeof child !== 'object' || child === null) break;
    node[key] = { ...(child as Record<string, unknown>) };
    node = node[key] as Record<string, unknown>;
  }
  return root;
}

/**
 * The data to store: each personal field sealed under its person's key (made on first use). A field already
 * sealed (a copy between stores), null, or already erased is left as it is. Writing new personal data of an
 * erased person is refused.
 */
export function sealEvent(
  keys: { keyFor(personId: string): Buffer | undefined },
  type: string,
  data: Record<string, unknown>,
  metadata: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const spec = PERSONAL_FIELDS[type];
  if (!spec) return data;
  const personId = spec.subject(data, metadata);
  if (personId === null) return data;
  let out = data;
  for (const { path, erased } of spec.fields) {
    const value = parentOf(out, path)?.[path[path.length - 1]];
    if (typeof value !== 'string' || isSealed(value) || value === erased) continue;
    const key = keys.keyFor(personId);
    if (!key) throw personalDataErrors.erased(personId);
    out = copyAlong(out, path);
    parentOf(out, path)![path[path.length - 1]] = seal(personId, key, value);
  }
  return out;
}

/** The data as written: sealed fields opened, or set to their erased value when the key is gone. */
export function openEvent(
  keys: { existingKey(personId: string): Buffer | undefined },
  type: string,
  data: unknown,
): unknown {
  const spec = PERSONAL_FIELDS[type];
  if (!spec || typeof data !== 'object' || data === null) return data;
  let out = data as Record<string, unknown>;
  for (const { path, erased } of spec.fields) {
    const value = parentOf(out, path)?.[path[path.length - 1]];
    if (!isSealed(value)) continue;
    const key = keys.existingKey(sealedFor(value));
    out = copyAlong(out, path);
    parentOf(out, path)![path[path.length - 1]] = key ? open(value, key) : erased;
  }
  return out;
}
