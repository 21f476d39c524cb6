import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Makes sure a data file exists and only its owner may read or write it (0600), its folder made 0700 when
 * new. SQLite gives its -wal and -shm files the mode of the database file, so they follow.
 */
export function ownerOnlyFile(path: string): void {
  if (path === ':memory:' || path === '') return;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}
