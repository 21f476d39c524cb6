import { ConfigError, loadConfig, redactUrl } from './config';

/** What production needs besides the setting under test. */
const PRODUCTION = {
  NODE_ENV: 'production',
  TILNESTE_ADMIN_TOKEN: 'a'.repeat(16),
  TILNESTE_LINK_SECRET: 'b'.repeat(32),
  MAIL_FROM: 'Tilneste <tilneste@sorfjord.kommune.no>',
};

const problems = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as ConfigError).problems;
  }
  return [];
};

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    const config = loadConfig({}, () => 'generated-token-123456');
    expect(config).toMatchObject({
      EVENT_STORE: 'sqlite',
      SQLITE_PATH: './data/tilneste.db',
      SQLITE_WRITER: 'inline',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: 3000,
      PUBLIC_URL: 'http://localhost:3000',
      TILNESTE_ADMIN_TOKEN: 'generated-token-123456',
      adminTokenGenerated: true,
    });
  });

  it('names the variable and what is wrong', () => {
    expect(problems({ PORT: 'abc' })).toEqual(['PORT: must be a whole number (got "abc")']);
    expect(problems({ PORT: '70000' })).toEqual(['PORT: must be between 1 and 65535 (got "70000")']);
    expect(problems({ EVENT_STORE: 'postgres' })).toEqual([
      `EVENT_STORE: must be 'sqlite' or 'eventstoredb' (got "postgres")`,
    ]);
    expect(problems({ REDIS_URL: 'localhost:6379' })[0]).toMatch(
      /^REDIS_URL: must be a URL starting with redis:\/\//,
    );
    expect(problems({ TILNESTE_ADMIN_TOKEN: 'short' })[0]).toMatch(
      /^TILNESTE_ADMIN_TOKEN: must be at least 16/,
    );
  });

  it('never echoes a secret or a URL that may hold a password', () => {
    const said = problems({ TILNESTE_ADMIN_TOKEN: 'hunter2-short', REDIS_URL: 'http://u:pa55word@x' }).join(
      '\n',
    );
    expect(said).toMatch(/TILNESTE_ADMIN_TOKEN: must be at least 16/);
    expect(said).toMatch(/REDIS_URL: must be a URL/);
    expect(said).not.toMatch(/hunter2|pa55word/);
  });

  it('requires the admin token and a link secret of its own in production', () => {
    expect(problems({ NODE_ENV: 'production', MAIL_FROM: PRODUCTION.MAIL_FROM })).toEqual([
      'TILNESTE_ADMIN_TOKEN: is required when NODE_ENV=production',
      'TILNESTE_LINK_SECRET: is required when NODE_ENV=production',
    ]);
  });

  it('needs a client id for OpenID Connect, and https for its issuer in production', () => {
    expect(problems({ OIDC_ISSUER: 'https://login.example.no' })).toEqual([
      'OIDC_CLIENT_ID: is required when OIDC_ISSUER is set',
    ]);
    expect(problems({ ...PRODUCTION, OIDC_ISSUER: 'http://idp', OIDC_CLIENT_ID: 'x' })).toEqual([
      'OIDC_ISSUER: must be https in production (got "http://idp")',
    ]);
  });

  it('scales the rate limits by a positive factor, 1 unless told', () => {
    expect(loadConfig({}).RATE_LIMIT_SCALE).toBe(1);
    expect(loadConfig({ RATE_LIMIT_SCALE: '50' }).RATE_LIMIT_SCALE).toBe(50);
    expect(problems({ RATE_LIMIT_SCALE: '0' })).toEqual([
      'RATE_LIMIT_SCALE: must be greater than zero (got "0")',
    ]);
  });

  it('reads each rate-limit budget as requests, or requests per seconds, the shipped ones unless told', () => {
    const shipped = loadConfig({});
    expect(shipped.RATE_LIMIT_SIGN_IN_PER_ADDRESS).toEqual({ points: 20, seconds: 900 });
    expect(shipped.RATE_LIMIT_SIGN_IN_PER_ACCOUNT).toEqual({ points: 5, seconds: 900 });
    expect(shipped.RATE_LIMIT_IMPORTS_PER_ACCOUNT).toEqual({ points: 30, seconds: 3600 });
    const set = loadConfig({
      RATE_LIMIT_SIGN_IN_PER_ADDRESS: '200/600',
      RATE_LIMIT_LINKS_PER_ADDRESS: '300',
    });
    expect(set.RATE_LIMIT_SIGN_IN_PER_ADDRESS).toEqual({ points: 200, seconds: 600 });
    expect(set.RATE_LIMIT_LINKS_PER_ADDRESS).toEqual({ points: 300, seconds: 900 });
  });

  it('refuses a rate-limit budget that is not a count of requests, naming the variable', () => {
    const format = 'must be a number of requests from 1 to 999999, or requests/seconds such as 20/900';
    expect(problems({ RATE_LIMIT_SIGN_IN_PER_ADDRESS: 'lots' })).toEqual([
      `RATE_LIMIT_SIGN_IN_PER_ADDRESS: ${format} (got "lots")`,
    ]);
    expect(problems({ RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '0' })).toEqual([
      `RATE_LIMIT_SIGN_IN_PER_ACCOUNT: ${format} (got "0")`,
    ]);
    expect(problems({ RATE_LIMIT_IMPORTS_PER_ADDRESS: '20/0' })).toEqual([
      `RATE_LIMIT_IMPORTS_PER_ADDRESS: ${format} (got "20/0")`,
    ]);
    expect(problems({ RATE_LIMIT_LINKS_PER_ACCOUNT: '5/900000' })).toEqual([
      'RATE_LIMIT_LINKS_PER_ACCOUNT: must have a window of at most 604800 s (7 days) (got "5/900000")',
    ]);
    expect(() => loadConfig({ RATE_LIMIT_SIGN_IN_LINK_PER_ADDRESS: '-1' })).toThrow(
      /^Ugyldig konfigurasjon[^]*RATE_LIMIT_SIGN_IN_LINK_PER_ADDRESS: must be a number/,
    );
  });

  it('keeps sign-ins in a file beside the store', () => {
    expect(loadConfig({ SQLITE_PATH: '/var/lib/t/main.db' }).AUTH_SQLITE_PATH).toBe(
      '/var/lib/t/main.auth.db',
    );
  });

  it('strips credentials from a URL before it is logged', () => {
    expect(redactUrl('redis://:s3cret@cache:6379/0')).toBe('redis://cache:6379/0');
    expect(redactUrl('redis://user:s3cret@cache:6379')).toBe('redis://cache:6379');
    expect(redactUrl('redis://cache:6379')).toBe('redis://cache:6379');
    expect(redactUrl('not a url')).toBe('[URL]');
  });

  it('requires a connection string for EventStoreDB', () => {
    expect(problems({ EVENT_STORE: 'eventstoredb' })[0]).toMatch(
      /^EVENTSTORE_CONNECTION_STRING: is required/,
    );
    expect(
      loadConfig({
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      }).EVENTSTORE_CONNECTION_STRING,
    ).toBe('esdb://localhost:2113?tls=false');
  });

  it('reports every bad variable at once and keeps a configured token', () => {
    expect(problems({ PORT: '0', SMTP_URL: 'mail' })).toHaveLength(2);
    const config = loadConfig({ TILNESTE_ADMIN_TOKEN: 'a-long-enough-admin-token' });
    expect(config.adminTokenGenerated).toBe(false);
  });
});

describe('loadConfig in production', () => {
  it('refuses a localhost sender, the default included, in one line naming MAIL_FROM', () => {
    const { MAIL_FROM: _, ...rest } = PRODUCTION;
    expect(problems(rest)).toEqual([
      'MAIL_FROM: must be a real sender address in production, not one at localhost (e.g. "Tilneste <tilneste@kommune.no>")',
    ]);
    expect(problems({ ...rest, MAIL_FROM: 'Tilneste <varsel@mail.localhost>' })).toHaveLength(1);
    expect(() => loadConfig({ ...rest, MAIL_FROM: 'x@localhost' })).toThrow(
      /^Ugyldig konfigurasjon[^]*MAIL_FROM: .* \(got "x@localhost"\)$/,
    );
  });

  it('accepts a real sender in production, and localhost outside it', () => {
    expect(problems(PRODUCTION)).toEqual([]);
    expect(problems({ MAIL_FROM: 'Tilneste <tilneste@localhost>' })).toEqual([]);
  });
});
