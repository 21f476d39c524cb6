// `node scripts/api-snapshot/build.mjs`, the last step of `npm run build`: makes the API's startup snapshot in
// dist/api-snapshot/ (api.blob, and api.env for scripts/start-api.sh). A module graph that cannot be put in a
// snapshot is not a failed build: it says why and leaves no snapshot, and the API starts without one.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = `${root}scripts/api-snapshot/`;
const dir = `${root}dist/api-snapshot/`;
const files = {
  manifest: `${dir}modules.json`,
  frozen: `${dir}frozen.json`,
  partial: `${dir}api.blob.partial`,
  blob: `${dir}api.blob`,
  env: `${dir}api.env`,
};

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

// Flags from NODE_OPTIONS would be built into the snapshot, and Node refuses it when started without them.
const env = { ...process.env };
delete env.NODE_OPTIONS;
const node = (args) =>
  spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });

function giveUp(why, output = '') {
  rmSync(dir, { recursive: true, force: true });
  const tail = output.trim().split('\n').slice(-25).join('\n');
  console.error(
    `api-snapshot: inget oppstartsbilde; API-et starter uten (no startup snapshot; the API starts without one): ${why}${tail ? `\n${tail}` : ''}`,
  );
  process.exit(0);
}

const recorded = node([`${here}record.cjs`, files.manifest]);
if (recorded.status !== 0) giveUp('record.cjs failed', recorded.stderr);
const built = node([
  '--snapshot-blob',
  files.partial,
  '--build-snapshot',
  `${here}entry.cjs`,
  files.manifest,
  files.frozen,
]);
if (built.status !== 0)
  giveUp(`the snapshot builder exited with ${built.status ?? built.signal}`, built.stderr);

const frozen = JSON.parse(readFileSync(files.frozen, 'utf8'));
const names = [...frozen.env, ...frozen.envPrefixes];
const odd = names.find((name) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
if (odd !== undefined)
  giveUp(`a module read the variable ${JSON.stringify(odd)}, which the launcher cannot check`);

renameSync(files.partial, files.blob);
const quote = (text) => `'${String(text).replace(/'/g, `'\\''`)}'`;
// Written last: scripts/start-api.sh uses the snapshot only when this file is there and agrees with it.
writeFileSync(
  files.env,
  [
    '# Made by scripts/api-snapshot/build.mjs; read by scripts/start-api.sh.',
    `SNAPSHOT_NODE=${quote(process.version)}`,
    `SNAPSHOT_STAMP=${quote(readFileSync(`${root}dist/.build-stamp`, 'utf8').trim())}`,
    `SNAPSHOT_BYTES=${statSync(files.blob).size}`,
    // Read by modules while the snapshot was built, when they were not set: the launcher starts without the
    // snapshot when any of them is set.
    `SNAPSHOT_ENV=${quote(frozen.env.join(' '))}`,
    `SNAPSHOT_ENV_PREFIXES=${quote(frozen.envPrefixes.join(' '))}`,
    '',
  ].join('\n'),
);
