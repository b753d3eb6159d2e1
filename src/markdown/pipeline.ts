// The one remark/rehype plugin list, shared by astro.config.mjs (for .md and .mdx alike),
// the benchmark floor and the tests. Order matters:
//   line endings → omit markers → heading ids → TOC blocks → fragment check → note links (remark)
//   → emoji → alerts → math checks → theme images → Mermaid             (remark, GitHub parity)
// Emoji come after the ids and the TOC: GitHub computes `## :rocket: 시작` 's id from the
// shortcode's text (`rocket-시작`), then shows 🚀 in the heading and in the TOC's link text.
//   rehype-slug (keeps our ids) → rehype-autolink-headings → a space after a heading's <br> → KaTeX
//   → copy buttons → rehype-raw only where raw HTML is (rehype; highlighting and rehype-raw are Astro's)
// remark-math is a syntax extension ($…$, $$…$$); ```math blocks are left alone by Astro's
// highlighter (its default excludeLangs) and rendered by KaTeX too. Footnote labels: footnotes.ts.
// native-parse.ts swaps the parse itself (satteri where its tree is micromark's, per note); it is
// not a transform, so where it sits in the list does not matter.

import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeSlug from 'rehype-slug';
import remarkMath from 'remark-math';
import type { RehypePlugins, RemarkPlugins } from '@astrojs/markdown-remark';
import { headingAnchorOptions } from './heading-anchors.ts';
import rehypeMath from './rehype-math.ts';
import rehypeCodeCopy from './rehype-code-copy.ts';
import rehypeHeadingBreaks from './rehype-heading-breaks.ts';
import rehypeRawWhenNeeded from './rehype-raw-when-needed.ts';
import remarkCheckFragments from './remark-check-fragments.ts';
import remarkEmojiShortcodes from './remark-emoji-shortcodes.ts';
import remarkGithubAlerts from './remark-github-alerts.ts';
import remarkHeadingIds from './remark-heading-ids.ts';
import remarkMathDelimiters from './remark-math-delimiters.ts';
import remarkNormalizeLineEndings from './remark-normalize-line-endings.ts';
import remarkMermaid, { type MermaidMode } from './remark-mermaid.ts';
import remarkNativeParse from './native-parse.ts';
import remarkNoteLinks from './remark-note-links.ts';
import remarkNoteSummary from './remark-note-summary.ts';
import remarkOmitMarkers from './remark-omit-markers.ts';
import remarkThemeImages from './remark-theme-images.ts';
import remarkTocBlocks from './remark-toc-blocks.ts';
import type { Report } from './report.ts';

export { remarkRehypeOptions } from './footnotes.ts';

export interface PipelineOptions {
  /** Where diagnostics go (default: the build's collector). */
  report?: Report;
  /** Where Mermaid diagrams render (default: NOTES_MERMAID, else build time when Chromium is found). */
  mermaid?: MermaidMode;
  /** The notes folder links are resolved in (default: src/core/project.ts contentDir()). */
  contentDir?: string;
  /** Check `#fragment` links into other notes when the pages render (the build; see remark-note-links). */
  deferFragments?: boolean;
  /** The site's base that links to notes and files go under (default `/`). */
  base?: string;
}

export function createRemarkPlugins(options: PipelineOptions = {}): RemarkPlugins {
  const report = options.report ? { report: options.report } : {};
  return [
    remarkNativeParse,
    remarkMath,
    remarkNormalizeLineEndings,
    [remarkOmitMarkers, report],
    [remarkHeadingIds, report],
    remarkNoteSummary,
    [remarkTocBlocks, { ...report, ...(options.contentDir ? { contentDir: options.contentDir } : {}) }],
    [remarkCheckFragments, report],
    // Relative links between notes → page URLs under the base; every internal link checked.
    [
      remarkNoteLinks,
      {
        ...report,
        ...(options.contentDir ? { contentDir: options.contentDir } : {}),
        ...(options.deferFragments ? { deferFragments: true } : {}),
        ...(options.base ? { base: options.base } : {}),
      },
    ],
    [remarkEmojiShortcodes, report],
    [remarkGithubAlerts, report],
    [remarkMathDelimiters, report],
    remarkThemeImages,
    [remarkMermaid, { ...report, ...(options.mermaid ? { mode: options.mermaid } : {}) }],
  ];
}

export function createRehypePlugins(options: PipelineOptions = {}): RehypePlugins {
  const report = options.report ? { report: options.report } : {};
  return [rehypeSlug, [rehypeAutolinkHeadings, headingAnchorOptions], rehypeHeadingBreaks, [rehypeMath, report], rehypeCodeCopy, rehypeRawWhenNeeded];
}

export const remarkPlugins: RemarkPlugins = createRemarkPlugins();
export const rehypePlugins: RehypePlugins = createRehypePlugins();
