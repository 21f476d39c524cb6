import { RequestMethod } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';

/** Paths served outside `/api`: downloads and feeds for people and their calendar apps. */
export const WEB_ROUTES: RouteInfo[] = [
  { path: 'kalender/{*rest}', method: RequestMethod.ALL },
  { path: 'varsler/{*rest}', method: RequestMethod.ALL },
  { path: 'moter/:id/referat.docx', method: RequestMethod.GET },
  { path: 'grupper/:id/oppfolging.csv', method: RequestMethod.GET },
];
