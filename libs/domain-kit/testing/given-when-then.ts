import type { Command, CommandMetadata, Decider } from '../src/decider';
import { DomainError } from '../src/domain-error';

export const testMetadata = (overrides: Partial<CommandMetadata> = {}): CommandMetadata => ({
  now: '2025-03-20T10:00:00.000Z',
  actor: { kind: 'person', id: 'secretary-1' },
  via: 'api',
  correlationId: 'corr-1',
  ...overrides,
});

/**
 * Given/when/then for a decider:
 * `spec.given([...events]).when(command).then([...events])` or `.thenThrows('CODE')`.
 */
export function deciderSpec<S, C extends Command, E extends { type: string }>(decider: Decider<S, C, E>) {
  return {
    given(events: E[]) {
      const state = events.reduce(decider.evolve, decider.initialState());
      return {
        when(command: C) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: E[]) {
              expect(run()).toEqual(expected);
            },
            thenThrows(code: string) {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(DomainError);
              expect((thrown as DomainError).code).toBe(code);
            },
          };
        },
      };
    },
  };
}
