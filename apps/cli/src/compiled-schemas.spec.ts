import type { z } from 'zod';
import { commitmentEventSchema } from '@tilneste/commitments';
import { compiledSchema, type EventStore, type EventToAppend } from '@tilneste/event-store';
import { EVENT_SCHEMAS } from '@tilneste/projections';
import { DirectSink, generate } from './generate';

type Written = { category: string; event: { type: string; data: Record<string, unknown> } };

/** The events the generator writes, as they would be read back: type and data, by the stream's category. */
async function generatedEvents(count: number): Promise<Written[]> {
  const written: Written[] = [];
  const revisions = new Map<string, bigint>();
  const store = {
    async appendToStream(streamName: string, events: EventToAppend[]) {
      const category = streamName.slice(0, streamName.indexOf('-'));
      for (const e of events)
        written.push({ category, event: JSON.parse(JSON.stringify({ type: e.type, data: e.data })) });
      const revision = (revisions.get(streamName) ?? -1n) + BigInt(events.length);
      revisions.set(streamName, revision);
      return { nextExpectedRevision: revision, position: BigInt(written.length) };
    },
  } as unknown as EventStore;
  await generate(
    { seed: '11', events: count, years: 8, until: '2026-10-31' },
    new DirectSink(store, count, '11'),
  );
  return written;
}

/** What a parse answers, in a form `toEqual` compares: the value, or each issue's code, path and message. */
function answer(result: z.ZodSafeParseResult<unknown>) {
  return result.success
    ? { success: true, data: result.data }
    : {
        success: false,
        issues: result.error.issues.map(({ code, path, message }) => ({ code, path, message })),
      };
}

/** Broken copies of an event: a key missing, a value of the wrong kind, a key too many, an unknown type. */
function broken(event: Written['event']): Written['event'][] {
  const keys = Object.keys(event.data);
  const variants: Written['event'][] = [{ type: 'NoSuchEvent', data: event.data }];
  for (const key of keys) {
    const { [key]: _dropped, ...without } = event.data;
    variants.push({ type: event.type, data: without });
    variants.push({
      type: event.type,
      data: { ...event.data, [key]: typeof event.data[key] === 'string' ? 42 : 'x' },
    });
  }
  variants.push({ type: event.type, data: { ...event.data, unexpected: true } });
  return variants;
}

describe("zod's generated parser in front of an event schema", () => {
  let events: Written[];
  beforeAll(async () => {
    events = await generatedEvents(20_000);
  });

  it('is made once per schema', () => {
    const fast = compiledSchema(commitmentEventSchema);
    expect(fast).not.toBe(commitmentEventSchema);
    expect(compiledSchema(commitmentEventSchema)).toBe(fast);
  });

  it('gives what zod gives for every event the generator writes', () => {
    const types = new Set<string>();
    for (const { category, event } of events) {
      const schema = EVENT_SCHEMAS[category];
      expect(answer(compiledSchema(schema).safeParse(event))).toEqual(answer(schema.safeParse(event)));
      types.add(event.type);
    }
    // Every kind of event of the six contexts the generator writes: a new kind it learns to write is checked too.
    expect(types.size).toBeGreaterThanOrEqual(35);
  });

  it('gives the same issues as zod for broken events of every kind written', () => {
    const firstOfType = new Map<string, Written>();
    for (const written of events)
      if (!firstOfType.has(written.event.type)) firstOfType.set(written.event.type, written);
    let failures = 0;
    for (const { category, event } of firstOfType.values()) {
      const schema = EVENT_SCHEMAS[category];
      for (const variant of broken(event)) {
        const expected = answer(schema.safeParse(variant));
        expect(answer(compiledSchema(schema).safeParse(variant))).toEqual(expected);
        if (!expected.success) failures += 1;
      }
    }
    expect(failures).toBeGreaterThan(100);
  });
});
