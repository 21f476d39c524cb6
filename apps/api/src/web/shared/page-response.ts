import type { Response } from 'express';
import type { VNode } from 'preact';
import { renderDocument } from './render';

/** Sends a rendered page; pages show personal data, so no shared cache keeps them. */
export function sendPage(res: Response, page: VNode, status = 200): void {
  res.status(status).type('html').setHeader('Cache-Control', 'no-store');
  res.send(renderDocument(page));
}
