// The one remark/rehype plugin list, shared by astro.config.mjs (for .md and .mdx), the benchmark floor and the tests.
// (stub: filled in by the markdown core)
import type { PluggableList } from 'unified';

export const remarkPlugins: PluggableList = [];
export const rehypePlugins: PluggableList = [];
