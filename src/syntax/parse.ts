// Parse a note outside Astro (for `npm run toc`, `npm run check` and the note index) the way
// the site's processor sees it: frontmatter blanked out with spaces so lines and offsets stay
// those of the file, GFM and math (`$…$`, as the site's remark-math) on, MDX syntax for .mdx files.
// A .md note is parsed by satteri where its tree is micromark's, as the site's processor does
// (native-tree.ts).

// The frontmatter parser Astro's content loader itself uses (@astrojs/markdown-remark re-exports
// it, but loading that package costs ~0.3 s, too much for `npm run check` on every save).
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { nativeParseEnabled, nativeTree } from './native-tree.ts';

export interface ParsedNote {
  tree: Root;
  /** The note as the processor sees it (value = body with frontmatter blanked). */
  file: VFile;
  frontmatter: Record<string, unknown>;
}

const micromark = unified().use(remarkParse).use(remarkGfm).use(remarkMath).freeze();
const markdown = {
  parse(file: VFile): Root {
    const native = nativeParseEnabled() ? nativeTree(String(file.value)) : undefined;
    return native && 'tree' in native ? native.tree : micromark.parse(file);
  },
};
const mdx = unified().use(remarkParse).use(remarkGfm).use(remarkMdx).use(remarkMath).freeze();

/** Whether a path is an MDX note. */
export function isMdxPath(path: string): boolean {
  return path.toLowerCase().endsWith('.mdx');
}

/** What parses a note: unified processors for .md and .mdx notes. */
export interface NoteParsers {
  markdown: { parse(file: VFile): unknown };
  mdx: { parse(file: VFile): unknown };
}

/**
 * Parse a note's full source text. Throws on invalid frontmatter or MDX syntax.
 * @param parsers processors to parse with instead of plain remark + GFM (+ MDX): `npm run check`
 *   passes ones that carry the site's plugins, so syntax extensions among them (remark-math) apply
 */
export function parseNote(source: string, path: string, parsers: NoteParsers = { markdown, mdx }): ParsedNote {
  const { frontmatter, content } = parseFrontmatter(source, { frontmatter: 'empty-with-spaces' });
  const file = new VFile({ value: content, path });
  const tree = (isMdxPath(path) ? parsers.mdx : parsers.markdown).parse(file) as Root;
  return { tree, file, frontmatter: frontmatter as Record<string, unknown> };
}
