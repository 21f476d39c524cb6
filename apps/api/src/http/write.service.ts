import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { Application, CommandContext, type ContextName, type InputOf } from '@tilneste/application';
import type { Actor, CommandMetadata } from '@tilneste/domain-kit';
import { DomainError } from '@tilneste/domain-kit';
import {
  EVENT_STORE,
  isoNow,
  StreamNotFoundError,
  toEventToAppend,
  type EventStore,
} from '@tilneste/event-store';
import type { IdResponse } from './responses';
import { ValidationError } from './validation';

const ID_NAMESPACE = '3f0f6f0e-5a5e-4c41-8a8f-0c7b9a1d2e33';

const answered = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('RequestAnswered'),
    data: z.object({
      method: z.string(),
      path: z.string(),
      bodyHash: z.string(),
      status: z.number(),
      body: z.record(z.string(), z.unknown()),
      etag: z.string().nullable(),
    }),
  }),
]);

export interface Answer<B extends Record<string, unknown> = Record<string, unknown>> {
  status: number;
  body: B;
  etag?: bigint;
}

@Injectable()
export class WriteService {
  constructor(
    private readonly app: Application,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Runs one write request: idempotency replay, If-Match, metadata, ETag and status. */
  async handle<B extends Record<string, unknown>>(
    req: Request,
    res: Response,
    write: (ctx: CommandContext) => Promise<Answer<B>>,
  ): Promise<B> {
    const actor = (req as Request & { actor?: Actor }).actor ?? { kind: 'client', id: 'anonymous' };
    const key = header(req, 'idempotency-key');
    if (key !== undefined && (key.length < 1 || key.length > 200)) {
      throw new ValidationError([
        { path: ['Idempotency-Key'], message: 'must be 1 to 200 characters', code: 'too_big' },
      ]);
    }
    const scopedKey = key ? `${actor.kind}:${actor.id}:${key}` : undefined;
    const record = scopedKey ? `idempotency-${sha256(scopedKey)}` : undefined;
    // Only a keyed request is remembered, so only its body is hashed.
    const bodyHash = record ? sha256(JSON.stringify(req.body ?? null)) : '';
    if (record) {
      const previous = await this.previousAnswer(record);
      if (previous) {
        if (previous.method !== req.method || previous.path !== req.path || previous.bodyHash !== bodyHash) {
          throw new DomainError(
            'IDEMPOTENCY.KEY_REUSED',
            'Idempotency-Key er brukt for en annen forespørsel (key reused for another request)',
          );
        }
        return send(
          res,
          {
            status: previous.status,
            // the first answer to this key, as recorded: the same route, so the same shape
            body: previous.body as B,
            etag: previous.etag ? BigInt(previous.etag) : undefined,
          },
          true,
        );
      }
    }
    const metadata: CommandMetadata = {
      now: isoNow(),
      actor,
      via: 'api',
      correlationId: correlationIdOf(req) ?? randomUUID(),
    };
    const answer = await write(
      new CommandContext(this.app, metadata, parseIfMatch(header(req, 'if-match')), scopedKey),
    );
    if (record) await this.remember(record, req, bodyHash, answer);
    return send(res, answer, false);
  }

  /**
   * A write to an existing entity: validate, run one command (whose handler checks that it exists), answer
   * 200 with the id and the stream's new revision as ETag.
   */
  update<K extends ContextName>(
    req: Request,
    res: Response,
    context: K,
    id: string,
    command: () => InputOf<K>,
  ): Promise<IdResponse> {
    return this.handle(req, res, async (ctx) => {
      const result = await ctx.run(context, command());
      return { status: 200, body: { id }, etag: result.revision };
    });
  }

  private async previousAnswer(stream: string) {
    try {
      for await (const recorded of this.store.readStream(stream, { maxCount: 1 })) {
        return answered.parse({ type: recorded.type, data: recorded.data }).data;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return undefined;
  }

  private async remember(stream: string, req: Request, bodyHash: string, answer: Answer): Promise<void> {
    const event = toEventToAppend(
      answered as never,
      stream,
      {
        type: 'RequestAnswered',
        data: {
          method: req.method,
          path: req.path,
          bodyHash,
          status: answer.status,
          body: answer.body,
          etag: answer.etag === undefined ? null : String(answer.etag),
        },
      } as never,
      { id: uuidv5(stream, ID_NAMESPACE) },
    );
    // A racing twin wrote the same record first: its answer stands, and ours was identical.
    await this.store.appendToStream(stream, [event], { expectedRevision: 'any' }).catch(() => undefined);
  }
}

function send<B extends Record<string, unknown>>(res: Response, answer: Answer<B>, replayed: boolean): B {
  res.status(answer.status);
  if (answer.etag !== undefined) res.setHeader('ETag', `"${answer.etag}"`);
  if (replayed) res.setHeader('Idempotent-Replayed', 'true');
  return answer.body;
}

const CORRELATION_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/** A caller's `X-Correlation-Id`, checked before it is stored on events: a short token, nothing else. */
export function correlationIdOf(req: Request): string | undefined {
  const value = header(req, 'x-correlation-id');
  if (value === undefined) return undefined;
  if (!CORRELATION_ID.test(value))
    throw new ValidationError([
      {
        path: ['X-Correlation-Id'],
        message: 'must be 1 to 128 letters, digits or . _ : @ -',
        code: 'invalid_format',
      },
    ]);
  return value;
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `If-Match: "3"` (or `W/"3"`, or 3) → 3n. */
export function parseIfMatch(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,18})"?$/.exec(value.trim());
  if (!match)
    throw new ValidationError([
      { path: ['If-Match'], message: 'must be an ETag from this API, such as "3"', code: 'invalid_format' },
    ]);
  return BigInt(match[1]);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
