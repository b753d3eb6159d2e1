// The parse step of the .md pipeline done by satteri where its tree is micromark's
// (src/syntax/native-tree.ts says when); every plugin after it runs on that same tree, and a note
// satteri is not trusted with is parsed by micromark (the parser remark-parse installed). Only in a
// processor whose syntax extensions are exactly GFM and math (the .md renderer and `npm run
// check`), never for .mdx. NOTES_NATIVE_PARSE=0 turns it off.
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { nativeParseEnabled, nativeTree } from '../syntax/native-tree.ts';

/** How many notes each parser took in this thread, and why notes fell back. */
export const nativeParseStats = { native: 0, micromark: 0, reasons: new Map<string, number>() };

/**
 * Replaces the processor's parser (remark-parse's, installed before this plugin) with satteri
 * plus the per-note fallback. Inert when another syntax extension than GFM and math is present
 * (MDX, a future plugin), when settings are given to remark-parse, or when there is no parser.
 */
export default function remarkNativeParse(this: Processor, options: { enabled?: boolean } = {}) {
  const micromark = this.parser;
  if (!micromark || !(options.enabled ?? nativeParseEnabled())) return;
  const self = this;
  const count = (key: string) => ((self.data(key as 'settings') as unknown[] | undefined) ?? []).length;
  this.parser = (document: string, file: VFile) => {
    const settings = self.data('settings');
    const plain =
      !/\.mdx$/i.test(file.path ?? '') &&
      count('micromarkExtensions') === 2 &&
      count('fromMarkdownExtensions') === 2 &&
      (!settings || Object.keys(settings).length === 0);
    const result = plain ? nativeTree(document) : { fallback: 'not a GFM + math processor' };
    if ('tree' in result) {
      nativeParseStats.native++;
      return result.tree;
    }
    nativeParseStats.micromark++;
    nativeParseStats.reasons.set(result.fallback, (nativeParseStats.reasons.get(result.fallback) ?? 0) + 1);
    return micromark(document, file);
  };
}
