import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess } from './support/server';

// The test support's handle on the real API process: a second stop, or one during a stop, awaits the same
// stop; a process that dies at start fails the start with what it wrote.
jest.setTimeout(150_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-api-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const answers = async (api: ApiProcess) => {
  try {
    return (await fetch(`${api.url}/health`, { signal: AbortSignal.timeout(5_000) })).ok;
  } catch {
    return false;
  }
};

describe('the API process of the end-to-end tests', () => {
  it('stops once however often it is told to, one call after another or all at once', async () => {
    const api = new ApiProcess(join(dir, 'twice.db'), { TILNESTE_EMBEDDED_WORKER: 'false' });
    await api.start();
    expect(await answers(api)).toBe(true);
    await api.stop();
    expect(await answers(api)).toBe(false);
    await api.stop();

    await api.start();
    expect(await answers(api)).toBe(true);
    const first = api.stop();
    expect(api.stop()).toBe(first);
    await Promise.all([first, api.stop()]);
    expect(await answers(api)).toBe(false);
  });

  it('fails a start the process does not survive, with what the process wrote', async () => {
    const api = new ApiProcess(join(dir, 'bad.db'), { TILNESTE_LINK_SECRET: 'too-short' });
    await expect(api.start()).rejects.toThrow(/API exited \(1\)[\s\S]*TILNESTE_LINK_SECRET/);
    await api.stop();
  });
});
