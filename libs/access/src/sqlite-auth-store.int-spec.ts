import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digest, SqliteAuthStore } from './sqlite-auth-store';

describe('the auth store, on a SQLite file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tilneste-auth-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('an OpenID Connect flow', () => {
    it('keeps the page to go on to with the flow, and gives it once', () => {
      const store = new SqliteAuthStore(join(dir, 'auth.db'));
      const flow = { codeVerifier: 'verifier', nonce: 'nonce', returnPath: '/grupper/g-1?tilstand=alle' };
      store.startOidcFlow('state-1', flow, 1_000, 60_000);
      store.startOidcFlow('state-2', { ...flow, returnPath: null }, 1_000, 60_000);
      expect(store.takeOidcFlow('state-1', 2_000)).toEqual(flow);
      expect(store.takeOidcFlow('state-1', 2_000)).toBeUndefined();
      expect(store.takeOidcFlow('state-2', 2_000)).toEqual({ ...flow, returnPath: null });
      expect(store.takeOidcFlow('state-3', 2_000)).toBeUndefined();
      store.close();
    });

    it('gives nothing once the flow has expired', () => {
      const store = new SqliteAuthStore(join(dir, 'auth.db'));
      store.startOidcFlow('state', { codeVerifier: 'v', nonce: 'n', returnPath: '/x' }, 1_000, 60_000);
      expect(store.takeOidcFlow('state', 61_000)).toBeUndefined();
      store.close();
    });

    it('opens a file made before flows kept their page, the flows under way kept', () => {
      const path = join(dir, 'auth.db');
      const old = new Database(path);
      old.exec(`CREATE TABLE oidc_flows (
        state_hash TEXT PRIMARY KEY, code_verifier TEXT NOT NULL, nonce TEXT NOT NULL, expires_at INTEGER NOT NULL
      )`);
      old
        .prepare('INSERT INTO oidc_flows (state_hash, code_verifier, nonce, expires_at) VALUES (?, ?, ?, ?)')
        .run(digest('under-way'), 'v', 'n', 61_000);
      old.close();

      const store = new SqliteAuthStore(path);
      expect(store.takeOidcFlow('under-way', 2_000)).toEqual({
        codeVerifier: 'v',
        nonce: 'n',
        returnPath: null,
      });
      store.startOidcFlow('new', { codeVerifier: 'v', nonce: 'n', returnPath: '/x' }, 2_000, 60_000);
      expect(store.takeOidcFlow('new', 3_000)?.returnPath).toBe('/x');
      store.close();
      // And opened again, the column is not added twice.
      new SqliteAuthStore(path).close();
    });
  });
});
