// Give each highlighted code block its copy button in the HTML, so the page needs no script to
// build it: `<div class="code-block"><pre class="astro-code">…</pre><button class="code-copy">`.
// The click is handled by the page's inline snippet; without scripting CSS hides the button.

import type { Element, Root } from 'hast';
import { walk } from '../syntax/walk.ts';

export interface RehypeCodeCopyOptions {
  /** The button's text (default `복사`). */
  label?: string;
}

export default function rehypeCodeCopy(options: RehypeCodeCopyOptions = {}) {
  const label = options.label ?? '복사';
  return function transform(tree: Root): undefined {
    walk(tree, 'element', (node: Element, index, parent) => {
      if (!parent || index === undefined || node.tagName !== 'pre') return;
      // Shiki's hast carries `class` as a string; other producers use `className`.
      const classes = String(node.properties.className ?? node.properties.class ?? '').split(/[\s,]+/);
      if (!classes.includes('astro-code')) return;
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['code-block'] },
        children: [
          node,
          {
            type: 'element',
            tagName: 'button',
            properties: { type: 'button', className: ['code-copy'], dataPagefindIgnore: '' },
            children: [{ type: 'text', value: label }],
          },
        ],
      };
      return 'skip';
    });
  };
}
