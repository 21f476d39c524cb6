import { commitmentEventSchema, commitmentsDecider, commitmentStream } from '@tilneste/commitments';
import type { Command } from '@tilneste/domain-kit';
import type { DomainEvent, EventStore } from '@tilneste/event-store';
import type { ReadModelBarrier } from '@tilneste/event-sourcing';
import { groupEventSchema, groupsDecider, groupStream } from '@tilneste/groups';
import { matterEventSchema, mattersDecider, matterStream } from '@tilneste/matters';
import { meetingEventSchema, meetingsDecider, meetingStream } from '@tilneste/meetings';
import { personEventSchema, peopleDecider, personStream } from '@tilneste/people';
import type { Catalog } from '@tilneste/projections';
import { workingGroupEventSchema, workingGroupsDecider, workingGroupStream } from '@tilneste/working-groups';
import { CommandHandler, type CommandInput, type ContextDefinition } from './command-handler';
import {
  commitmentRules,
  groupRules,
  matterRules,
  meetingRules,
  personRules,
  workingGroupRules,
} from './rules';

/**
 * The six bounded contexts, each with its decider, events, stream and, given the read models, the rules
 * that read other contexts. Without read models (a bulk writer that decides alone) there are no such checks.
 */
export function contexts(catalog?: () => Catalog) {
  const checked = <C>(rules: (catalog: Catalog, command: C) => void) =>
    catalog ? (command: C) => rules(catalog(), command) : undefined;
  return {
    person: define({
      decider: peopleDecider,
      schema: personEventSchema,
      streamOf: (c) => personStream(c.data.personId),
      check: checked(personRules),
    }),
    group: define({
      decider: groupsDecider,
      schema: groupEventSchema,
      streamOf: (c) => groupStream(c.data.groupId),
      check: checked(groupRules),
    }),
    meeting: define({
      decider: meetingsDecider,
      schema: meetingEventSchema,
      streamOf: (c) => meetingStream(c.data.meetingId),
      check: checked(meetingRules),
    }),
    matter: define({
      decider: mattersDecider,
      schema: matterEventSchema,
      streamOf: (c) => matterStream(c.data.matterId),
      check: checked(matterRules),
    }),
    commitment: define({
      decider: commitmentsDecider,
      schema: commitmentEventSchema,
      streamOf: (c) => commitmentStream(c.data.commitmentId),
      check: checked(commitmentRules),
    }),
    workingGroup: define({
      decider: workingGroupsDecider,
      schema: workingGroupEventSchema,
      streamOf: (c) => workingGroupStream(c.data.workingGroupId),
      check: checked(workingGroupRules),
    }),
  };
}

/** Infers a context's types from its decider, so its commands are checked against the decider's union. */
const define = <S, C extends Command, E extends DomainEvent>(definition: ContextDefinition<S, C, E>) =>
  definition;

type Contexts = ReturnType<typeof contexts>;
export type ContextName = keyof Contexts;
/* eslint-disable @typescript-eslint/no-explicit-any -- only to infer the parameters back out */
type HandlerOf<D> = D extends ContextDefinition<infer S, infer C, infer E> ? CommandHandler<S, C, E> : never;
export type Handlers = { [K in ContextName]: HandlerOf<Contexts[K]> };
export type InputOf<K extends ContextName> =
  Contexts[K] extends ContextDefinition<any, infer C, any> ? CommandInput<C> : never;
/* eslint-enable @typescript-eslint/no-explicit-any */
/** A command addressed to a context, e.g. `{ context: 'commitment', type: 'CompleteCommitment', data }`. */
export type AddressedCommand = {
  [K in ContextName]: { context: K } & InputOf<K>;
}[ContextName];

/** Every context's typed command handler over one store and one set of read models. */
export class Application {
  readonly handlers: Handlers;

  constructor(
    readonly store: EventStore,
    barrier: ReadModelBarrier,
    readonly catalog: () => Catalog,
  ) {
    const defined = contexts(catalog);
    this.handlers = Object.fromEntries(
      Object.entries(defined).map(([name, definition]) => [
        name,
        new CommandHandler(store, barrier, definition as ContextDefinition<unknown, never, never>),
      ]),
    ) as unknown as Handlers;
  }
}
