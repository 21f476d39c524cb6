import { z } from 'zod';

const port = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  );

// An ISO 8601 duration such as PT5M or PT30S, kept as text; readers turn it into milliseconds.
const duration = z
  .string()
  .regex(
    /^P(?:\d+W|(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$/,
    'must be an ISO 8601 duration such as PT5M',
  )
  .refine(
    (v) => v !== 'P' && /\d/.test(v) && !/^P(?:0+[DW])?(?:T(?:0+[HMS])*)?$/.test(v),
    'must be longer than zero',
  );

/**
 * A rate-limit budget: `<requests>` or `<requests>/<seconds>` (e.g. `20/900`); a count alone keeps the
 * shipped window.
 */
const rateBudget = (requests: number, seconds: number) =>
  z
    .string()
    .regex(
      /^\s*[1-9]\d{0,5}\s*(?:\/\s*[1-9]\d{0,6}\s*)?$/,
      'must be a number of requests from 1 to 999999, or requests/seconds such as 20/900',
    )
    .refine(
      (v) => Number(v.split('/')[1] ?? seconds) <= 604_800,
      'must have a window of at most 604800 s (7 days)',
    )
    .default(`${requests}/${seconds}`)
    .transform((v) => {
      const [count, window] = v.split('/');
      return { points: Number(count), seconds: Number(window ?? seconds) } as const;
    });

const schema = z
  .object({
    EVENT_STORE: z
      .enum(['sqlite', 'eventstoredb'], { error: "must be 'sqlite' or 'eventstoredb'" })
      .default('sqlite'),
    SQLITE_PATH: z.string().min(1, 'must not be empty').default('./data/tilneste.db'),
    // Where the SQLite store commits: the event loop's own thread (the default: measured faster for one writer)
    // or a worker thread with its own connection.
    SQLITE_WRITER: z.enum(['thread', 'inline'], { error: "must be 'thread' or 'inline'" }).default('inline'),
    // The read models' snapshot: a file, or 'off'; by default beside the SQLite file (none for EventStoreDB).
    READ_MODEL_SNAPSHOT: z.string().min(1).optional(),
    READ_MODEL_SNAPSHOT_EVERY_EVENTS: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1)
      .default(100_000),
    READ_MODEL_SNAPSHOT_EVERY: duration.default('PT15M'),
    EVENTSTORE_CONNECTION_STRING: url(['esdb:', 'esdb+discover:']).optional(),
    REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    SMTP_URL: url(['smtp:', 'smtps:']).default('smtp://127.0.0.1:1025'),
    TILNESTE_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    TILNESTE_READ_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    PORT: port.default(3000),
    PUBLIC_URL: url(['http:', 'https:']).optional(),
    MAIL_FROM: z.string().min(3).default('Tilneste <tilneste@localhost>'),
    TILNESTE_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Sign-ins, sessions and personal tokens; by default a file beside SQLITE_PATH (`<name>.auth.db`). */
    AUTH_SQLITE_PATH: z.string().min(1, 'must not be empty').optional(),
    /** Each person's data key (erasure deletes it); owner-only, beside the store by default, also with EventStoreDB. */
    KEYS_SQLITE_PATH: z.string().min(1, 'must not be empty').optional(),
    SESSION_TTL: duration.default('P7D'),
    SIGN_IN_LINK_TTL: duration.default('PT15M'),
    /** The Swagger UI without sign-in in production (it is always open in development). */
    TILNESTE_PUBLIC_DOCS: z
      .enum(['true', 'false', '1', '0'], { error: "must be 'true' or 'false'" })
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    /** Express `trust proxy`: hops or addresses of reverse proxies whose X-Forwarded-For names the client (rate limits). */
    TRUST_PROXY: z
      .string()
      .regex(
        /^(\d{1,2}|loopback|uniquelocal|[0-9a-fA-F.:/, ]{1,300})$/,
        'must be a hop count, loopback, uniquelocal or proxy addresses',
      )
      .optional(),
    /** Multiplies every rate-limit budget (1 = as shipped); a test server that sends much on purpose raises it. */
    RATE_LIMIT_SCALE: z.coerce
      .number({ error: 'must be a number' })
      .positive('must be greater than zero')
      .max(10_000, 'must be at most 10000')
      .default(1),
    // Each budget per client address and per account (a person, a token, an e-mail address); the scale above
    // multiplies the count.
    RATE_LIMIT_SIGN_IN_PER_ADDRESS: rateBudget(20, 900),
    RATE_LIMIT_SIGN_IN_PER_ACCOUNT: rateBudget(5, 900),
    RATE_LIMIT_SIGN_IN_LINK_PER_ADDRESS: rateBudget(30, 900),
    RATE_LIMIT_SIGN_IN_LINK_PER_ACCOUNT: rateBudget(10, 900),
    RATE_LIMIT_LINKS_PER_ADDRESS: rateBudget(60, 900),
    RATE_LIMIT_LINKS_PER_ACCOUNT: rateBudget(40, 900),
    RATE_LIMIT_IMPORTS_PER_ADDRESS: rateBudget(60, 3600),
    RATE_LIMIT_IMPORTS_PER_ACCOUNT: rateBudget(30, 3600),
    /** OpenID Connect sign-in: on when the issuer is set. */
    OIDC_ISSUER: url(['https:', 'http:']).optional(),
    OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
    OIDC_SCOPES: z
      .string()
      .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'must be scopes separated by single spaces')
      .default('openid email profile'),
    TILNESTE_CALENDAR_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    TILNESTE_EMBEDDED_WORKER: z
      .enum(['true', 'false', '1', '0'], { error: "must be 'true' or 'false'" })
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
    REMINDER_QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,50}$/, 'must be 1 to 50 letters, digits, - or _')
      .default('tilneste'),
    REMINDER_RECONCILE_EVERY: duration.default('PT5M'),
    REMINDER_RETRY_BASE: duration.default('PT30S'),
    REMINDER_ATTEMPTS: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1)
      .max(50)
      .default(8),
    NODE_ENV: z.string().default('development'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production') {
      for (const name of ['TILNESTE_ADMIN_TOKEN', 'TILNESTE_LINK_SECRET'] as const) {
        if (!env[name])
          ctx.addIssue({ code: 'custom', path: [name], message: 'is required when NODE_ENV=production' });
      }
    }
    if (env.OIDC_ISSUER && !env.OIDC_CLIENT_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_CLIENT_ID'],
        message: 'is required when OIDC_ISSUER is set',
      });
    }
    if (env.OIDC_ISSUER?.startsWith('http:') && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'must be https in production' });
    }
    if (env.NODE_ENV === 'production' && isLocalSender(env.MAIL_FROM)) {
      ctx.addIssue({
        code: 'custom',
        path: ['MAIL_FROM'],
        message:
          'must be a real sender address in production, not one at localhost (e.g. "Tilneste <tilneste@kommune.no>")',
      });
    }
    if (env.EVENT_STORE === 'eventstoredb' && !env.EVENTSTORE_CONNECTION_STRING) {
      ctx.addIssue({
        code: 'custom',
        path: ['EVENTSTORE_CONNECTION_STRING'],
        message: 'is required when EVENT_STORE=eventstoredb (e.g. esdb://localhost:2113?tls=false)',
      });
    }
  });

/** `Tilneste <tilneste@localhost>`: mail from it is dropped or marked as spam, and its Message-IDs are not unique. */
function isLocalSender(from: string): boolean {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
  const domain = address.split('@')[1]?.toLowerCase() ?? '';
  return (
    domain === '' ||
    domain === 'localhost' ||
    domain.endsWith('.localhost') ||
    domain === 'localhost.localdomain' ||
    /^\[?127\./.test(domain)
  );
}

export type Config = Omit<
  z.output<typeof schema>,
  'PUBLIC_URL' | 'READ_MODEL_SNAPSHOT' | 'AUTH_SQLITE_PATH' | 'KEYS_SQLITE_PATH'
> & {
  PUBLIC_URL: string;
  /** A file path, or 'off'. */
  READ_MODEL_SNAPSHOT: string;
  AUTH_SQLITE_PATH: string;
  KEYS_SQLITE_PATH: string;
  /** True when the admin token was made up at start because none was configured. */
  adminTokenGenerated: boolean;
};

const SECRET = /TOKEN|SECRET|PASSWORD|_URL$|CONNECTION_STRING/;

/** A file next to the SQLite store: `data/tilneste.db` → `data/tilneste.<suffix>`. */
export function besideStore(sqlitePath: string, suffix: string): string {
  return `${sqlitePath.replace(/\.(db|sqlite3?)$/i, '')}.${suffix}`;
}

/** Where the person keys are kept when `KEYS_SQLITE_PATH` is not set: beside the store (in memory with it). */
export function keysBesideStore(sqlitePath: string): string {
  return sqlitePath === ':memory:' ? ':memory:' : besideStore(sqlitePath, 'keys.db');
}

/** A URL fit for a log line: user and password left out. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (!url.username && !url.password) return value;
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, value.endsWith('/') ? '/' : '');
  } catch {
    return '[URL]';
  }
}

/** One line per bad variable, naming it and saying what is wrong; never a stack trace. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ugyldig konfigurasjon (invalid configuration):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; empty strings count as unset. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  makeToken: () => string = randomToken,
): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '');
        const value = present[name];
        // A secret, or a URL that may carry a password, is never echoed: the message goes to logs.
        const shown = value === undefined || SECRET.test(name) ? '' : ` (got ${JSON.stringify(value)})`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const config = result.data;
  const snapshot =
    config.READ_MODEL_SNAPSHOT ??
    (config.EVENT_STORE === 'sqlite' && config.SQLITE_PATH !== ':memory:'
      ? `${config.SQLITE_PATH}.snapshot`
      : 'off');
  return {
    ...config,
    READ_MODEL_SNAPSHOT: snapshot,
    PUBLIC_URL: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    AUTH_SQLITE_PATH: config.AUTH_SQLITE_PATH ?? besideStore(config.SQLITE_PATH, 'auth.db'),
    KEYS_SQLITE_PATH: config.KEYS_SQLITE_PATH ?? keysBesideStore(config.SQLITE_PATH),
    TILNESTE_ADMIN_TOKEN: config.TILNESTE_ADMIN_TOKEN ?? makeToken(),
    adminTokenGenerated: !config.TILNESTE_ADMIN_TOKEN,
  };
}

function randomToken(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:crypto') as typeof import('node:crypto')).randomBytes(24).toString('base64url');
}
