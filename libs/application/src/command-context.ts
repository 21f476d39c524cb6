import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { Actor, CommandMetadata, Via } from '@tilneste/domain-kit';
import { isoNow, type DomainEvent, type JsonObject } from '@tilneste/event-store';
import type { AddressedCommand, Application, ContextName, InputOf } from './application';
import type { HandleResult } from './command-handler';

const ID_NAMESPACE = '3f0f6f0e-5a5e-4c41-8a8f-0c7b9a1d2e33';

export interface RunOptions {
  /** `If-Match` applies to a request's first command only; later ones say `false`. */
  useIfMatch?: boolean;
  causationId?: string;
  metadata?: JsonObject;
}

/**
 * One unit of work as the shell sees it: who acts, when, through what, with which correlation, an
 * optional `If-Match` and `Idempotency-Key`; new ids that are stable under that key; and typed commands
 * to any context. HTTP, the CLI, the import, e-mail links and the generator all write through one.
 */
export class CommandContext {
  private ids = 0;

  constructor(
    private readonly app: Application,
    readonly metadata: CommandMetadata,
    readonly ifMatch?: bigint,
    /** Makes new ids and event ids deterministic: the idempotency key, or an import's content hash. */
    readonly key?: string,
  ) {}

  /** A context for a caller outside HTTP (the CLI, a policy, the generator). */
  static start(
    app: Application,
    actor: Actor,
    via: Via,
    options: { now?: string; correlationId?: string; causationId?: string; key?: string } = {},
  ): CommandContext {
    const metadata: CommandMetadata = {
      now: options.now ?? isoNow(),
      actor,
      via,
      correlationId: options.correlationId ?? randomUUID(),
      ...(options.causationId ? { causationId: options.causationId } : {}),
    };
    return new CommandContext(app, metadata, undefined, options.key);
  }

  /** The same unit of work seen through another channel, cause or key, e.g. an import. */
  as(
    changes: Partial<Pick<CommandMetadata, 'via' | 'causationId' | 'now'>> & { key?: string },
  ): CommandContext {
    const { key, ...metadata } = changes;
    return new CommandContext(this.app, { ...this.metadata, ...metadata }, this.ifMatch, key ?? this.key);
  }

  newId(): string {
    this.ids += 1;
    return this.key ? uuidv5(`${this.key}/${this.ids}`, ID_NAMESPACE) : randomUUID();
  }

  /** Runs one command through its context's handler; a misspelt type or field does not compile. */
  run<K extends ContextName>(
    context: K,
    input: InputOf<K>,
    options: RunOptions = {},
  ): Promise<HandleResult<DomainEvent>> {
    const metadata = options.causationId
      ? { ...this.metadata, causationId: options.causationId }
      : this.metadata;
    const handler = this.app.handlers[context] as unknown as {
      handle(input: unknown, metadata: CommandMetadata, options: object): Promise<HandleResult<DomainEvent>>;
    };
    return handler.handle(input, metadata, {
      ifMatch: options.useIfMatch === false ? undefined : this.ifMatch,
      idempotencySeed: this.key,
      metadata: options.metadata,
    });
  }

  /**
   * Several commands to one stream of a context, recorded together or not at all (each still checked by
   * its rules and its decider, in turn).
   */
  runAll<K extends ContextName>(
    context: K,
    inputs: readonly InputOf<K>[],
    options: RunOptions = {},
  ): Promise<HandleResult<DomainEvent>> {
    const metadata = options.causationId
      ? { ...this.metadata, causationId: options.causationId }
      : this.metadata;
    const handler = this.app.handlers[context] as unknown as {
      handleAll(
        inputs: readonly unknown[],
        metadata: CommandMetadata,
        options: object,
      ): Promise<HandleResult<DomainEvent>>;
    };
    return handler.handleAll(inputs, metadata, {
      ifMatch: options.useIfMatch === false ? undefined : this.ifMatch,
      idempotencySeed: this.key,
      metadata: options.metadata,
    });
  }

  /** A command addressed to its context, as the import plan and the generator make them. */
  send(command: AddressedCommand, options: RunOptions = {}): Promise<HandleResult<DomainEvent>> {
    const { context, type, data } = command;
    return this.run(context, { type, data } as InputOf<typeof context>, options);
  }
}
