import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// docker-compose.yml as `docker-compose config` reads it: secrets only from the environment, only the API published.
const ROOT = join(__dirname, '../..');
const SECRETS = {
  TILNESTE_ADMIN_TOKEN: 'sentinel-admin-token-1',
  TILNESTE_LINK_SECRET: 'sentinel-link-secret-2',
  TILNESTE_CALENDAR_SECRET: 'sentinel-calendar-secret-5',
  EVENTSTORE_ADMIN_PASSWORD: 'sentinel-esdb-password-3',
  REDIS_PASSWORD: 'sentinel-redis-password-4',
  PUBLIC_URL: 'https://tilneste.example.no',
};
const compose = (env: Record<string, string>, ...args: string[]) =>
  spawnSync('docker-compose', ['config', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
  });
const available = !compose(SECRETS).error;

describe('docker-compose.yml', () => {
  it('refuses to render without each secret, naming it', () => {
    if (!available)
      return console.warn('docker-compose is not installed: skipped (apt-get install docker-compose)');
    for (const name of Object.keys(SECRETS)) {
      const rest = Object.fromEntries(Object.entries(SECRETS).filter(([k]) => k !== name));
      const run = compose(rest);
      expect([name, run.status]).not.toEqual([name, 0]);
      expect(run.stderr).toContain(name);
    }
  });

  it('holds no secret of its own and publishes only the API (Mailpit on localhost in the dev profile)', () => {
    if (!available)
      return console.warn('docker-compose is not installed: skipped (apt-get install docker-compose)');
    const run = compose(SECRETS);
    expect(run.status).toBe(0);
    const text = run.stdout;
    for (const value of Object.values(SECRETS)) expect(text).toContain(value);
    expect(text).not.toMatch(/change-me|changeit|EVENTSTORE_INSECURE|tls=false/i);
    // The API's port, and Mailpit's UI bound to localhost (a `dev` profile service); nothing else.
    expect(text.match(/published: \d+/g)).toEqual(['published: 3000']);
    expect(text.match(/^\s+- (\S+:)?\d+:\d+(\/tcp)?$/gm)?.map((l) => l.trim())).toEqual([
      '- 127.0.0.1:8025:8025/tcp',
    ]);
  });
});
