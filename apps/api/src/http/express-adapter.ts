import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';

/**
 * Express gives every request and response its own prototype as it arrives (`Object.setPrototypeOf` in
 * `app.handle`). Measured on Node 20 with a plain Express 5 app under load, that call has about a quarter of
 * what a request allocates outlive two scavenges and move to the old generation, to be swept there by the next
 * full GC, and costs half the requests per second (see bench/README.md; expressjs/express#5998 reports the same
 * and suggests this way around it).
 *
 * This server builds requests and responses from classes whose prototypes are the ones Express sets, so the
 * call finds the prototype already in place and changes nothing. With HTTPS or forced connection closing
 * (neither of which the API uses) the server is Nest's own.
 */
export class PrototypedExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    if (options?.httpsOptions || options?.forceCloseConnections) return super.initHttpServer(options);
    const app = this.getInstance<Express>();
    class Request extends IncomingMessage {}
    class Response extends ServerResponse {}
    // Express's methods stay where they were, one step up the chain; Express now sets these prototypes.
    Object.setPrototypeOf(Request.prototype, app.request);
    Object.setPrototypeOf(Response.prototype, app.response);
    app.request = Request.prototype as unknown as Express['request'];
    app.response = Response.prototype as unknown as Express['response'];
    this.setHttpServer(createServer({ IncomingMessage: Request, ServerResponse: Response }, app));
  }
}
