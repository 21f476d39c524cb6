import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { z } from 'zod';
import type { Command, Decider } from '@tilneste/domain-kit';
import {
  EVENT_STORE,
  StreamNotFoundError,
  WrongExpectedVersionError,
  parseRecordedEvent,
  toEventToAppend,
  type DomainEvent,
  type EventStore,
  type JsonObject,
} from '@tilneste/event-store';
import { PreconditionFailedError } from './errors';
import { READ_MODEL_BARRIER, type ReadModelBarrier } from './read-model-barrier';

const EVENT_ID_NAMESPACE = '8d3b0c52-7c1e-4c9f-9b4e-2f6a1d0e5c11';

export interface RunOptions {
  /** From `If-Match`: the stream must still be at this revision. */
  ifMatch?: bigint;
  /** From `Idempotency-Key` or an import's content hash: makes event ids deterministic. */
  idempotencySeed?: string;
  /** Extra metadata for every event, e.g. the import that caused it. */
  metadata?: JsonObject;
}

export interface RunResult<E> {
  streamName: string;
  /** The stream's revision after the command (unchanged when nothing was decided). */
  revision: bigint | undefined;
  /** Global position of the last event written, for read-your-writes. */
  position: bigint | undefined;
  events: E[];
}

export interface ContextSpec<S, C extends Command, E extends DomainEvent> {
  decider: Decider<S, C, E>;
  schema: z.ZodType<E>;
  stream(command: C): string;
}

const MAX_ATTEMPTS = 3;

/** Read the stream, fold, decide, append with the expected revision; retry a lost race a few times. */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_BARRIER) private readonly barrier: ReadModelBarrier,
  ) {}

  async run<S, C extends Command, E extends DomainEvent>(
    spec: ContextSpec<S, C, E>,
    command: C,
    options: RunOptions = {},
  ): Promise<RunResult<E>> {
    const streamName = spec.stream(command);
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.load(spec, streamName);
      if (options.ifMatch !== undefined && options.ifMatch !== revision) {
        throw new PreconditionFailedError(streamName, options.ifMatch, revision);
      }
      const events = spec.decider.decide(command, state);
      if (events.length === 0) return { streamName, revision, position: undefined, events };
      const metadata = { ...eventMetadata(command), ...options.metadata };
      const toAppend = events.map((event, i) =>
        toEventToAppend(spec.schema, streamName, event, {
          id: options.idempotencySeed
            ? uuidv5(`${options.idempotencySeed}/${streamName}/${String(revision ?? -1n)}/${i}`, EVENT_ID_NAMESPACE)
            : randomUUID(),
          metadata,
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
        if (options.ifMatch !== undefined) throw new PreconditionFailedError(streamName, options.ifMatch, error.actual);
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** The current state and revision of one stream, every event validated on the way out. */
  async load<S, C extends Command, E extends DomainEvent>(spec: ContextSpec<S, C, E>, streamName: string) {
    let state = spec.decider.initialState();
    let revision: bigint | undefined;
    try {
      for await (const recorded of this.store.readStream(streamName)) {
        state = spec.decider.evolve(state, parseRecordedEvent(spec.schema, recorded) as unknown as E);
        revision = recorded.revision;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { state, revision };
  }
}

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
