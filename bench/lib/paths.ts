import { join, resolve } from 'node:path';

/** The repository root, seen from dist/bench/lib. */
export const ROOT = resolve(__dirname, '..', '..', '..');
export const DATA = join(ROOT, 'bench', '.data');
export const RESULTS = join(ROOT, 'bench', 'results');
export const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
export const CLI_MAIN = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
export const worker = (name: string) => join(ROOT, 'dist', 'bench', 'workers', `${name}.worker.js`);
