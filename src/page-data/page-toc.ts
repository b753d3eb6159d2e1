// The on-page table of contents ("이 페이지의 목차") from the note's heading model
// (render data noteHeadings): the headings a TOC lists (syntax/toc.ts listedInToc), within the
// configured levels, nested by depth.
import type { NoteHeading } from '../notes/render-data.ts';
import { listedInToc } from '../syntax/toc.ts';

export interface TocItem {
  id: string;
  text: string;
  depth: number;
  children: TocItem[];
}

export function pageToc(headings: readonly NoteHeading[] | undefined, levels: { minDepth: number; maxDepth: number }): TocItem[] {
  const roots: TocItem[] = [];
  const stack: TocItem[] = [];
  for (const h of headings ?? []) {
    if (!listedInToc(h, levels)) continue;
    const text = h.text.replace(/\s+/g, ' ').trim();
    if (!text || !h.id) continue;
    const item: TocItem = { id: h.id, text, depth: h.depth, children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= h.depth) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.children : roots).push(item);
    stack.push(item);
  }
  return roots;
}
