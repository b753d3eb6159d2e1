// The heading model: every heading of a note with its depth, text, GitHub id, omit flag,
// top-level flag and source line. The TOC plugin, the side TOC, `npm run toc`, `npm run check`
// and the link checker all read this one model; none re-derives ids or omit rules.

import GithubSlugger, { slug as githubSlug } from 'github-slugger';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastToString } from 'hast-util-to-string';
import type { Element, Root as HastRoot } from 'hast';
import type { Heading, Html, Nodes, PhrasingContent, Root } from 'mdast';
import type {} from 'mdast-util-mdx';
import type {} from 'mdast-util-to-hast';
import { SKIP, walk } from './walk.ts';
import type { VFile } from 'vfile';
import { isMarkerNodeValue, omitVerdict, type OmitMarkerPlace } from './omit-markers.ts';

export interface HeadingInfo {
  depth: number;
  /** The id GitHub gives the heading (github-slugger over the rendered text, one slugger per note). */
  id: string;
  /** The rendered text that was slugged. */
  slugText: string;
  /** Entry text: the heading's text without omit marker, HTML, images and footnote calls (not trimmed). */
  text: string;
  omitted: boolean;
  omitPlace?: OmitMarkerPlace;
  /** A direct child of the document (only those can be TOC entries). */
  topLevel: boolean;
  /** Written as raw HTML (`<h2>…</h2>`), not Markdown. */
  raw: boolean;
  line: number;
  column: number;
  /** The slug Markdown All in One would write for this heading (top-level Markdown headings only). */
  maioSlug?: string;
  /** The text slugs to nothing (a heading of only symbols). */
  emptySlug: boolean;
  /** A comment near the heading that looks like an omit marker but is not one. */
  lookalike?: { line: number; text: string };
}

export interface HeadingModel {
  headings: HeadingInfo[];
  /** The mdast node of each heading, by index (for raw HTML headings the `html` node). */
  nodes: Array<Heading | Html>;
  /** Each heading's TOC entry content, by index, taken when the model is built (later plugins may change the tree). */
  entries: PhrasingContent[][];
  /** For raw HTML headings: where in the `html` node's value the start tag ends (to add an id). */
  rawTagEnds: Map<number, number>;
  /** Every id an element of the page will have: headings, footnotes, explicit `id`/`name` in raw HTML. */
  ids: Set<string>;
}

export interface HeadingModelOptions {
  /** The note is MDX (markers are `{/* omit in toc *\/}`). Default: from the file extension. */
  mdx?: boolean;
}

const MODEL = 'notesHeadingModel';

/** Decomposed (NFD) Hangul jamo, as macOS writes them: text with these differs from what people type. */
export const NFD_HANGUL = /[\u1100-\u11FF]/;

/** The heading model of a parsed note, computed once per file and cached on it. */
export function headingModel(tree: Root, file: VFile, options: HeadingModelOptions = {}): HeadingModel {
  const cached = file.data[MODEL] as HeadingModel | undefined;
  if (cached) return cached;
  const mdx = options.mdx ?? isMdxFile(file);
  const model = buildHeadingModel(tree, splitLines(String(file.value ?? '')), mdx);
  file.data[MODEL] = model;
  return model;
}

export function isMdxFile(file: VFile): boolean {
  return (file.path ?? '').toLowerCase().endsWith('.mdx');
}

/** Lines without their terminators (LF, CRLF or CR). */
export function splitLines(source: string): string[] {
  return source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

export function buildHeadingModel(tree: Root, lines: readonly string[], mdx: boolean): HeadingModel {
  const slugger = new GithubSlugger();
  const footnoteNumbers = numberFootnoteCalls(tree);
  const headings: HeadingInfo[] = [];
  const nodes: Array<Heading | Html> = [];
  const entries: PhrasingContent[][] = [];
  const rawTagEnds = new Map<number, number>();
  const ids = new Set<string>(['footnote-label']);
  const maioCounts = new Map<string, number>();

  walk(tree, (node, _index, parent) => {
    if (node.type === 'heading') {
      const slugText = renderedText(node, footnoteNumbers);
      const id = slugger.slug(slugText);
      const topLevel = parent?.type === 'root';
      const start = node.position?.start;
      const end = node.position?.end;
      const firstLine = start?.line ?? 0;
      // A setext heading's underline is its last line; its text ends on the line before.
      const lastLine = isSetext(node, lines) ? (end?.line ?? firstLine) - 1 : (end?.line ?? firstLine);
      const verdict = firstLine ? omitVerdict(lines, firstLine, lastLine, mdx) : { omitted: false };
      const content = entryContent(node);
      const info: HeadingInfo = {
        depth: node.depth,
        id,
        slugText,
        text: toPlainText(content),
        omitted: verdict.omitted,
        topLevel,
        raw: false,
        line: firstLine,
        column: start?.column ?? 1,
        emptySlug: githubSlug(slugText) === '',
      };
      if (verdict.omitted && verdict.place) info.omitPlace = verdict.place;
      if (verdict.lookalike) info.lookalike = verdict.lookalike;
      if (topLevel) {
        // MAIO slugs the last text line of a heading and counts repeats by base slug only,
        // among top-level headings only.
        const base = githubSlug(slugText.split('\n').at(-1) ?? '');
        const seen = maioCounts.get(base) ?? 0;
        maioCounts.set(base, seen + 1);
        info.maioSlug = seen === 0 ? base : `${base}-${seen}`;
      }
      headings.push(info);
      nodes.push(node);
      entries.push(content);
      ids.add(id);
      return SKIP;
    }
    if (node.type === 'html') {
      collectRawHtml(node, parent?.type === 'root', slugger, { headings, nodes, entries, rawTagEnds, ids });
      return SKIP;
    }
    return undefined;
  });
  // remark-rehype renders only the footnotes that are called.
  for (const identifier of footnoteNumbers.keys()) {
    ids.add(`user-content-fn-${identifier.toLowerCase()}`);
    ids.add(`user-content-fnref-${identifier.toLowerCase()}`);
  }
  return { headings, nodes, entries, rawTagEnds, ids };
}

function isSetext(node: Heading, lines: readonly string[]): boolean {
  const start = node.position?.start.line;
  const end = node.position?.end.line;
  if (!start || !end) return false;
  if (end > start) return true;
  return !/^ {0,3}#/.test(lines[start - 1] ?? '');
}

function collectRawHtml(node: Html, topLevel: boolean, slugger: GithubSlugger, model: HeadingModel): void {
  const { headings, nodes, entries, rawTagEnds, ids } = model;
  if (!/<(?:h[1-6]|[a-z][^>]*\s(?:id|name)\s*=)/i.test(node.value)) return;
  const fragment: HastRoot = fromHtml(node.value, { fragment: true });
  walk(fragment, 'element', (element: Element) => {
    const explicit = element.properties.id ?? element.properties.name;
    if (typeof explicit === 'string') ids.add(explicit);
    const rank = /^h([1-6])$/.exec(element.tagName);
    if (!rank || typeof element.properties.id === 'string') return;
    const slugText = hastToString(element);
    const id = slugger.slug(slugText);
    const offset = element.position?.start.offset;
    if (offset === undefined) return;
    rawTagEnds.set(headings.length, offset + 1 + element.tagName.length);
    headings.push({
      depth: Number(rank[1]),
      id,
      slugText,
      text: slugText,
      omitted: false,
      topLevel,
      raw: true,
      line: (node.position?.start.line ?? 1) + (element.position?.start.line ?? 1) - 1,
      column: element.position?.start.column ?? 1,
      emptySlug: githubSlug(slugText) === '',
    });
    nodes.push(node);
    entries.push([{ type: 'text', value: slugText }]);
    ids.add(id);
  });
}

/** Footnote calls are numbered by first reference, in document order, as remark-rehype does. */
function numberFootnoteCalls(tree: Root): Map<string, number> {
  const numbers = new Map<string, number>();
  walk(tree, 'footnoteReference', (node) => {
    const key = node.identifier.toUpperCase();
    if (!numbers.has(key)) numbers.set(key, numbers.size + 1);
  });
  return numbers;
}

/** Every id on the note's page, NFC (as links, decoded and normalized, are compared with them). */
export function linkableIds(model: Pick<HeadingModel, 'ids'>): string[] {
  return [...model.ids].map((id) => id.normalize('NFC'));
}

/** The text a reader sees, as GitHub slugs it: HTML, comments, images and MDX expressions give nothing. */
export function renderedText(node: Nodes, footnoteNumbers: Map<string, number> = new Map()): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'inlineMath':
      // GitHub renders math from the `$…$` source text, and slugs that text.
      return `$${node.value}$`;
    case 'footnoteReference':
      return String(footnoteNumbers.get(node.identifier.toUpperCase()) ?? '');
    case 'break':
      return '\n';
    case 'html':
    case 'image':
    case 'imageReference':
    case 'mdxTextExpression':
    case 'mdxFlowExpression':
      return '';
    default:
      return 'children' in node ? node.children.map((child) => renderedText(child as Nodes, footnoteNumbers)).join('') : '';
  }
}

/**
 * A heading's content as a TOC entry: links unwrapped; images, HTML, footnote calls, MDX expressions
 * and the omit marker removed; line breaks inside the heading become spaces. Returns new nodes.
 */
export function entryContent(heading: Heading): PhrasingContent[] {
  return cleanPhrasing(heading.children);
}

function cleanPhrasing(children: readonly PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const child of children) {
    switch (child.type) {
      case 'link':
      case 'linkReference':
        out.push(...cleanPhrasing(child.children));
        break;
      case 'html':
        // `# 웨비나 #03<br/>AWS …`: a line break the author wrote in HTML reads as a space.
        if (/^<br\s*\/?>$/i.test(child.value.trim())) out.push({ type: 'text', value: ' ' });
        break;
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        break;
      case 'break':
        out.push({ type: 'text', value: ' ' });
        break;
      case 'text':
        out.push({ type: 'text', value: child.value.replace(/\r?\n/g, ' ') });
        break;
      case 'inlineCode':
        out.push({ ...child, position: undefined });
        break;
      default: {
        if ((child.type as string) === 'mdxTextExpression') break;
        if ((child.type as string) === 'mdxJsxTextElement' && (child as { name?: string | null }).name?.toLowerCase() === 'br') {
          out.push({ type: 'text', value: ' ' });
          break;
        }
        if ('children' in child) {
          out.push({ ...child, position: child.position, children: cleanPhrasing(child.children as PhrasingContent[]) } as PhrasingContent);
        } else {
          out.push(child);
        }
      }
    }
  }
  return out;
}

/** Plain text of phrasing content (code spans give their text). */
export function toPlainText(children: readonly PhrasingContent[]): string {
  return children.map((child) => renderedText(child)).join('');
}

/** Remove the omit markers of omitted headings from the tree (they must never reach the page). */
export function stripOmitMarkers(tree: Root, model: HeadingModel): void {
  const aboveMarkers = new Set<Nodes>();
  model.headings.forEach((info, index) => {
    const node = model.nodes[index];
    if (!node || node.type !== 'heading' || !info.omitted) return;
    if (info.omitPlace === 'trailing') {
      const last = node.children.at(-1);
      if (last && isMarkerNodeValue(last.type, 'value' in last ? String(last.value) : '')) node.children.pop();
    }
  });
  // Markers on the line above are separate flow nodes right before their heading.
  walk(tree, (node, index, parent) => {
    if (!parent || index === undefined || node.type !== 'heading') return;
    const info = model.headings[model.nodes.indexOf(node)];
    if (!info?.omitted || info.omitPlace !== 'above') return;
    const previous = parent.children[index - 1];
    if (previous && isMarkerNodeValue(previous.type, 'value' in previous ? String(previous.value) : '')) {
      aboveMarkers.add(previous);
    }
  });
  if (aboveMarkers.size === 0) return;
  walk(tree, (node) => {
    if ('children' in node) {
      (node as { children: Nodes[] }).children = (node.children as Nodes[]).filter((child) => !aboveMarkers.has(child));
    }
  });
}

/**
 * The title rule: the text of a note's first top-level Markdown h1 (omit marker removed, white
 * space collapsed, trimmed; '' for an empty one), or undefined when it has none.
 */
export function firstH1Text(headings: ReadonlyArray<Pick<HeadingInfo, 'depth' | 'topLevel' | 'raw' | 'text'>>): string | undefined {
  const h1 = headings.find((h) => h.depth === 1 && h.topLevel && !h.raw);
  return h1?.text.replace(/\s+/g, ' ').trim();
}

/** `#%EC%A0%95` → `정`; a malformed escape is kept as written. */
export function decodeFragment(url: string): string {
  const hash = url.startsWith('#') ? url.slice(1) : url;
  try {
    return decodeURIComponent(hash);
  } catch {
    return hash;
  }
}
