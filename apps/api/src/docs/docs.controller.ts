import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import type { Config } from '@tilneste/config';
import { CONFIG } from '@tilneste/event-sourcing';
import { AccessService, type AuthenticatedRequest } from '../auth/access.service';
import { Public } from '../http/auth.guard';

const PAGE = `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Tilneste API</title>
<link rel="icon" type="image/svg+xml" href="/static/favicon.svg">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

@Controller('docs')
export class DocsController {
  /** Built at the first request: the zod-to-JSON-Schema pass cost about 60 ms of every start. */
  private document: unknown;
  private readonly publicUrl: string;
  /** In production the docs need a token or a session, unless TILNESTE_PUBLIC_DOCS says otherwise. */
  private readonly signInFirst: boolean;

  constructor(
    @Inject(CONFIG) config: Config,
    private readonly access: AccessService,
  ) {
    this.publicUrl = config.PUBLIC_URL;
    this.signInFirst = config.NODE_ENV === 'production' && !config.TILNESTE_PUBLIC_DOCS;
  }

  private gate(req: AuthenticatedRequest): void {
    if (this.signInFirst) this.access.require(req);
  }

  @Public()
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(@Req() req: AuthenticatedRequest) {
    this.gate(req);
    return PAGE;
  }

  @Public()
  @Get('init.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  init(@Req() req: AuthenticatedRequest) {
    this.gate(req);
    return "window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#ui' });";
  }

  @Public()
  @Get('openapi.json')
  openapi(@Req() req: AuthenticatedRequest) {
    this.gate(req);
    // Loaded here, not imported above, so a start neither loads nor builds it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.document ??= (require('./openapi') as typeof import('./openapi')).openApiDocument(this.publicUrl);
    return this.document;
  }
}
