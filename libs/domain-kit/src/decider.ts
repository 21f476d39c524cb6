/** Who did something: a person, an API client (token), or the system itself (a policy, a reconciler). */
export type Actor =
  { kind: 'person'; id: string } | { kind: 'client'; id: string } | { kind: 'system'; id: string };

/** Through what the command came in; kept on every event for the audit trail. */
export type Via = 'api' | 'web' | 'email-link' | 'import' | 'cli' | 'system';

/** Carried by every command; the domain never reads the clock itself. */
export interface CommandMetadata {
  /** ISO 8601 instant. */
  now: string;
  actor: Actor;
  via: Via;
  correlationId: string;
  causationId?: string;
}

export type Command<Type extends string = string, Data = unknown> = {
  type: Type;
  data: Data;
  metadata: CommandMetadata;
};

/** A command as a caller writes it, before the shell adds metadata. Distributive: `data` is checked per `type`. */
export type CommandInput<C extends Command> =
  C extends Command<infer T, infer D> ? { type: T; data: D } : never;

/** A pure decision function and its fold, in the emmett shape. */
export interface Decider<State, C extends Command, E extends { type: string }> {
  initialState(): State;
  evolve(state: State, event: E): State;
  /** Returns the new events, or throws a `DomainError` for a broken rule. */
  decide(command: C, state: State): E[];
}

export const fold = <State, E>(
  evolve: (s: State, e: E) => State,
  initial: State,
  events: readonly E[],
): State => events.reduce(evolve, initial);

/** Exhaustiveness guard for the `default` of every switch over a union. */
export function unreachable(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
