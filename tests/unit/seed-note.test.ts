// The seed note's hand-written TOC and anchors are the ground truth: the page must show the
// same TOC (entries, order, nesting, decoded hrefs), every `#` link must land on an id, and
// the omit marker must never reach the page.

import { readFileSync } from 'node:fs';
import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';
import { visit } from 'unist-util-visit';
import { tocRows, type TocRow } from '../../src/syntax/toc.ts';
import { renderNote } from '../helpers/markdown.ts';

const seed = readFileSync(new URL('../fixtures/spec/seed-note.md', import.meta.url), 'utf8');

function htmlTocRows(list: Element, nesting = 0, rows: TocRow[] = []): TocRow[] {
  for (const item of list.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li')) {
    const link = item.children.find((c): c is Element => c.type === 'element' && c.tagName === 'a');
    rows.push({ nesting, text: link ? toString(link).trim() : '', target: decodeURIComponent(String(link?.properties.href ?? '').slice(1)) });
    for (const sub of item.children as ElementContent[]) if (sub.type === 'element' && sub.tagName === 'ul') htmlTocRows(sub, nesting + 1, rows);
  }
  return rows;
}

describe('the seed note', async () => {
  const { html, diagnostics } = await renderNote(seed, 'content/01-llm-소개.md');
  const page = fromHtml(html, { fragment: true });

  it('shows exactly the authored TOC', () => {
    const authoredList = fromMarkdown(seed).children.find((n) => n.type === 'list');
    if (authoredList?.type !== 'list') throw new Error('the seed has a TOC list');
    const renderedList = page.children.find((n): n is Element => n.type === 'element' && n.tagName === 'ul');
    if (!renderedList) throw new Error('the page has a TOC list');
    const authored = tocRows(authoredList);
    expect(authored).toHaveLength(12);
    expect(htmlTocRows(renderedList)).toEqual(authored);
  });

  it('has an id for every # link', () => {
    const ids = new Set<string>();
    const targets: string[] = [];
    visit(page, 'element', (el: Element) => {
      if (typeof el.properties.id === 'string') ids.add(el.properties.id);
      const href = el.properties.href;
      if (typeof href === 'string' && href.startsWith('#')) targets.push(decodeURIComponent(href.slice(1)));
    });
    expect(targets.length).toBeGreaterThan(12);
    expect(targets.filter((t) => !ids.has(t))).toEqual([]);
  });

  it('never shows the omit marker', () => {
    expect(html).not.toMatch(/omit in toc/);
  });

  it('reports nothing', () => {
    expect(diagnostics).toEqual([]);
  });
});
