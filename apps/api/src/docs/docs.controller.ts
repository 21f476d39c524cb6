import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { Config } from '@tilneste/config';
import { CONFIG } from '@tilneste/event-sourcing';
import { Public } from '../http/auth.guard';
import { openApiDocument } from './openapi';

const PAGE = `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Tilneste API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

@Controller('docs')
export class DocsController {
  private readonly document;

  constructor(@Inject(CONFIG) config: Config) {
    this.document = openApiDocument(config.PUBLIC_URL);
  }

  @Public()
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page() {
    return PAGE;
  }

  @Public()
  @Get('init.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  init() {
    return "window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#ui' });";
  }

  @Public()
  @Get('openapi.json')
  openapi() {
    return this.document;
  }
}
