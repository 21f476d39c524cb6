import 'reflect-metadata';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Body, Controller, Get, Module, Post, Query, Req, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Request } from 'express';
import { PrototypedExpressAdapter } from './express-adapter';

@Controller('probe')
class ProbeController {
  @Get()
  read(@Query('q') q: string, @Req() req: Request) {
    // Express's own request methods and getters, reached through the prototype chain.
    return { q, accept: req.get('accept'), path: req.path, isHttp: req instanceof IncomingMessage };
  }

  @Post()
  write(@Body() body: { n: number }) {
    return { twice: body.n * 2 };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

/** Every prototype change Express makes to a request or a response while the block runs. */
async function prototypeChanges(run: () => Promise<void>): Promise<number> {
  const original = Object.setPrototypeOf;
  let changes = 0;
  const spy = jest
    .spyOn(Object, 'setPrototypeOf')
    .mockImplementation((target: object, proto: object | null) => {
      const exchange = target instanceof IncomingMessage || target instanceof ServerResponse;
      if (exchange && Object.getPrototypeOf(target) !== proto) changes += 1;
      return original(target, proto);
    });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return changes;
}

describe('PrototypedExpressAdapter', () => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });

  async function serve(adapter: ExpressAdapter): Promise<string> {
    app = await NestFactory.create(ProbeModule, adapter, { logger: false });
    await app.listen(0, '127.0.0.1');
    return app.getUrl();
  }

  async function exchanges(base: string): Promise<void> {
    const read = await fetch(`${base}/probe?q=hei`, { headers: { accept: 'application/json' } });
    expect(await read.json()).toEqual({ q: 'hei', accept: 'application/json', path: '/probe', isHttp: true });
    const write = await fetch(`${base}/probe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ n: 21 }),
    });
    expect(write.status).toBe(201);
    expect(await write.json()).toEqual({ twice: 42 });
  }

  it('serves requests as Express does, and Express never has to change a request’s or response’s prototype', async () => {
    const base = await serve(new PrototypedExpressAdapter());
    expect(await prototypeChanges(() => exchanges(base))).toBe(0);
  });

  it('is needed: on Nest’s own server Express changes both prototypes on every request', async () => {
    const base = await serve(new ExpressAdapter());
    // Two requests, each with its response.
    expect(await prototypeChanges(() => exchanges(base))).toBe(4);
  });
});
