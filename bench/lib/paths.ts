import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root, seen from dist/bench/lib. */
export const ROOT = resolve(__dirname, '..', '..', '..');
export const DATA = join(ROOT, 'bench', '.data');
export const RESULTS = join(ROOT, 'bench', 'results');
export const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
/** How `npm start` starts the API: from its startup snapshot when there is one for this build and Node. */
export const START_API = join(ROOT, 'scripts', 'start-api.sh');
export const CLI_MAIN = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
export const worker = (name: string) => join(ROOT, 'dist', 'bench', 'workers', `${name}.worker.js`);

/** The peer lives in its own folder (bench/peer): its uuid major is not ours. */
export const PEER = join(ROOT, 'bench', 'peer');
/** Said when the peer row would run without it, before anything else runs. */
export const PEER_MISSING =
  'the peer is not installed: run `npm ci --prefix bench/peer` once (bench/README.md)';
export const peerInstalled = () =>
  existsSync(join(PEER, 'node_modules', '@event-driven-io', 'emmett-sqlite'));
