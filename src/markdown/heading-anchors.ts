// rehype-autolink-headings, set up so that the anchor after each heading is a real link a
// keyboard and a screen reader reach, with a Korean accessible name, shown on hover and focus.

import type { Element, ElementContent } from 'hast';
import type { Options } from 'rehype-autolink-headings';

/** Visible part of the anchor; the name comes from the visually hidden text. */
export const ANCHOR_SYMBOL = '#';

export function anchorLabel(headingText: string): string {
  return `‘${headingText.replace(/\s+/g, ' ').trim()}’ 절로 가는 링크`;
}

/** The heading's text as read: a `<br>` is a space (hast-util-to-string would glue the words). */
function readText(node: Readonly<Element>): string {
  return node.children
    .map((child) => {
      if (child.type === 'text') return child.value;
      if (child.type === 'element') return child.tagName === 'br' ? ' ' : readText(child);
      // Raw HTML the author wrote (before it is parsed): only a line break reads as anything.
      return (child.type as string) === 'raw' && /^<br\s*\/?>$/i.test(String((child as { value?: unknown }).value).trim()) ? ' ' : '';
    })
    .join('');
}

export const headingAnchorOptions: Options = {
  behavior: 'after',
  // The footnotes' visually hidden label is no section a reader links to.
  test: (element: Readonly<Element>) => element.properties.id !== 'footnote-label',
  group: (heading: Readonly<Element>): Element => ({
    type: 'element',
    tagName: 'div',
    properties: { className: ['heading-wrapper', `level-${heading.tagName}`] },
    children: [],
  }),
  properties: { className: ['heading-anchor'], dataPagefindIgnore: '' },
  content: (heading: Readonly<Element>): ElementContent[] => [
    {
      type: 'element',
      tagName: 'span',
      properties: { className: ['heading-anchor-icon'], ariaHidden: 'true' },
      children: [{ type: 'text', value: ANCHOR_SYMBOL }],
    },
    {
      type: 'element',
      tagName: 'span',
      properties: { className: ['sr-only'] },
      children: [{ type: 'text', value: anchorLabel(readText(heading)) }],
    },
  ],
};
