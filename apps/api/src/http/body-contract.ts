import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { IssueView } from './validation';

/** What a route takes as its body; a JSON route (the default) answers 415 to anything else. */
export type BodyKind = 'json' | 'text' | 'form' | 'multipart' | 'pdf' | 'docx' | 'binary';
const ACCEPTS = 'tilneste:accepts';
const MEDIA_TYPES: Record<BodyKind, string> = {
  json: 'application/json',
  text: 'text/plain',
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  binary: 'application/octet-stream',
};

/** Marks a route that takes other bodies than JSON, e.g. `@Accepts('json', 'text')`. */
export const Accepts = (...kinds: BodyKind[]) => SetMetadata(ACCEPTS, kinds);

/** The media types a route takes, for the OpenAPI document. */
export function acceptedMediaTypes(kinds: BodyKind[] = ['json']): string[] {
  return kinds.map((kind) => MEDIA_TYPES[kind]);
}

/**
 * Limits on a parsed JSON body, below the byte limit of the parser: deeper nesting or longer arrays
 * than any route takes would otherwise reach code that recurses (JSON.stringify, zod) or loops over them.
 */
export const BODY_LIMITS = {
  maxDepth: 32,
  maxArrayItems: 10_000,
  maxObjectKeys: 1_000,
  maxStringLength: 1_000_000,
} as const;

/** A body the API will not look at: 400, 413 or 415 with a stable code and the field path. */
export class BodyRejectedError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    message: string,
    readonly issues: IssueView[] = [],
  ) {
    super(message);
    this.name = 'BodyRejectedError';
  }
}

type Path = (string | number)[];
/** With the `u` flag a surrogate pair is one code point, so this finds only lone halves. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Walks a parsed body without recursion; throws at the first value past a limit. */
export function checkBodyShape(
  body: unknown,
  limits: { [K in keyof typeof BODY_LIMITS]: number } = BODY_LIMITS,
): void {
  const stack: { value: unknown; path: Path }[] = [{ value: body, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new BodyRejectedError(
        400,
        'BODY.NUMBER_OUT_OF_RANGE',
        'Tallet er for stort (number out of range)',
        [{ path, message: 'must be a finite number', code: 'too_big' }],
      );
    }
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength)
        throw tooLarge('BODY.STRING_TOO_LONG', path, `at most ${limits.maxStringLength} characters`);
      // a lone surrogate cannot be stored as UTF-8: it would come back as something else
      if (LONE_SURROGATE.test(value)) throw illFormed(path);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= limits.maxDepth) {
      throw new BodyRejectedError(
        400,
        'BODY.TOO_DEEP',
        'Forespørselen er nøstet for dypt (body nested too deeply)',
        [{ path, message: `nested deeper than ${limits.maxDepth} levels`, code: 'too_big' }],
      );
    }
    if (Array.isArray(value)) {
      if (value.length > limits.maxArrayItems)
        throw tooLarge('BODY.ARRAY_TOO_LONG', path, `at most ${limits.maxArrayItems} items`);
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > limits.maxObjectKeys)
      throw tooLarge('BODY.TOO_MANY_KEYS', path, `at most ${limits.maxObjectKeys} keys`);
    const badKey = keys.find((key) => LONE_SURROGATE.test(key));
    if (badKey !== undefined) throw illFormed([...path, badKey]);
    for (let i = keys.length - 1; i >= 0; i--)
      stack.push({ value: (value as Record<string, unknown>)[keys[i]], path: [...path, keys[i]] });
  }
}

const illFormed = (path: Path) =>
  new BodyRejectedError(400, 'BODY.INVALID_TEXT', 'Ugyldig tekst (ill-formed Unicode text)', [
    { path, message: 'must be well-formed Unicode (no lone surrogates)', code: 'invalid_format' },
  ]);

const tooLarge = (code: string, path: Path, message: string) =>
  new BodyRejectedError(413, code, 'Forespørselen er for stor (body too large)', [
    { path, message, code: 'too_big' },
  ]);

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Every route's body contract, before any handler sees the body: the content type the route takes
 * (415 otherwise) and the shape limits above. Registered after the AuthGuard, so a request without a
 * token still gets 401.
 *
 * A guard rather than an interceptor: it only looks at the request before the handler, and any global
 * interceptor makes Nest wrap every request in observables and async resources. With this check and the
 * view tag as interceptors, the bare route cost about 660 µs of CPU a request against 380 µs without them
 * (see bench/README.md, "Fourth round").
 */
@Injectable()
export class BodyContractGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (req.method === 'GET' || req.method === 'HEAD' || !hasBody(req)) return true;
    // API routes take JSON unless marked; the pages outside /api post their forms
    const page = !req.originalUrl.startsWith('/api/');
    const kinds =
      this.reflector.getAllAndOverride<BodyKind[]>(ACCEPTS, [context.getHandler(), context.getClass()]) ??
      ((page ? ['form', 'json'] : ['json']) as BodyKind[]);
    const types = acceptedMediaTypes(kinds);
    if (!req.is(types)) {
      throw new BodyRejectedError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `Ugyldig innholdstype; bruk ${types.join(' eller ')} (unsupported content type; send ${types.join(' or ')})`,
        [{ path: ['Content-Type'], message: `must be ${types.join(' or ')}`, code: 'invalid_value' }],
      );
    }
    // A text/plain body is a document, not a structure: the text parser's byte limit bounds it (5 MB of minutes).
    if (typeof req.body !== 'string') checkBodyShape(req.body);
    // a JSON body is an object on every route: the body parser lets arrays through
    if (req.is('application/json') && Array.isArray(req.body)) {
      throw new BodyRejectedError(400, 'VALIDATION', 'Ugyldig forespørsel (invalid request)', [
        { path: [], message: 'the body must be a JSON object', code: 'invalid_type' },
      ]);
    }
    return true;
  }
}
