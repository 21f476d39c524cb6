import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A whole page: preact escapes every text and attribute value it is given. */
export function renderDocument<P>(page: VNode<P>): string {
  return `<!doctype html>${renderToString(page as VNode)}`;
}

/** A fragment, for view specs. */
export const renderFragment = <P>(node: VNode<P>): string => renderToString(node as VNode);
