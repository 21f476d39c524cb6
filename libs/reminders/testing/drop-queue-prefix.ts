import Redis from 'ioredis';

/**
 * Deletes every key under a BullMQ prefix in one step, as a real flush of Redis would, so tests and benchmarks
 * sharing one Redis leave nothing behind. One Lua script: a queue at work never sees part of its keys gone (a
 * key-by-key drop once left a job's record with no list holding it). Time-boxed: a Redis that is not there
 * fails fast (the caller decides whether that matters).
 */
export async function dropQueuePrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.eval(DROP, 0, `${escapeGlob(prefix)}:*`);
  } finally {
    redis.disconnect();
  }
}

// KEYS blocks Redis while it runs, which is the point here; UNLINK in slices keeps under Lua's argument limit.
const DROP = `
local keys = redis.call('KEYS', ARGV[1])
for i = 1, #keys, 1000 do
  redis.call('UNLINK', unpack(keys, i, math.min(i + 999, #keys)))
end
return #keys
`;

const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, '\\$&');
