// `node scripts/build-stamp.mjs begin|end`, around `npm run build`. `begin` records when the build started
// and removes the previous stamp; `end` (run only once every step succeeded) makes that dist/.build-stamp.
// A test that runs the built code instead of the sources trusts dist only when no source changed after the
// build started: a file saved during or after it, or a failed build, sends it back to the sources
// (tests/e2e/support/fresh-build.ts).
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const started = `${dist}.build-started`;
const stamp = `${dist}.build-stamp`;

const step = process.argv[2];
if (step === 'begin') {
  mkdirSync(dist, { recursive: true });
  rmSync(stamp, { force: true });
  writeFileSync(started, `${Date.now()}\n`);
} else if (step === 'end') {
  renameSync(started, stamp);
} else {
  console.error('usage: node scripts/build-stamp.mjs begin|end');
  process.exitCode = 2;
}
