// A note's one-line description for lists (the home page, search): its first paragraph of prose,
// as plain text, cut to a readable length. Skips what is not prose: a TOC label paragraph
// ("**Table of Contents**", "목차"), paragraphs of only images, links or HTML.
import type { Paragraph, Root } from 'mdast';
import { renderedText } from '../syntax/headings.ts';

const TOC_LABEL = /^\s*(table of contents|contents|toc|목차|차례)\s*:?\s*$/i;
export const EXCERPT_MAX = 120;

function isProse(paragraph: Paragraph, text: string): boolean {
  if (text.trim() === '' || TOC_LABEL.test(text)) return false;
  // A paragraph made only of links (a link list) is navigation, not a description.
  const meaningful = paragraph.children.filter((c) => !(c.type === 'text' && c.value.trim() === '') && c.type !== 'break');
  return !meaningful.every((c) => c.type === 'link' || c.type === 'linkReference' || c.type === 'image' || c.type === 'html');
}

/** Cut at a word boundary near `max` characters, with an ellipsis. */
export function clip(text: string, max = EXCERPT_MAX): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = chars.slice(0, max).join('');
  const space = head.lastIndexOf(' ');
  return `${(space > max * 0.6 ? head.slice(0, space) : head).replace(/[\s,.;:·、,]+$/u, '')}…`;
}

/** The first prose paragraph directly in the document (not in lists, quotes or tables). */
export function excerptOf(tree: Root, max = EXCERPT_MAX): string | undefined {
  for (const node of tree.children) {
    if (node.type !== 'paragraph') continue;
    const text = renderedText(node).replace(/\s+/g, ' ').trim();
    if (isProse(node, text)) return clip(text, max);
  }
  return undefined;
}
