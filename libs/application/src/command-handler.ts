import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { z } from 'zod';
import type { Command, CommandInput, CommandMetadata, Decider } from '@tilneste/domain-kit';
import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  parseRecordedEvent,
  toEventToAppend,
  type DomainEvent,
  type EventStore,
  type JsonObject,
} from '@tilneste/event-store';
import { PreconditionFailedError, type ReadModelBarrier } from '@tilneste/event-sourcing';

const EVENT_ID_NAMESPACE = '8d3b0c52-7c1e-4c9f-9b4e-2f6a1d0e5c11';

export type { CommandInput } from '@tilneste/domain-kit';

export interface HandleOptions {
  /** From `If-Match`: the stream must still be at this revision. */
  ifMatch?: bigint;
  /** From `Idempotency-Key`, an import's content hash or a causing event: makes event ids deterministic. */
  idempotencySeed?: string;
  /** Extra metadata for every event, e.g. the import that caused it. */
  metadata?: JsonObject;
}

export interface HandleResult<E> {
  streamName: string;
  /** The stream's revision after the command (unchanged when nothing was decided). */
  revision: bigint | undefined;
  /** Global position of the last event written, for read-your-writes. */
  position: bigint | undefined;
  events: E[];
}

/** One bounded context as the application layer sees it. */
export interface ContextDefinition<S, C extends Command, E extends DomainEvent> {
  decider: Decider<S, C, E>;
  schema: z.ZodType<E>;
  /** The stream a command addresses (one function per context, so category streams work in EventStoreDB). */
  streamOf(command: CommandInput<C>): string;
  /** Rules that read other contexts, checked before the decider; they throw a `DomainError`. */
  check?(command: CommandInput<C>): void;
}

export const MAX_ATTEMPTS = 3;

/**
 * The typed command handler of one context, as EventSourcing.NodeJS's `CommandHandler(store, toStreamId,
 * decider)`: read the stream, fold, decide, append with the expected revision, wait for the read models.
 * A lost race is retried a few times (never with `If-Match`, which answers 412 instead).
 */
export class CommandHandler<S, C extends Command, E extends DomainEvent> {
  constructor(
    private readonly store: EventStore,
    private readonly barrier: ReadModelBarrier,
    readonly context: ContextDefinition<S, C, E>,
  ) {}

  handle(
    input: CommandInput<C>,
    metadata: CommandMetadata,
    options: HandleOptions = {},
  ): Promise<HandleResult<E>> {
    return this.handleAll([input], metadata, options);
  }

  /**
   * Several commands to one stream, decided in turn on the state each leaves, and appended as one batch:
   * all of them are recorded or none (a page's form that opens a matter and records its decision).
   */
  async handleAll(
    inputs: readonly CommandInput<C>[],
    metadata: CommandMetadata,
    options: HandleOptions = {},
  ): Promise<HandleResult<E>> {
    if (inputs.length === 0) throw new Error('handleAll needs at least one command');
    for (const input of inputs) this.context.check?.(input);
    const commands = inputs.map((input) => ({ ...input, metadata }) as unknown as C);
    const streamName = this.context.streamOf(inputs[0]);
    if (inputs.some((input) => this.context.streamOf(input) !== streamName))
      throw new Error(`handleAll: every command must address ${streamName}`);
    const { decider } = this.context;
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(streamName);
      const { revision } = loaded;
      if (options.ifMatch !== undefined && options.ifMatch !== revision) {
        throw new PreconditionFailedError(streamName, options.ifMatch, revision);
      }
      let state = loaded.state;
      const decided: { command: C; event: E }[] = [];
      for (const command of commands) {
        for (const event of decider.decide(command, state)) {
          state = decider.evolve(state, event);
          decided.push({ command, event });
        }
      }
      const events = decided.map((d) => d.event);
      if (events.length === 0) return { streamName, revision, position: undefined, events };
      const toAppend = decided.map(({ command, event }, i) =>
        toEventToAppend(this.context.schema, streamName, event, {
          id: eventId(options.idempotencySeed, streamName, revision, i),
          metadata: { ...eventMetadata(command), ...options.metadata },
        }),
      );
      try {
        const result = await this.store.appendToStream(streamName, toAppend, {
          expectedRevision: revision ?? 'no_stream',
        });
        await this.barrier.waitFor(result.position);
        return { streamName, revision: result.nextExpectedRevision, position: result.position, events };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (options.ifMatch !== undefined)
          throw new PreconditionFailedError(streamName, options.ifMatch, error.actual);
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** The current state and revision of one stream, every event validated on the way out. */
  async load(streamName: string): Promise<{ state: S; revision: bigint | undefined }> {
    const { decider, schema } = this.context;
    let state = decider.initialState();
    let revision: bigint | undefined;
    try {
      for await (const recorded of this.store.readStream(streamName)) {
        state = decider.evolve(state, parseRecordedEvent(schema, recorded) as unknown as E);
        revision = recorded.revision;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { state, revision };
  }
}

/**
 * Deterministic under a seed: the same seed, stream, starting revision and index give the same id, so a
 * retried request re-appends the identical batch (which the store accepts once). Random otherwise.
 */
export function eventId(
  seed: string | undefined,
  streamName: string,
  revision: bigint | undefined,
  index: number,
): string {
  return seed
    ? uuidv5(`${seed}/${streamName}/${String(revision ?? -1n)}/${index}`, EVENT_ID_NAMESPACE)
    : randomUUID();
}

/** The metadata every event carries, built in this one place from the command's. */
export function eventMetadata(command: Command): JsonObject {
  const { metadata } = command;
  return {
    actor: { kind: metadata.actor.kind, id: metadata.actor.id },
    via: metadata.via,
    at: metadata.now,
    command: command.type,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId ?? null,
  };
}
