import { existsSync, readFileSync } from 'node:fs';
import { CONTEXT_EVENTS } from './catalog-read-model';
import { EVENT_SCHEMAS } from './catalog';

describe("the catalog's snapshot version", () => {
  it('follows the event schema file of every context the one pass parses, each of which exists', () => {
    // codeVersion passes over a path that does not exist: a renamed file would leave the version blind to it.
    expect(CONTEXT_EVENTS.filter((path) => !existsSync(path))).toEqual([]);
    expect(CONTEXT_EVENTS).toHaveLength(Object.keys(EVENT_SCHEMAS).length);
    for (const path of CONTEXT_EVENTS)
      expect([path, /EventSchema/.test(readFileSync(path, 'utf8'))]).toEqual([path, true]);
  });
});
