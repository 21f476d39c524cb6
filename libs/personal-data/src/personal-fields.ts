import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DomainError } from '@tilneste/domain-kit';
import { ERASED_PERSON } from '@tilneste/people/erased';
import type { RecentlySealed } from './recently-sealed';

export { ERASED_PERSON };

/** The event type that erases a person: the store shreds the key before it is appended. */
export const PERSON_ERASED = 'PersonErased';
/** The event type that erases an imported document (its text and drafts): the same, for the import's key. */
export const IMPORT_ERASED = 'MinutesImportErased';

/** An imported document has a key of its own beside the people's, under this subject id. */
export const importSubject = (contentHash: string) => `import:${contentHash}`;
const isImportSubject = (subject: string) => subject.startsWith('import:');

/** The key an erasure event shreds: the person's, or the imported document's. */
export function erasedSubject(type: string, data: unknown): string | null {
  const d = (data ?? {}) as { personId?: unknown; contentHash?: unknown };
  if (type === PERSON_ERASED && typeof d.personId === 'string') return d.personId;
  if (type === IMPORT_ERASED && typeof d.contentHash === 'string') return importSubject(d.contentHash);
  return null;
}

type Path = readonly string[];
type Subject = (
  data: Record<string, unknown>,
  metadata: Record<string, unknown> | undefined,
  stream: string,
) => string | null;

/** The person the event is about. */
const aboutPerson: Subject = (data) => (typeof data.personId === 'string' ? data.personId : null);
/** Free text is the writer's personal data only when a person wrote it (not the admin token, not an import). */
const writtenByPerson: Subject = (_data, metadata) => {
  const actor = metadata?.actor as { kind?: unknown; id?: unknown } | undefined;
  return actor?.kind === 'person' && typeof actor.id === 'string' ? actor.id : null;
};

/** The import a document's event belongs to: its content hash, in the data or (a saved draft) the stream name. */
const ofImport: Subject = (data, _metadata, stream) => {
  if (typeof data.contentHash === 'string') return importSubject(data.contentHash);
  const hash = /^minutes(?:import|review)-([0-9a-f]{64})$/.exec(stream)?.[1];
  return hash ? importSubject(hash) : null;
};

interface PersonalField {
  path: Path;
  /** What the field reads once the key is gone. */
  erased: unknown;
  /** Any JSON value (a whole draft, a list), sealed as its JSON text; otherwise a string. */
  json?: true;
}

interface PersonalFields {
  subject: Subject;
  fields: PersonalField[];
}

/**
 * Every field that holds personal data, by event type: name and e-mail of a person, free text a person wrote
 * themselves, and an imported document with its drafts (sealed under the import's key, since it names many
 * people). Each reads as `erased` once its key is gone.
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
  // The minutes import: the document, the draft read from it, and every correction a reviewer saved.
  MinutesParsed: {
    subject: ofImport,
    fields: [
      { path: ['fileName'], erased: null },
      { path: ['draft'], erased: null, json: true },
    ],
  },
  MinutesImported: { subject: ofImport, fields: [{ path: ['draft'], erased: null, json: true }] },
  MinutesReviewOpened: {
    subject: ofImport,
    fields: [
      { path: ['fileName'], erased: null },
      { path: ['text'], erased: null },
      { path: ['draft'], erased: null, json: true },
    ],
  },
  MinutesReviewSaved: {
    subject: ofImport,
    fields: [
      { path: ['draft'], erased: null, json: true },
      { path: ['rejectedMatches'], erased: [], json: true },
    ],
  },
  MinutesReviewListed: { subject: ofImport, fields: [{ path: ['fileName'], erased: null }] },
  // Working groups and the leads the document names, for the group's import history.
  MinutesImportedIntoGroup: {
    subject: ofImport,
    fields: [{ path: ['workingGroupLeads'], erased: [], json: true }],
  },
};

/** `enc1:<person id, base64url>.<iv ‖ tag ‖ ciphertext, base64url>`: AES-256-GCM, the person id as associated data. */
const PREFIX = 'enc1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(PREFIX);

/**
 * IVs are cut from random bytes drawn 256 at a time: a draw for each seal took a fifth of the seal's time. Each
 * is still 12 fresh random bytes, used once.
 */
let ivPool = Buffer.alloc(0);
let ivAt = 0;
function freshIv(): Buffer {
  if (ivAt + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_BYTES * 256);
    ivAt = 0;
  }
  ivAt += IV_BYTES;
  return ivPool.subarray(ivAt - IV_BYTES, ivAt);
}

export function seal(personId: string, key: Buffer, plain: string): string {
  const iv = freshIv();
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
  erased: (subject: string) =>
    isImportSubject(subject)
      ? new DomainError(
          'IMPORT.ERASED',
          'Dokumentet er fjernet fordi en person det nevner, er slettet (the document was removed by an erasure)',
          'conflict',
        )
      : new DomainError('PERSON.ERASED', 'Personen er slettet (the person is erased)', 'conflict', {
          personId: subject,
        }),
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

/** Whether a value is one the seal leaves alone: absent, null, already sealed, or the field's erased value. */
function unsealable(field: PersonalField, value: unknown): boolean {
  if (value === undefined || value === null || isSealed(value)) return true;
  return field.json ? false : typeof value !== 'string' || value === field.erased;
}

/**
 * The values of the personal fields of an event, as stored (sealed or not), with whether each is one the seal
 * takes: for the one-off migration to count and check them.
 */
export function personalValues(
  type: string,
  data: unknown,
  metadata: unknown,
  stream: string,
): { value: unknown; sealable: boolean }[] {
  const spec = PERSONAL_FIELDS[type];
  if (!spec || typeof data !== 'object' || data === null) return [];
  const record = data as Record<string, unknown>;
  if (spec.subject(record, metadata as Record<string, unknown> | undefined, stream) === null) return [];
  return spec.fields.map((field) => {
    const value = parentOf(record, field.path)?.[field.path[field.path.length - 1]];
    return { value, sealable: isSealed(value) || !unsealable(field, value) };
  });
}

/**
 * The data to store: each personal field sealed under its subject's key (made on first use). A field already
 * sealed (a copy between stores), null, or already erased is left as it is. Writing new personal data of an
 * erased person or document is refused.
 */
export function sealEvent(
  keys: { keyFor(subject: string): Buffer | undefined },
  type: string,
  data: Record<string, unknown>,
  metadata: Record<string, unknown> | undefined,
  stream = '',
  recent?: RecentlySealed,
): Record<string, unknown> {
  const spec = PERSONAL_FIELDS[type];
  if (!spec) return data;
  const subject = spec.subject(data, metadata, stream);
  if (subject === null) return data;
  let out = data;
  for (const field of spec.fields) {
    const { path } = field;
    const value = parentOf(out, path)?.[path[path.length - 1]];
    if (unsealable(field, value)) continue;
    const key = keys.keyFor(subject);
    if (!key) throw personalDataErrors.erased(subject);
    out = copyAlong(out, path);
    const plain = field.json ? JSON.stringify(value) : (value as string);
    const sealed = seal(subject, key, plain);
    recent?.remember(sealed, plain);
    parentOf(out, path)![path[path.length - 1]] = sealed;
  }
  return out;
}

/**
 * The data as written: sealed fields opened, or set to their erased value when the key is gone. A document's
 * field still in clear (a store encrypted before imports were) reads erased too once the document is erased.
 */
export function openEvent(
  keys: { existingKey(subject: string): Buffer | undefined; isErased?(subject: string): boolean },
  type: string,
  data: unknown,
  stream = '',
  recent?: RecentlySealed,
): unknown {
  const spec = PERSONAL_FIELDS[type];
  if (!spec || typeof data !== 'object' || data === null) return data;
  let out = data as Record<string, unknown>;
  let clearSubject: string | null | undefined; // worked out once, and only for a value in clear
  for (const field of spec.fields) {
    const { path, erased } = field;
    const value = parentOf(out, path)?.[path[path.length - 1]];
    let opened: unknown;
    if (isSealed(value)) {
      const key = keys.existingKey(sealedFor(value));
      if (!key) opened = structuredClone(erased);
      else {
        // Only while the key exists: it is the one the value was sealed with, since a key is never replaced.
        const plain = recent?.take(value) ?? open(value, key);
        opened = field.json ? JSON.parse(plain) : plain;
      }
    } else {
      if (value === undefined || value === null || !keys.isErased) continue;
      if (clearSubject === undefined) clearSubject = spec.subject(out, undefined, stream);
      if (clearSubject === null || !isImportSubject(clearSubject) || !keys.isErased(clearSubject)) continue;
      opened = structuredClone(erased);
    }
    out = copyAlong(out, path);
    parentOf(out, path)![path[path.length - 1]] = opened;
  }
  return out;
}
