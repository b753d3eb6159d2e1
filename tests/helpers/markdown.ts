// Render notes the way the site does (Astro's unified processor with our plugin list), or run
// only the remark stage, collecting diagnostics instead of printing them.

import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
import type { Diagnostic } from '../../src/core/diagnostics.ts';
import type { NoteHeading } from '../../src/markdown/remark-heading-ids.ts';
import { createRehypePlugins, createRemarkPlugins, remarkRehypeOptions, type PipelineOptions } from '../../src/markdown/pipeline.ts';

export interface Rendered {
  html: string;
  diagnostics: Diagnostic[];
  headings: NoteHeading[];
  /** The frontmatter the plugins recorded (noteHeadings, noteFeatures, ...). */
  frontmatter: Record<string, unknown>;
}

/** Full .md rendering, exactly as the site's processor does it (no syntax highlighting). */
export async function renderNote(
  source: string,
  path = 'content/note.md',
  options: Omit<PipelineOptions, 'report'> = {},
): Promise<Rendered> {
  const found: Diagnostic[] = [];
  const report = (d: Diagnostic) => found.push(d);
  const processor = await createMarkdownProcessor({
    remarkPlugins: createRemarkPlugins({ ...options, report }),
    rehypePlugins: createRehypePlugins({ ...options, report }),
    remarkRehype: remarkRehypeOptions,
    gfm: true,
    smartypants: false,
    syntaxHighlight: false,
  });
  const result = await processor.render(source, { fileURL: pathToFileURL(path) });
  return {
    html: result.code,
    diagnostics: found,
    headings: (result.metadata.frontmatter.noteHeadings ?? []) as NoteHeading[],
    frontmatter: result.metadata.frontmatter,
  };
}

/** The remark stage only (parse + our plugins), for .md or .mdx; returns the transformed tree. */
export async function runRemark(source: string, path = 'content/note.md'): Promise<{ tree: Root; file: VFile; diagnostics: Diagnostic[] }> {
  const found: Diagnostic[] = [];
  const mdx = path.endsWith('.mdx');
  const processor = unified().use(remarkParse).use(remarkGfm);
  if (mdx) processor.use(remarkMdx);
  processor.use(createRemarkPlugins({ report: (d) => found.push(d) }) as PluggableList);
  const file = new VFile({ value: source, path });
  const tree = (await processor.run(processor.parse(file), file)) as Root;
  return { tree, file, diagnostics: found };
}

/** Ids of h1-h6 elements in rendered HTML, in order. */
export function headingIds(html: string): string[] {
  return [...html.matchAll(/<h[1-6]\b[^>]*\bid="([^"]*)"/g)].map((m) => decodeHtml(m[1] ?? ''));
}

export function decodeHtml(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#x26;|&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/** The remark stage's output as Markdown (for .mdx fixtures, whose HTML only exists as compiled JS). */
export async function remarkToMarkdown(source: string, path: string): Promise<{ markdown: string; diagnostics: Diagnostic[] }> {
  const { tree, diagnostics } = await runRemark(source, path);
  const processor = unified().use(remarkStringify, { bullet: '-' }).use(remarkGfm);
  if (path.endsWith('.mdx')) processor.use(remarkMdx);
  return { markdown: processor.stringify(tree), diagnostics };
}
