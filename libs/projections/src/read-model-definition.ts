import type { RecordedEvent } from '@tilneste/event-store';
import type { SnapshotPart } from './snapshot/read-model-snapshot';

/** One in-memory read model: its state, how an event changes it, and its part in a snapshot. */
export interface ReadModel<S> {
  state: S;
  apply(event: RecordedEvent): void;
  part: SnapshotPart;
}

/** Where a definition can be found again from another thread: the module that exports it, and its name. */
export interface ReadModelRef {
  module: string;
  name: string;
}

/**
 * How to make a fresh read model, and where that recipe lives. The API's host makes its read models from
 * these, and the snapshot worker makes the same ones again from the refs the host sends it, so the two
 * cannot disagree on which read models there are.
 */
export interface ReadModelDefinition<S> extends ReadModelRef {
  create(): ReadModel<S>;
}

const DEFINITION = Symbol.for('tilneste.read-model-definition');

/**
 * Defines a read model; export the result from `module` (pass `__filename`), so a worker thread can require it.
 * The name is the snapshot part's.
 */
export function defineReadModel<S>(
  module: string,
  name: string,
  create: () => ReadModel<S>,
): ReadModelDefinition<S> {
  return {
    module,
    name,
    create: () => {
      const made = create();
      if (made.part.name !== name)
        throw new Error(`the read model ${name} made a snapshot part named ${made.part.name}`);
      return made;
    },
    [DEFINITION]: true,
  } as ReadModelDefinition<S>;
}

/** The definitions these refs name, required from their modules (in a worker thread: loaded there for the first time). */
export function loadReadModelDefinitions(refs: ReadModelRef[]): ReadModelDefinition<unknown>[] {
  return refs.map(({ module, name }) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(module) as Record<string, unknown>;
    const found = Object.values(exports).find(
      (value): value is ReadModelDefinition<unknown> =>
        typeof value === 'object' &&
        value !== null &&
        DEFINITION in value &&
        (value as { name?: unknown }).name === name,
    );
    if (!found) throw new Error(`${module} exports no read model named ${name}`);
    return found;
  });
}
