import { Injectable } from '@nestjs/common';
import { Command as CqrsCommand, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commitmentDecider, commitmentEventSchema, commitmentStream } from '@tilneste/commitments';
import type { Command } from '@tilneste/domain-kit';
import { CommandRunner, type ContextSpec, type RunOptions, type RunResult } from '@tilneste/event-sourcing';
import type { DomainEvent } from '@tilneste/event-store';
import { groupDecider, groupEventSchema, groupStream } from '@tilneste/groups';
import { matterDecider, matterEventSchema, matterStream } from '@tilneste/matters';
import { meetingDecider, meetingEventSchema, meetingStream } from '@tilneste/meetings';
import { personDecider, personEventSchema, personStream } from '@tilneste/people';
import { workingGroupDecider, workingGroupEventSchema, workingGroupStream } from '@tilneste/working-groups';

type Spec = ContextSpec<unknown, Command, DomainEvent>;
const spec = (s: unknown) => s as Spec;
const id = (field: string) => (command: Command) => String((command.data as Record<string, unknown>)[field]);

/** Each bounded context: its decider, its event schema, and which stream a command addresses. */
export const CONTEXTS = {
  person: spec({
    decider: personDecider,
    schema: personEventSchema,
    stream: (c: Command) => personStream(id('personId')(c)),
  }),
  group: spec({
    decider: groupDecider,
    schema: groupEventSchema,
    stream: (c: Command) => groupStream(id('groupId')(c)),
  }),
  meeting: spec({
    decider: meetingDecider,
    schema: meetingEventSchema,
    stream: (c: Command) => meetingStream(id('meetingId')(c)),
  }),
  matter: spec({
    decider: matterDecider,
    schema: matterEventSchema,
    stream: (c: Command) => matterStream(id('matterId')(c)),
  }),
  commitment: spec({
    decider: commitmentDecider,
    schema: commitmentEventSchema,
    stream: (c: Command) => commitmentStream(id('commitmentId')(c)),
  }),
  workingGroup: spec({
    decider: workingGroupDecider,
    schema: workingGroupEventSchema,
    stream: (c: Command) => workingGroupStream(id('workingGroupId')(c)),
  }),
};
export type ContextName = keyof typeof CONTEXTS;

/** The one CQRS command: a domain command addressed to a context, with its HTTP options. */
export class ExecuteDomainCommand extends CqrsCommand<RunResult<DomainEvent>> {
  constructor(
    readonly context: ContextName,
    readonly command: Command,
    readonly options: RunOptions = {},
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(ExecuteDomainCommand)
export class ExecuteDomainCommandHandler implements ICommandHandler<ExecuteDomainCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ context, command, options }: ExecuteDomainCommand): Promise<RunResult<DomainEvent>> {
    return this.runner.run(CONTEXTS[context], command, options);
  }
}
