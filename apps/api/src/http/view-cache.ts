import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { ReadModelHost } from '@tilneste/projections';

/** A view's answer already written as JSON text; Express sends it as it is. */
export type JsonText<T> = string & { readonly __answers: T };

/** What a cached view's handler returns: the answer, or its JSON text from the cache. */
export type ViewAnswer<T> = T | JsonText<T>;

/** Room for many groups' and people's answers; a dashboard at a million events is about 10 KB of text. */
const LIMITS = { max: 2_000, maxSize: 32 * 1024 * 1024 };

/**
 * The JSON text of GET views by URL and view tag. The tag is the position the read models had applied (and, for
 * views that change with the clock, the minute), so a later write or the next minute gives a new key and the old
 * answer is never served for it. The answers do not depend on who asks: the access policy decides before the
 * handler whether they may see it at all.
 *
 * Only the answers of the position the read models are at are kept: once an event is applied, the older ones could
 * never be asked for again, and one of them may hold the name of a person erased since.
 *
 * Between writes, a view asked for again costs neither the query nor `JSON.stringify`, which were about a fifth
 * of a dashboard request's CPU (bench/README.md, "View answers kept between writes").
 */
@Injectable()
export class ViewCache {
  private readonly bodies = new LRUCache<string, string>({
    ...LIMITS,
    sizeCalculation: (body, key) => body.length + key.length,
  });
  /** The read models' position the kept answers reflect. */
  private position: bigint | undefined;

  constructor(private readonly readModels: ReadModelHost) {}

  /** The request's answer: the text kept for its URL and tag, or `compute`'s answer, kept as text. */
  async answer<T>(req: Request, res: Response, compute: () => Promise<T>): Promise<ViewAnswer<T>> {
    const tag = res.getHeader('ETag');
    // Only a tagged view is kept: the tag is what tells one answer from the next.
    if (typeof tag !== 'string') return compute();
    const { position } = this.readModels.catalog;
    if (position !== this.position) {
      this.bodies.clear();
      this.position = position;
    }
    const key = `${tag} ${req.originalUrl}`;
    let body = this.bodies.get(key);
    if (body === undefined) {
      const answer = await compute();
      body = JSON.stringify(answer) as string | undefined;
      if (body === undefined) return answer;
      this.bodies.set(key, body);
    }
    res.type('application/json');
    return body as JsonText<T>;
  }
}
