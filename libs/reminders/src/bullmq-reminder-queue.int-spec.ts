import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { dropQueuePrefix } from '../testing/drop-queue-prefix';
import { BullmqReminderQueue, REMINDER_QUEUE_NAME } from './bullmq-reminder-queue.adapter';
import { reminderJobId, type ReminderJobSpec } from './reminder-policy';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `tilneste-int-queue-${randomUUID().slice(0, 8)}`;
const redis = new Redis(REDIS_URL);
const queue = new BullmqReminderQueue({ redisUrl: REDIS_URL, prefix, attempts: 3, backoffMs: 1_000 });

afterAll(async () => {
  await queue.close();
  await dropQueuePrefix(REDIS_URL, prefix);
  redis.disconnect();
});

const now = new Date();
const spec = (recipientId: string): ReminderJobSpec => ({
  jobId: reminderJobId('m1', recipientId, 'P1D', 1),
  meetingId: 'm1',
  groupId: 'g1',
  recipientId,
  offset: 'P1D',
  version: 1,
  sendAt: new Date(now.getTime() + 60 * 60_000).toISOString(),
});

describe('the BullMQ reminder queue against real Redis', () => {
  it('adds again a job whose record outlived the list that held it, and only such a job', async () => {
    const lost = spec('p1');
    const kept = spec('p2');
    await queue.schedule([lost, kept], now);
    expect((await queue.pendingReminderIds()).sort()).toEqual([lost.jobId, kept.jobId].sort());

    // Keys lost one by one: the delayed list goes, the jobs' records stay. Then p2's job is put back by hand,
    // as it was, so only p1's is left in no list.
    const delayed = `${prefix}:${REMINDER_QUEUE_NAME}:delayed`;
    const scoreOfKept = await redis.zscore(delayed, kept.jobId);
    await redis.del(delayed);
    await redis.zadd(delayed, scoreOfKept!, kept.jobId);
    await queue.schedule([lost, kept], now);
    expect(await queue.pendingReminderIds()).toEqual([kept.jobId]);

    const pending = async () => new Set(await queue.pendingReminderIds());
    expect(await queue.requeueStranded([lost, kept, spec('p3')], await pending(), now)).toEqual([lost.jobId]);
    expect((await queue.pendingReminderIds()).sort()).toEqual([lost.jobId, kept.jobId].sort());
    // A spec never scheduled is no stranded job: it is not added here.
    expect(await queue.queue.getJob(spec('p3').jobId)).toBeUndefined();
    expect(await queue.requeueStranded([lost, kept], await pending(), now)).toEqual([]);
  });
});
