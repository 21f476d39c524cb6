/* eslint-disable @typescript-eslint/no-require-imports -- the spec loads modules into a registry of its own, which needs require */
/**
 * The read-ahead thread (read-ahead.worker.ts) loads only what it uses: with zod and the store's whole entry
 * a new thread spent about 100 ms before its first batch, while the rebuild waited for it.
 */
describe("the read-ahead thread's modules", () => {
  /** Loads the modules inside a registry where loading zod throws. */
  const withoutZod = (load: () => void) => () =>
    jest.isolateModules(() => {
      jest.doMock('zod', () => {
        throw new Error('zod was loaded');
      });
      load();
    });

  it('load without zod', () => {
    expect(
      withoutZod(() => {
        require('@tilneste/event-store/rows');
        require('./person-key-store');
        require('./personal-fields');
      }),
    ).not.toThrow();
  });

  it('and the check notices zod: the entries they avoid load it', () => {
    expect(withoutZod(() => require('@tilneste/event-store'))).toThrow('zod was loaded');
    expect(withoutZod(() => require('@tilneste/people'))).toThrow('zod was loaded');
  });
});
