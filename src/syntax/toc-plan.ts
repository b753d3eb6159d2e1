// What a note's TOCs should be, decided once for the site's page (remark-toc-blocks), `npm run toc`
// and both checks (toc-rewrite): for each authored TOC block, the style it is written in
// (settings, else the block itself, else MAIO's defaults: toc-style.ts), its entries and its
// lines; a block is stale when those lines differ from the ones written.

import { diffArrays } from 'diff';
import type { Heading, Root } from 'mdast';
import type { HeadingModel } from './headings.ts';
import {
  findAuthoredTocs,
  TOC_HEADING_RE,
  tocEntries,
  tocRows,
  tocToMarkdownLines,
  type AuthoredToc,
  type TocEntry,
} from './toc.ts';
import { inferTocStyle, resolveTocStyle, type TocStyle, type TocStyleSettings } from './toc-style.ts';

/** The author's Markdown All in One settings that apply to one note (src/notes/maio-settings.ts reads them). */
export interface NoteTocSettings {
  style?: TocStyleSettings;
  /** `toc.omittedFromToc` entries for this note: `## Title` → depth 2, text `Title`. */
  omittedFromToc?: Array<{ depth: number; text: string }>;
  /** `toc.slugifyMode`, when set. */
  slugifyMode?: string;
  /** The settings file(s) the values come from, for messages. */
  from?: string;
}

export interface TocBlockPlan {
  block: AuthoredToc;
  style: TocStyle;
  entries: TocEntry[];
  /** The block's lines as they should be (authored bytes kept for every line that stays). */
  lines: string[];
  stale: boolean;
}

export interface TocPlan {
  blocks: TocBlockPlan[];
  /** Headings left out by `toc.omittedFromToc` (indexes in the model). */
  projectOmitted: Set<number>;
}

/**
 * Plan every authored TOC block of a note. `lines` are the note's lines as parsed (no
 * terminators); `source` the parsed text (for emphasis markers).
 */
export function planTocs(tree: Root, model: HeadingModel, lines: readonly string[], source: string, settings: NoteTocSettings = {}): TocPlan {
  const projectOmitted = omittedFromToc(model, lines, settings.omittedFromToc ?? []);
  const blocks = findAuthoredTocs(tree, model, lines, { plaintext: settings.style?.plaintext === true }).map((block) => {
    const style = resolveTocStyle(settings.style, inferTocStyle(block.node, lines, model));
    const skip = new Set(projectOmitted);
    const own = ownHeading(tree, model, block);
    if (own !== undefined && !listsHeading(block, model, own)) skip.add(own);
    const entries = tocEntries(model, { minDepth: style.minDepth, maxDepth: style.maxDepth, skip });
    const written = lines.slice(block.startLine - 1, block.endLine);
    const generated = tocToMarkdownLines(entries, source, style);
    const kept = keepWritten(written, generated);
    return { block, style, entries, lines: kept, stale: kept.join('\n') !== written.join('\n') };
  });
  return { blocks, projectOmitted };
}

/**
 * The generated lines, each one that the author already wrote (trailing blanks aside) taken as
 * written, so a rewrite changes only the entries that are wrong, missing or extra.
 */
function keepWritten(written: readonly string[], generated: readonly string[]): string[] {
  const out: string[] = [];
  let w = 0;
  for (const part of diffArrays(written as string[], generated as string[], { comparator: (a, b) => sameEntryLine(a, b) })) {
    if (part.removed) {
      w += part.value.length;
    } else if (part.added) {
      out.push(...part.value);
    } else {
      // Equal: the author's line, with its own trailing blanks.
      for (let i = 0; i < part.value.length; i++) out.push(written[w + i] ?? '');
      w += part.value.length;
    }
  }
  return out;
}

/**
 * A written line that says what the generated one says. Spaces inside the entry do not count:
 * Markdown All in One glues the words around a `<br>` (`#03AWS`) where the site reads a space,
 * and either way the link is right. The indentation (the nesting) does count.
 */
function sameEntryLine(written: string, generated: string): boolean {
  const indent = (line: string) => /^\s*/.exec(line)![0];
  const words = (line: string) => line.replace(/\s+/g, '');
  return indent(written) === indent(generated) && words(written) === words(generated);
}

/** The TOC heading a block sits under (`## 📑 목차` right above it, in the same section), if any. */
function ownHeading(tree: Root, model: HeadingModel, block: AuthoredToc): number | undefined {
  for (let i = block.index - 1; i >= 0; i--) {
    const node = tree.children[i];
    if (node?.type !== 'heading') continue;
    if (!isTocHeading(node, model)) return undefined;
    const index = model.nodes.indexOf(node);
    return index === -1 ? undefined : index;
  }
  return undefined;
}

export function isTocHeading(node: Heading, model: HeadingModel): boolean {
  const index = model.nodes.indexOf(node);
  const text = index === -1 ? '' : (model.headings[index]?.text ?? '');
  return TOC_HEADING_RE.test(text.trim());
}

/** Whether the authored block has an entry for that heading (then the author wants it listed, as MAIO would). */
function listsHeading(block: AuthoredToc, model: HeadingModel, index: number): boolean {
  const heading = model.headings[index];
  if (!heading) return false;
  const targets = new Set([heading.id, heading.maioSlug].filter((t): t is string => t !== undefined).map((t) => t.normalize('NFC')));
  const text = heading.text.replace(/\s+/g, ' ').trim();
  return tocRows(block.node).some((row) => targets.has(row.target.normalize('NFC')) || (row.target === '' && row.text === text));
}

/**
 * Headings `toc.omittedFromToc` leaves out, as MAIO matches them: same level and the same raw
 * text (what follows the `#`s, without the closing `#`s and surrounding blanks; for a setext
 * heading its last text line); the headings below a left-out one go with it, up to the next
 * heading of its level or higher that is not itself listed.
 */
export function omittedFromToc(model: HeadingModel, lines: readonly string[], omitted: ReadonlyArray<{ depth: number; text: string }>): Set<number> {
  const out = new Set<number>();
  if (omitted.length === 0) return out;
  let bound: number | undefined;
  model.headings.forEach((info, index) => {
    const node = model.nodes[index];
    if (!info.topLevel || info.raw || node?.type !== 'heading') return;
    // Headings omitted by a marker neither start nor end a left-out run (as in MAIO).
    if (info.omitted) return;
    if (bound !== undefined && info.depth > bound) {
      out.add(index);
      return;
    }
    const raw = rawContent(node, lines);
    if (omitted.some((o) => o.depth === info.depth && o.text === raw)) {
      out.add(index);
      bound = info.depth;
    } else {
      bound = undefined;
    }
  });
  return out;
}

function rawContent(node: Heading, lines: readonly string[]): string {
  const start = node.position?.start.line ?? 0;
  const end = node.position?.end.line ?? start;
  const first = (lines[start - 1] ?? '').replace(/^\t+/, (tabs) => '    '.repeat(tabs.length));
  const atx = /^ {0,3}#{1,6}(.*)$/.exec(first);
  if (atx && /^ {0,3}#{1,6}(?:[ \t]|$)/.test(first)) {
    return (atx[1] ?? '').replace(/[ \t]+$/, '').replace(/^[ \t]+/, '').replace(/[ \t]+#+[ \t]*$/, '');
  }
  // Setext: the text line just above the underline.
  return (lines[end - 2] ?? '').replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
}
