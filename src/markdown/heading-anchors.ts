// rehype-autolink-headings, set up so that the anchor after each heading is a real link a
// keyboard and a screen reader reach, with a Korean accessible name, shown on hover and focus.

import type { Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Options } from 'rehype-autolink-headings';

/** Visible part of the anchor; the name comes from the visually hidden text. */
export const ANCHOR_SYMBOL = '#';

export function anchorLabel(headingText: string): string {
  return `‘${headingText.replace(/\s+/g, ' ').trim()}’ 절로 가는 링크`;
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
      children: [{ type: 'text', value: anchorLabel(toString(heading as Element)) }],
    },
  ],
};
