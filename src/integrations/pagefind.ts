// Builds the Pagefind search index at the end of `astro build` (so `npm run build` and every
// `astro build --outDir <dir>` get one), over the pages just written. A failure fails the build.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSearchIndex } from '../site/search-index.ts';

export default function pagefindIndex(): AstroIntegration {
  return {
    name: 'notes-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        const result = await buildSearchIndex(fileURLToPath(dir));
        const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
        // More pages than the home and 404 pages, yet none marked: the note template lost its
        // data-pagefind-body, and search would find nothing.
        if (result.pages === 0 && result.htmlPages > 2) {
          logger.warn(`search index is empty: no page has data-pagefind-body (the note <article> in src/pages/[...slug].astro)`);
        }
        logger.info(
          `search index: ${result.pages} note page(s), ${kb(result.indexBytes)} of index ` +
            `(${kb(result.bytes)} with pagefind.js and wasm) in ${Date.now() - started} ms`,
        );
      },
    },
  };
}
