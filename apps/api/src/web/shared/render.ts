import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A whole page: preact escapes every text and attribute value it is given. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** A fragment, for view specs. */
export const renderFragment = (node: VNode): string => renderToString(node);
