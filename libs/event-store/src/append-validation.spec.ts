import { randomUUID } from 'node:crypto';
import { InvalidAppendError } from './errors';
import { appendBatchSchema, plainlyValidBatch, validateBatch } from './append-validation';
import type { EventToAppend } from './event-store.port';

const event = (overrides: Record<string, unknown> = {}): EventToAppend =>
  ({
    id: randomUUID(),
    type: 'CommitmentMade',
    data: {
      commitmentId: randomUUID(),
      text: 'Utarbeide et notat',
      owner: { kind: 'person' },
      tags: ['a', 1],
    },
    metadata: { actor: { kind: 'person', id: randomUUID() }, causationId: null },
    ...overrides,
  }) as EventToAppend;

class Money {
  amount = 1;
}
const symbolKeyed = { a: 1, [Symbol('s')]: 2 };
const nullPrototype = Object.assign(Object.create(null) as Record<string, unknown>, { a: 'x' });
const sparse: unknown[] = [1];
sparse[2] = 3;
const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { next: nested(depth - 1) });

/** Values that are, or are not, JSON values as the schema reads them. */
const values: unknown[] = [
  'text',
  '',
  0,
  -1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  null,
  undefined,
  10n,
  () => 1,
  Symbol('x'),
  new Date(0),
  new Money(),
  new Map([['a', 1]]),
  [],
  [1, 'a', null, [true]],
  [1, undefined],
  sparse,
  {},
  { a: { b: [1, { c: 'd' }] } },
  { a: Number.NaN },
  { a: undefined },
  symbolKeyed,
  nullPrototype,
  nested(40),
];

/** Every way to put a value into a batch: as data, inside data, as metadata, as the id, the type, or the event. */
const placements: ((value: unknown) => unknown)[] = [
  (value) => [event({ data: value })],
  (value) => [event({ data: { field: value } })],
  (value) => [event({ metadata: value })],
  (value) => [event(), event({ metadata: { nested: [value] } })],
  (value) => [event({ id: value })],
  (value) => [event({ type: value })],
  (value) => [value],
  (value) => value,
];

describe('validateBatch', () => {
  it('takes a batch of plain JSON events without asking the schema, and the schema agrees', () => {
    const batch = [event(), event({ metadata: undefined }), event({ data: {} })];
    expect(plainlyValidBatch(batch)).toBe(true);
    expect(appendBatchSchema.safeParse(batch).success).toBe(true);
    expect(() => validateBatch('commitment-1', batch)).not.toThrow();
  });

  it('never passes what the schema refuses, whatever the value and wherever it sits', () => {
    let passed = 0;
    for (const place of placements)
      for (const value of values) {
        const batch = place(value);
        if (!plainlyValidBatch(batch)) continue;
        passed += 1;
        expect(appendBatchSchema.safeParse(batch).success).toBe(true);
      }
    // Not a vacuous check: the plain values pass where they belong.
    expect(passed).toBeGreaterThan(20);
  });

  it('leaves a doubtful batch to the schema, which accepts what it always accepted', () => {
    const batch = [event({ data: nullPrototype }), event({ data: nested(40) as Record<string, never> })];
    expect(plainlyValidBatch(batch)).toBe(false);
    expect(() => validateBatch('commitment-1', batch)).not.toThrow();
  });

  it.each([
    ['an empty batch', [], 'events: a batch needs at least one event'],
    ['an id that is not a UUID', [event({ id: 'not-a-uuid' })], '0.id: Invalid UUID'],
    ['an empty type', [event({ type: '' })], '0.type: Too small'],
    ['a reserved type', [event({ type: '$metadata' })], '0.type: event types starting with $ are reserved'],
    ['a type longer than 200 characters', [event({ type: 'T'.repeat(201) })], '0.type: Too big'],
    [
      'a number that is not finite',
      [event({ data: { a: Number.POSITIVE_INFINITY } })],
      '0.data.a: Invalid input',
    ],
    ['a Date in the data', [event({ data: { at: new Date(0) } })], '0.data.at: Invalid input'],
    [
      'undefined in the metadata',
      [event(), event({ metadata: { a: [undefined] } })],
      '1.metadata.a: Invalid input',
    ],
  ])('refuses %s, naming the problem as the schema does', (_case, batch, expected) => {
    const issue = appendBatchSchema.safeParse(batch).error!.issues[0];
    const message = `${issue.path.join('.') || 'events'}: ${issue.message}`;
    expect(message.startsWith(expected)).toBe(true);
    expect(() => validateBatch('commitment-1', batch as EventToAppend[])).toThrow(
      new InvalidAppendError('commitment-1', message),
    );
  });

  it('refuses an id twice in one batch, in any case', () => {
    const id = randomUUID();
    expect(() => validateBatch('commitment-1', [event({ id }), event({ id: id.toUpperCase() })])).toThrow(
      'event ids repeat within the batch',
    );
  });

  it('refuses a stream name that is empty or reserved', () => {
    expect(() => validateBatch('', [event()])).toThrow(InvalidAppendError);
    expect(() => validateBatch('$all', [event()])).toThrow(InvalidAppendError);
  });
});
