// satteri (a native Markdown parser, ~20× faster than micromark) where its mdast is the one
// remark-parse + remark-gfm + remark-math give, field for field and position for position, and
// otherwise why not: a note holding a construct where the two were seen to differ is parsed by
// micromark (tests/unit/native-parse.test.ts lists them and compares every fixture, spec example,
// generated note and seeded random documents):
//   `$` (satteri's math nodes lack mdast-util-math's data), `[^` (footnote definitions' edge
//   cases), CR (positions in fenced code), NUL (micromark makes it U+FFFD), `*_` / `_*` and
//   `*` `_` `~` next to a non-BMP character (emphasis flanking), a checkbox that ends its line or
//   is followed by anything but text, a bare URL or e-mail (GFM literal autolinks: micromark's
//   later pass leaves no positions), inline HTML across lines, an HTML block left open; and where
//   blocks end: an empty list item, indented code, a fence left open, a list in a blockquote,
//   two lists in a row inside a container, an HTML block inside a container, a last line of
//   spaces (end positions, split code blocks, an HTML block's trailing line ending).
// Used for .md only, by the pipeline's parse step (src/markdown/native-parse.ts) and by parseNote
// (parse.ts). NOTES_NATIVE_PARSE=0 turns it off.
import { createRequire } from 'node:module';
import type { Nodes, Root } from 'mdast';

// A machine without satteri's native binding (its import throws) still builds, with micromark.
// Loaded without top-level await, so that modules importing this one can be require()d
// (src/content.config.ts).
const satteri = loadSatteri();

function loadSatteri(): typeof import('satteri') | undefined {
  try {
    return createRequire(import.meta.url)('satteri') as typeof import('satteri');
  } catch {
    return undefined;
  }
}

/** The satteri features matching remark-gfm + remark-math with their defaults, frontmatter off. */
const FEATURES = { gfm: true, math: true, frontmatter: false } as const;

/** Why a source text goes to micromark before satteri runs (undefined: no such construct). */
export function sourceFallback(source: string): string | undefined {
  if (source.includes('$')) return 'math';
  if (source.includes('[^')) return 'footnote';
  if (source.includes('\r')) return 'carriage return';
  if (source.includes('\0')) return 'NUL';
  if (/\*_|_\*/.test(source)) return 'asterisk next to underscore';
  if (/[\uD800-\uDFFF][*_~]|[*_~][\uD800-\uDFFF]/.test(source)) return 'emphasis next to a non-BMP character';
  if (/\[[ xX]\][ \t]*$/m.test(source)) return 'checkbox at the end of a line';
  if (/\n[ \t]+$/.test(source)) return 'blank line of spaces at the end';
  return undefined;
}

const BLOCK_CONTAINERS = new Set(['root', 'blockquote', 'list', 'listItem', 'footnoteDefinition']);
/** HTML blocks that end on their own terminator, not on a blank line (CommonMark kinds 1-5). */
const RAW_HTML = /^<(?:(!--)|(\?)|(![A-Za-z])|(!\[CDATA\[)|(script|pre|style|textarea)(?=[\s>]|$))/i;

function rawHtmlOpen(value: string): boolean {
  const m = RAW_HTML.exec(value);
  if (!m) return false;
  const end = m[1] ? '-->' : m[2] ? '?>' : m[3] ? '>' : m[4] ? ']]>' : `</${m[5]!.toLowerCase()}>`;
  return !value.toLowerCase().includes(end, m[0].length);
}

/** Whether a code block is fenced and closed by a fence of its own (indented code: false). */
function codeClosed(position: Nodes['position'], source: string): boolean {
  if (!position || position.start.offset === undefined || position.end.offset === undefined) return false;
  const text = source.slice(position.start.offset, position.end.offset);
  const open = /^(`{3,}|~{3,})/.exec(text);
  if (!open) return false;
  const lines = text.split('\n');
  if (lines.length < 2) return false;
  const last = lines[lines.length - 1]!.replace(/^[ \t>]*/, '').trimEnd();
  return last.length >= open[1]!.length && last === open[1]![0]!.repeat(last.length);
}

/** Why satteri's tree of `source` is not trusted (undefined: it is used). */
export function treeFallback(tree: Root, source: string): string | undefined {
  const stack: Array<[Nodes, boolean]> = [[tree, false]];
  while (stack.length > 0) {
    const [node, phrasing] = stack.pop()!;
    switch (node.type) {
      case 'text':
        if (node.value.includes('@') || /https?:\/\/|www\./i.test(node.value)) return 'bare URL or e-mail';
        break;
      case 'link': {
        const first = node.position ? source[node.position.start.offset ?? -1] : undefined;
        if (first !== '[' && first !== '<') return 'literal autolink';
        break;
      }
      case 'listItem':
        if (node.children.length === 0) return 'empty list item';
        if (typeof node.checked === 'boolean') {
          const paragraph = node.children.find((c) => c.type === 'paragraph');
          if (paragraph && paragraph.children[0]?.type !== 'text') return 'checkbox before markup';
        }
        break;
      case 'html':
        if (phrasing && node.value.includes('\n')) return 'inline HTML across lines';
        if (rawHtmlOpen(node.value)) return 'HTML block left open';
        break;
    }
    if (node.type === 'code' && !codeClosed(node.position, source)) return 'indented code or a fence left open';
    if (node.type === 'blockquote' || node.type === 'listItem' || node.type === 'footnoteDefinition') {
      const children = node.children as Nodes[];
      for (let i = 0; i < children.length; i++) {
        const child = children[i]!;
        if (child.type === 'list' && children[i + 1]?.type === 'list') return 'adjacent lists in a container';
        if (child.type === 'list' && node.type === 'blockquote') return 'list in a blockquote';
        if (child.type === 'html') return 'HTML block in a container';
      }
    }
    if ('children' in node) {
      const inner = phrasing || !BLOCK_CONTAINERS.has(node.type);
      for (const child of node.children) stack.push([child as Nodes, inner]);
    }
  }
  return undefined;
}

/** satteri's tree of `source`, or why micromark parses it instead. */
export function nativeTree(source: string): { tree: Root } | { fallback: string } {
  if (!satteri) return { fallback: 'satteri not loaded' };
  const early = sourceFallback(source);
  if (early) return { fallback: early };
  let tree: Root;
  try {
    tree = satteri.markdownToMdast(source, { features: FEATURES }) as Root;
  } catch {
    return { fallback: 'satteri failed' };
  }
  const late = treeFallback(tree, source);
  return late ? { fallback: late } : { tree };
}

/** Whether native parsing is on (NOTES_NATIVE_PARSE=0 turns it off). */
export function nativeParseEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NOTES_NATIVE_PARSE?.trim() !== '0';
}

