import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
/** When the last build started; written by `npm run build` once every step succeeded (build-stamp.mjs). */
export const BUILD_STAMP = join(ROOT, 'dist/.build-stamp');

// Tests are not built; every other file may be (code) or be copied or read by what is (assets, fixtures).
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.tsx?$/;

/** The newest change under a directory: an edit (tests aside), or a file added, removed or moved in it. */
function newestChange(dir: string): number {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestChange(path));
    else if (!TEST_FILE.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Whether dist/ was built from the sources as they are now: the last build succeeded and started after the
 * last change to apps/, libs/ or the build's settings. `npm test` builds first, so there it is; a jest run
 * after an edit without a build is not, and a test that would run dist/ must use the sources instead.
 */
export function distIsFresh(): boolean {
  let builtAt: number;
  try {
    builtAt = Number(readFileSync(BUILD_STAMP, 'utf8'));
  } catch {
    return false;
  }
  if (!Number.isFinite(builtAt)) return false;
  const settings = ['package.json', 'tsconfig.json', 'tsconfig.build.json'].map(
    (f) => statSync(join(ROOT, f)).mtimeMs,
  );
  const changed = Math.max(...settings, newestChange(join(ROOT, 'apps')), newestChange(join(ROOT, 'libs')));
  return changed < builtAt;
}
