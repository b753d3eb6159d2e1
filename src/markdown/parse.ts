// Parse a note outside Astro (for `npm run toc`, `npm run check` and the note index) the way
// the site's processor sees it: frontmatter blanked out with spaces so lines and offsets stay
// those of the file, GFM on, MDX syntax for .mdx files.

import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';

export interface ParsedNote {
  tree: Root;
  /** The note as the processor sees it (value = body with frontmatter blanked). */
  file: VFile;
  frontmatter: Record<string, unknown>;
}

const markdown = unified().use(remarkParse).use(remarkGfm).freeze();
const mdx = unified().use(remarkParse).use(remarkGfm).use(remarkMdx).freeze();

/** Whether a path is an MDX note. */
export function isMdxPath(path: string): boolean {
  return path.toLowerCase().endsWith('.mdx');
}

/** Parse a note's full source text. Throws on invalid frontmatter or MDX syntax. */
export function parseNote(source: string, path: string): ParsedNote {
  const { frontmatter, content } = parseFrontmatter(source, { frontmatter: 'empty-with-spaces' });
  const file = new VFile({ value: content, path });
  const tree = (isMdxPath(path) ? mdx : markdown).parse(file) as Root;
  return { tree, file, frontmatter: frontmatter as Record<string, unknown> };
}
