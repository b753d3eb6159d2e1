// The TOC generator: heading model → TOC entries → an mdast list (rendered by the pipeline)
// or Markdown All in One's text (written into notes by `npm run toc`).

import type { Heading, List, ListItem, Nodes, PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { decodeFragment, type HeadingInfo, type HeadingModel } from './headings.ts';
import { defaultTocStyle, tocLines, type TocStyle } from './toc-style.ts';

export interface TocOptions {
  /** Shallowest heading level listed (default 1). */
  minDepth?: number;
  /** Deepest heading level listed (default 6). */
  maxDepth?: number;
  /** Headings (indexes in the model) left out besides the omitted ones: `toc.omittedFromToc`, the TOC's own heading. */
  skip?: ReadonlySet<number>;
}

export interface TocEntry {
  /** Indent level in MAIO's text: depth minus the shallowest listed depth. */
  level: number;
  depth: number;
  id: string;
  /** Plain text of the entry. */
  text: string;
  /** The entry's content as mdast phrasing (links unwrapped, HTML/images/footnote calls removed). */
  content: PhrasingContent[];
  /** Line of the heading in the note. */
  line: number;
  /** The slug MAIO itself would have written. */
  maioSlug: string | undefined;
}

/**
 * The one rule for which headings a table of contents lists (the authored TOC lists, remark-toc's
 * list and the page's own TOC): top-level Markdown headings (not raw HTML, not inside a quote or
 * list) not marked omitted, within the levels.
 */
export function listedInToc(heading: Pick<HeadingInfo, 'depth' | 'omitted' | 'topLevel' | 'raw'>, options: TocOptions = {}): boolean {
  return heading.topLevel && !heading.raw && !heading.omitted && heading.depth >= (options.minDepth ?? 1) && heading.depth <= (options.maxDepth ?? 6);
}

/** The entries MAIO lists: the headings listedInToc keeps. */
export function tocEntries(model: HeadingModel, options: TocOptions = {}): TocEntry[] {
  const listed = model.headings
    .map((info, index) => ({ info, index, node: model.nodes[index], content: model.entries[index] ?? [] }))
    .filter(({ info, node, index }) => listedInToc(info, options) && node?.type === 'heading' && !options.skip?.has(index));
  if (listed.length === 0) return [];
  const startDepth = Math.min(...listed.map(({ info }) => info.depth));
  // MAIO drops the entries that come before the first heading of the shallowest level.
  const first = listed.findIndex(({ info }) => info.depth === startDepth);
  return listed.slice(first).map(({ info, content }) => ({
    level: info.depth - startDepth,
    depth: info.depth,
    id: info.id,
    text: info.text,
    content: structuredClone(content),
    line: info.line,
    maioSlug: info.maioSlug,
  }));
}

/**
 * The TOC as an mdast list: an entry nests under the nearest earlier entry of a lower level,
 * which is how CommonMark reads MAIO's indented text.
 */
export function tocToMdast(entries: readonly TocEntry[], style: Pick<TocStyle, 'ordered' | 'plaintext'> = defaultTocStyle()): List {
  const root: List = {
    type: 'list',
    ordered: style.ordered,
    ...(style.ordered ? { start: 1 } : {}),
    spread: false,
    children: [],
    // Search results should land on the sections, not on the TOC's copy of their titles.
    data: { hProperties: { className: ['note-toc'], dataPagefindIgnore: '' } },
  };
  const stack: Array<{ level: number; item: ListItem }> = [];
  for (const entry of entries) {
    while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= entry.level) stack.pop();
    const item: ListItem = {
      type: 'listItem',
      spread: false,
      children: [
        {
          type: 'paragraph',
          children: style.plaintext
            ? (structuredClone(entry.content) as never)
            : [{ type: 'link', url: `#${entry.id}`, children: structuredClone(entry.content) as never }],
        },
      ],
    };
    const parentItem = stack.at(-1)?.item;
    if (parentItem) {
      let sub = parentItem.children.find((child): child is List => child.type === 'list');
      if (!sub) {
        sub = { type: 'list', ordered: style.ordered, ...(style.ordered ? { start: 1 } : {}), spread: false, children: [] };
        parentItem.children.push(sub);
      }
      sub.children.push(item);
    } else {
      root.children.push(item);
    }
    stack.push({ level: entry.level, item });
  }
  return root;
}

/**
 * The TOC as MAIO writes it in `style` (default: `-` bullets, two spaces a level, `[text](#id)`).
 * `source` is the note's text, used to keep the author's own emphasis markers (`*` or `_`).
 * Returns the lines without terminators.
 */
export function tocToMarkdownLines(entries: readonly TocEntry[], source = '', style: TocStyle = defaultTocStyle()): string[] {
  return tocLines(entries, style, (entry) => phrasingToMarkdown(entry.content, source));
}

const ESCAPED = /[\\`*_[\]<>&]/g;

function phrasingToMarkdown(children: readonly PhrasingContent[], source: string): string {
  return children
    .map((child): string => {
      switch (child.type) {
        case 'text':
          return child.value.replace(ESCAPED, '\\$&');
        case 'inlineCode':
          return codeSpan(child.value);
        case 'emphasis':
        case 'strong':
        case 'delete': {
          const marker = markerOf(child, source);
          return `${marker}${phrasingToMarkdown(child.children, source)}${marker}`;
        }
        case 'inlineMath': {
          // As written (`$…$`): the site renders it as math, and GitHub does too.
          const start = child.position?.start.offset;
          const end = child.position?.end.offset;
          return start !== undefined && end !== undefined && source ? source.slice(start, end) : `$${child.value}$`;
        }
        default:
          return 'children' in child ? phrasingToMarkdown(child.children as PhrasingContent[], source) : toString(child);
      }
    })
    .join('');
}

function markerOf(node: Nodes, source: string): string {
  const size = node.type === 'emphasis' ? 1 : 2;
  const offset = node.position?.start.offset;
  const fallback = node.type === 'emphasis' ? '*' : node.type === 'strong' ? '**' : '~~';
  if (offset === undefined) return fallback;
  const found = source.slice(offset, offset + size);
  if (node.type === 'delete') return source.slice(offset, offset + 2) === '~~' ? '~~' : '~';
  return /^(\*+|_+)$/.test(found) && found.length === size ? found : fallback;
}

function codeSpan(value: string): string {
  let fence = '`';
  while (value.includes(fence)) fence += '`';
  const pad = value.startsWith('`') || value.endsWith('`') || (/^ .* $/.test(value) && value.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** One flattened TOC row for comparison: nesting, text, decoded target. */
export interface TocRow {
  nesting: number;
  text: string;
  target: string;
}

/** Flatten a TOC list (authored or generated) into rows, to compare them. */
export function tocRows(list: List, nesting = 0, rows: TocRow[] = []): TocRow[] {
  for (const item of list.children) {
    const paragraph = item.children[0];
    const link = paragraph?.type === 'paragraph' ? paragraph.children.find((c) => c.type === 'link') : undefined;
    rows.push({
      nesting,
      text: (link ? toString(link) : paragraph ? toString(paragraph) : '').replace(/\s+/g, ' ').trim(),
      target: link ? decodeFragment(link.url) : '',
    });
    for (const child of item.children) if (child.type === 'list') tocRows(child, nesting + 1, rows);
  }
  return rows;
}

/** Lists written as a TOC, as MAIO finds them: see `findAuthoredTocs`. */
export interface AuthoredToc {
  /** Index in `root.children`. */
  index: number;
  node: List;
  startLine: number;
  endLine: number;
}

/**
 * MAIO's way of finding an existing TOC, without any heading: a top-level list whose first item
 * is exactly one link to `#…`, whose line above is not `<!-- no toc -->`, and that resembles the
 * generated TOC (at least half of its links point at headings of this note).
 */
export function findAuthoredTocs(tree: Root, model: HeadingModel, lines: readonly string[], options: { plaintext?: boolean } = {}): AuthoredToc[] {
  const found: AuthoredToc[] = [];
  const targets = new Set<string>();
  const texts = new Set<string>();
  for (const h of model.headings) {
    targets.add(h.id);
    if (h.maioSlug !== undefined) targets.add(h.maioSlug);
    texts.add(h.text.replace(/\s+/g, ' ').trim());
  }
  tree.children.forEach((node, index) => {
    if (node.type !== 'list' || !node.position) return;
    // MAIO takes bullet lists and ordered lists that start at 1.
    if (node.ordered && (node.start ?? 1) !== 1) return;
    // With `toc.plaintext` MAIO looks for a list whose first item has no link at all.
    if (options.plaintext ? !firstItemHasNoLink(node) : !firstItemIsOneAnchorLink(node)) return;
    const above = lines[node.position.start.line - 2];
    if (above !== undefined && /^\s*<!--\s*no toc\s*-->\s*$/i.test(above)) return;
    const links = tocRows(node);
    const hits = options.plaintext
      ? links.filter((row) => texts.has(row.text)).length
      : links.filter((row) => targets.has(row.target) || targets.has(row.target.normalize('NFC'))).length;
    if (hits * 2 < links.length) return;
    found.push({ index, node, startLine: node.position.start.line, endLine: node.position.end.line });
  });
  return found;
}

function firstItemHasNoLink(list: List): boolean {
  const paragraph = list.children[0]?.children[0];
  return paragraph?.type === 'paragraph' && !paragraph.children.some((c) => c.type === 'link');
}

function firstItemIsOneAnchorLink(list: List): boolean {
  const paragraph = list.children[0]?.children[0];
  if (paragraph?.type !== 'paragraph') return false;
  const meaningful = paragraph.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  const only = meaningful[0];
  return meaningful.length === 1 && only?.type === 'link' && only.url.startsWith('#');
}

/** Heading texts remark-toc (and we) treat as "put the TOC here", matched after the marker is gone. */
// Emoji, emoji shortcodes and other symbols around the name are allowed (`## 📑 목차`,
// `## :bookmark_tabs: 목차`); no `u` flag, since remark-toc builds its own RegExp from this string
// (astral emoji are then two non-word code units, which the class matches).
const AROUND = '(?::[a-z0-9_+-]+:|[^\\w\\uAC00-\\uD7A3])*';
export const TOC_HEADING = `${AROUND}(?:목차|차례|(?:table[ -]of[ -])?contents?|toc)${AROUND}`;
export const TOC_HEADING_RE = new RegExp(`^(?:${TOC_HEADING})$`, 'i');
