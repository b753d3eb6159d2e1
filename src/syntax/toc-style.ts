// How a TOC is written: levels, list kind, marker, indentation, links or plain text. The rules are
// Markdown All in One's (MAIO 3.6, src/toc.ts, read for behaviour, not copied):
// - entries are the headings within `toc.levels`; nesting starts at the shallowest listed level
//   (never above the setting's first level), and the rows before the first entry of that level go;
// - one indentation step per level below it: a tab when the editor indents with tabs, else the
//   editor's tab size in spaces, where MAIO's default `list.indentationSize: adaptive` makes that
//   2 for bullets and 3 for ordered lists (the width of `1. `);
// - ordered lists number each level from 1 (restarting under every parent), or write `1.` on
//   every item with `orderedList.marker: one`; a child is pushed right by one space for each digit
//   its ancestors' numbers have beyond the first, so it stays under its parent's text (`10. `);
// - plaintext writes the entry text without a link.
// Without settings, a note's own TOC block tells its style (inferTocStyle); a setting the author
// wrote wins over what the block shows.

import type { List, ListItem } from 'mdast';
import { decodeFragment, type HeadingModel } from './headings.ts';
import type { TocEntry } from './toc.ts';

export type ListMarker = '-' | '*' | '+';

export interface TocStyle {
  /** Shallowest heading level listed (`toc.levels` `2..4` → 2). */
  minDepth: number;
  /** Deepest heading level listed. */
  maxDepth: number;
  ordered: boolean;
  /** Every ordered item is `1.` (`markdown.extension.orderedList.marker: one`). */
  orderedOne: boolean;
  marker: ListMarker;
  plaintext: boolean;
  /** One nesting step: a tab or some spaces. */
  indent: string;
}

/** What the author set explicitly (settings files); each key present overrides the TOC block. */
export type TocStyleSettings = Partial<TocStyle> & {
  /** The editor's indentation when the block shows none (VS Code detects it from the file unless told not to). */
  defaultIndent?: string;
};

/** MAIO's defaults: `1..6`, `-`, links; 2 spaces a level (3 for ordered lists). */
export function defaultTocStyle(ordered = false): TocStyle {
  return { minDepth: 1, maxDepth: 6, ordered, orderedOne: false, marker: '-', plaintext: false, indent: ordered ? '   ' : '  ' };
}

/**
 * The style a TOC is written in: settings first, then what the authored block shows, then MAIO's
 * defaults. MAIO's adaptive indentation (2 or 3) depends on the list kind finally chosen.
 */
export function resolveTocStyle(settings: TocStyleSettings = {}, inferred: Partial<TocStyle> = {}): TocStyle {
  const ordered = settings.ordered ?? inferred.ordered ?? false;
  const base = defaultTocStyle(ordered);
  // A block of the other list kind does not tell the indentation of this one (3 vs 2 spaces).
  const inferredIndent = inferred.ordered === undefined || inferred.ordered === ordered ? inferred.indent : undefined;
  return {
    minDepth: settings.minDepth ?? inferred.minDepth ?? base.minDepth,
    maxDepth: settings.maxDepth ?? inferred.maxDepth ?? base.maxDepth,
    ordered,
    orderedOne: settings.orderedOne ?? (ordered ? inferred.orderedOne : undefined) ?? false,
    marker: settings.marker ?? inferred.marker ?? base.marker,
    plaintext: settings.plaintext ?? inferred.plaintext ?? false,
    indent: settings.indent ?? inferredIndent ?? settings.defaultIndent ?? base.indent,
  };
}

/**
 * The TOC's lines (without terminators) as MAIO writes them in `style`; `text` gives an entry's
 * Markdown text (links unwrapped, escaped as MAIO escapes).
 */
export function tocLines(entries: readonly TocEntry[], style: TocStyle, text: (entry: TocEntry) => string): string[] {
  const lines: string[] = [];
  const counters: number[] = [];
  for (const entry of entries) {
    const level = entry.level;
    counters.length = Math.max(counters.length, level + 1);
    counters[level] = (counters[level] ?? 0) + 1;
    // Numbering restarts under each new parent.
    counters.fill(0, level + 1);
    let indent = style.indent.repeat(level);
    if (style.ordered) {
      let shift = 0;
      for (let i = 0; i < level; i++) shift += String(counters[i] ?? 0).length - 1;
      indent += ' '.repeat(shift);
    }
    const marker = style.ordered ? `${style.orderedOne ? 1 : counters[level]}.` : style.marker;
    const body = style.plaintext ? text(entry) : `[${text(entry)}](#${entry.id})`;
    lines.push(`${indent}${marker} ${body}`);
  }
  return lines;
}

/** What an authored TOC block shows of its style; only what it shows is set. */
export function inferTocStyle(list: List, lines: readonly string[], model: HeadingModel): Partial<TocStyle> {
  const style: Partial<TocStyle> = { ordered: Boolean(list.ordered) };
  const items = flatten(list);
  const first = items[0];
  if (first) {
    const text = itemText(first.item, lines);
    if (!list.ordered) {
      const marker = /^[-*+]/.exec(text)?.[0];
      if (marker) style.marker = marker as ListMarker;
    } else {
      const numbers = items.map(({ item }) => Number(/^\d+/.exec(itemText(item, lines))?.[0] ?? NaN));
      // `1.` everywhere, with at least one list that would otherwise count past 1.
      const counts = new Map<List, number>();
      for (const { parent } of items) counts.set(parent, (counts.get(parent) ?? 0) + 1);
      if (numbers.every((n) => n === 1) && [...counts.values()].some((n) => n > 1)) style.orderedOne = true;
      else if (numbers.some((n) => n !== 1)) style.orderedOne = false;
    }
  }
  const indent = inferIndent(items, lines, Boolean(list.ordered));
  if (indent !== undefined) style.indent = indent;

  // Levels: the depths of the headings its entries link to (or name, for a plain-text TOC); an
  // entry that points nowhere (stale) counts one level deeper per nesting step.
  const depths: number[] = [];
  const unmatched: number[] = [];
  for (const { item, nesting } of items) {
    const depth = linkedDepth(item, model);
    if (depth !== undefined) depths.push(depth);
    else unmatched.push(nesting);
  }
  if (depths.length > 0) {
    const top = Math.min(...depths);
    for (const nesting of unmatched) depths.push(Math.min(6, top + nesting));
    style.minDepth = Math.min(...depths);
    style.maxDepth = Math.max(...depths);
  }
  if (!items.some(({ item }) => findLink(item))) style.plaintext = true;
  return style;
}

interface FlatItem {
  item: ListItem;
  parent: List;
  nesting: number;
  /** The number of the parent items at each enclosing level (ordered lists). */
  parentNumbers: number[];
}

function flatten(list: List, nesting = 0, parentNumbers: number[] = [], out: FlatItem[] = []): FlatItem[] {
  list.children.forEach((item, index) => {
    out.push({ item, parent: list, nesting, parentNumbers });
    for (const child of item.children) {
      if (child.type === 'list') flatten(child, nesting + 1, [...parentNumbers, (list.start ?? 1) + index], out);
    }
  });
  return out;
}

/** The item's line from its marker on. */
function itemText(item: ListItem, lines: readonly string[]): string {
  const start = item.position?.start;
  if (!start) return '';
  return (lines[start.line - 1] ?? '').slice(start.column - 1);
}

function leadingOf(item: ListItem, lines: readonly string[]): string {
  const start = item.position?.start;
  if (!start) return '';
  return (lines[start.line - 1] ?? '').slice(0, start.column - 1);
}

/** The indentation step: a tab, or the smallest width of a first-level sub-item (less MAIO's shift for wide numbers). */
function inferIndent(items: readonly FlatItem[], lines: readonly string[], ordered: boolean): string | undefined {
  const nested = items.filter((i) => i.nesting > 0);
  if (nested.length === 0) return undefined;
  if (nested.some((i) => leadingOf(i.item, lines).includes('\t'))) return '\t';
  let unit: number | undefined;
  for (const i of nested) {
    const width = leadingOf(i.item, lines).length;
    const shift = ordered ? i.parentNumbers.reduce((sum, n) => sum + String(n).length - 1, 0) : 0;
    const step = Math.floor((width - shift) / i.nesting);
    if (step > 0 && (unit === undefined || step < unit)) unit = step;
  }
  return unit === undefined ? undefined : ' '.repeat(unit);
}

function findLink(item: ListItem) {
  const paragraph = item.children[0];
  return paragraph?.type === 'paragraph' ? paragraph.children.find((c) => c.type === 'link') : undefined;
}

/** The depth of the heading an entry points at: its id or MAIO's slug, else (case aside) its text. */
function linkedDepth(item: ListItem, model: HeadingModel): number | undefined {
  const top = model.headings.filter((h) => h.topLevel && !h.raw);
  const link = findLink(item);
  if (link) {
    const target = decodeFragment(link.url).normalize('NFC');
    const exact = top.find((h) => h.id.normalize('NFC') === target || h.maioSlug?.normalize('NFC') === target);
    if (exact) return exact.depth;
    const loose = top.find((h) => h.id.toLowerCase() === target.toLowerCase());
    if (loose) return loose.depth;
  }
  const paragraph = item.children[0];
  const text = paragraph?.type === 'paragraph' ? plainText(paragraph.children) : '';
  return top.find((h) => h.text.replace(/\s+/g, ' ').trim() === text)?.depth;
}

function plainText(nodes: readonly unknown[]): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    const n = node as { value?: unknown; children?: unknown[]; type?: string };
    if (typeof n.value === 'string' && n.type !== 'html') parts.push(n.value);
    if (Array.isArray(n.children)) n.children.forEach(walk);
  };
  nodes.forEach(walk);
  return parts.join('').replace(/\s+/g, ' ').trim();
}
