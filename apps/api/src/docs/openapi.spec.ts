import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod, type Type } from '@nestjs/common';
import { loadConfig } from '@tilneste/config';
import { EVENT_STORE, type EventStore } from '@tilneste/event-store';
import { ApiModule } from '../api.module';
import { PAGE_ROUTES } from '../web/web.module';
import { openApiDocument } from './openapi';

type Operation = {
  operationId?: string;
  responses: Record<
    string,
    { content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }
  >;
};

const document = openApiDocument('http://localhost:3000');
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, operation: operation as Operation })),
);

/** `@View` metadata, as the ViewTagGuard reads it. */
const VIEW = 'tilneste:view';

/** Every route Nest would register for the API, read from the controllers' own decorators. */
async function registeredRoutes(): Promise<string[]> {
  const config = loadConfig({ SQLITE_PATH: ':memory:', TILNESTE_ADMIN_TOKEN: 'spec-admin-token-0123456789' });
  const api = ApiModule.forConfig(config);
  const modules = (api.imports ?? []) as {
    module?: Type;
    providers?: { provide: unknown; useValue: unknown }[];
  }[];
  // forConfig opened a store for its provider: close it again
  const store = modules.flatMap((m) => m.providers ?? []).find((p) => p.provide === EVENT_STORE)?.useValue as
    EventStore | undefined;
  await store?.close();
  const controllers: Type[] = [
    ...(api.controllers ?? []),
    ...modules.flatMap(
      (m) => (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, m.module ?? m) ?? []) as Type[],
    ),
  ];
  const routes: string[] = [];
  for (const controller of controllers) {
    const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler: unknown = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value;
      if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined)
        continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number].toLowerCase();
      const path = [prefix, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')]
        .filter((part) => part && part !== '/')
        .join('/')
        .replace(/:(\w+)/g, '{$1}');
      const view = Reflect.getMetadata(VIEW, handler) ?? Reflect.getMetadata(VIEW, controller);
      routes.push(`${method} /api/${path}${view ? ' (view)' : ''}`);
    }
  }
  // pages are served outside /api (PAGE_ROUTES) and are not part of the API document
  const pagePrefixes = PAGE_ROUTES.map((route) => route.replace('*path', '').replace(/^\/$/, ''));
  // By whole segments: the page `import` is not the API's `imports/minutes`.
  const isPage = (route: string) => {
    const path = route.slice(route.indexOf('/api/') + '/api/'.length).replace(/ \(view\)$/, '');
    return (
      path === '' ||
      pagePrefixes.some(
        (prefix) =>
          prefix && (path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)),
      )
    );
  };
  return routes.filter((route) => !route.includes('/api/docs') && !isPage(route));
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (@apidevtools/swagger-parser)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tilneste-openapi-'));
    try {
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
      const script = join(__dirname, '../../testing/validate-openapi.mjs');
      const run = () =>
        execFileSync(process.execPath, [script, join(dir, 'openapi.json')], {
          encoding: 'utf8',
          stdio: 'pipe',
        });
      expect(run()).toBe('valid\n');
      // and the check can fail: a response without a description is not valid OpenAPI
      const broken = structuredClone(document) as { paths: Record<string, Record<string, Operation>> };
      delete (broken.paths['/api/people'].post.responses['201'] as { description?: string }).description;
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(broken));
      expect(run).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives every operation a unique operationId', () => {
    const ids = operations.map((o) => o.operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes every route the API registers, and no other, with 304 exactly where the route is a tagged view', async () => {
    const documented = operations
      .map((o) => `${o.method} ${o.path}${'304' in o.operation.responses ? ' (view)' : ''}`)
      .sort();
    expect(documented).toEqual((await registeredRoutes()).sort());
  });

  it('gives every answer with a body, success or error, a schema', () => {
    for (const { path, method, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status === '304' || status === '204') continue; // not modified, no content: no body, by definition
        if (status === '303') {
          // see other (a merged person): no body to read, the Location header is the answer
          expect({ path, status, headers: Object.keys(response.headers ?? {}) }).toEqual({
            path,
            status,
            headers: ['Location'],
          });
          continue;
        }
        const schema =
          response.content?.['application/json']?.schema ?? response.content?.['text/html']?.schema;
        if (!schema) throw new Error(`${method} ${path} ${status} has no body schema`);
      }
    }
  });

  it('lists the statuses each kind of route gives, with the error body as sent', () => {
    const write = operations.find((o) => o.operation.operationId === 'makeCommitment')!.operation;
    expect(Object.keys(write.responses).sort()).toEqual(
      ['201', '400', '401', '403', '404', '409', '412', '413', '415', '503'].sort(),
    );
    const error = write.responses['400'].content!['application/json'].schema as {
      properties: { error: { properties: Record<string, unknown> } };
    };
    expect(Object.keys(error.properties.error.properties).sort()).toEqual([
      'code',
      'details',
      'issues',
      'message',
    ]);
    const read = operations.find((o) => o.operation.operationId === 'getDashboard')!.operation;
    expect(Object.keys(read.responses).sort()).toEqual(['200', '304', '401', '403', '404']);
  });
});
