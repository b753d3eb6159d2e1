// The one remark/rehype plugin list, shared by astro.config.mjs (for .md and .mdx alike),
// the benchmark floor and the tests. Order matters:
//   omit markers → heading ids → TOC blocks → fragment check   (remark)
//   rehype-slug (keeps our ids) → rehype-autolink-headings      (rehype; highlighting is Astro's)

import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeSlug from 'rehype-slug';
import type { RehypePlugins, RemarkPlugins } from '@astrojs/markdown-remark';
import { headingAnchorOptions } from './heading-anchors.ts';
import remarkCheckFragments from './remark-check-fragments.ts';
import remarkHeadingIds from './remark-heading-ids.ts';
import remarkOmitMarkers from './remark-omit-markers.ts';
import remarkTocBlocks from './remark-toc-blocks.ts';
import type { Report } from './report.ts';

export interface PipelineOptions {
  /** Where diagnostics go (default: the build's collector). */
  report?: Report;
}

export function createRemarkPlugins(options: PipelineOptions = {}): RemarkPlugins {
  const report = options.report ? { report: options.report } : {};
  return [
    [remarkOmitMarkers, report],
    [remarkHeadingIds, report],
    [remarkTocBlocks, report],
    [remarkCheckFragments, report],
  ];
}

export function createRehypePlugins(): RehypePlugins {
  return [rehypeSlug, [rehypeAutolinkHeadings, headingAnchorOptions]];
}

export const remarkPlugins: RemarkPlugins = createRemarkPlugins();
export const rehypePlugins: RehypePlugins = createRehypePlugins();
