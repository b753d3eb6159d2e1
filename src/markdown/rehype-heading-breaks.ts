// A `<br>` in a heading (`# 웨비나 #03<br/>AWS …`) is followed by a space: invisible on the page
// (white space after a line break collapses), but what reads the heading as text — Pagefind's
// search results among them — then sees two words, not one glued string. Runs after the heading
// ids are set, which stay GitHub's (glued: `#웨비나-03aws-…`).
import type { Element, ElementContent, Root } from 'hast';
import { walk } from '../syntax/walk.ts';

const HEADING = /^h[1-6]$/;

function isBreak(node: ElementContent): boolean {
  if (node.type === 'element') return node.tagName === 'br';
  return (node.type as string) === 'raw' && /^<br\s*\/?>$/i.test(String((node as { value?: unknown }).value).trim());
}

function spaceAfterBreaks(parent: Element): void {
  for (let i = 0; i < parent.children.length; i++) {
    const child = parent.children[i]!;
    if (child.type === 'element') spaceAfterBreaks(child);
    if (!isBreak(child)) continue;
    const next = parent.children[i + 1];
    if (next && !(next.type === 'text' && /^\s/.test(next.value))) parent.children.splice(i + 1, 0, { type: 'text', value: ' ' });
  }
}

export default function rehypeHeadingBreaks() {
  return (tree: Root): undefined => {
    walk(tree, 'element', (node: Element) => {
      if (!HEADING.test(node.tagName)) return;
      spaceAfterBreaks(node);
      return 'skip';
    });
  };
}
