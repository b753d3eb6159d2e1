// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { remarkPlugins, rehypePlugins, remarkRehypeOptions } from './src/markdown/pipeline.ts';
import notesDiagnostics from './src/integrations/notes-diagnostics.ts';

// Build tests build several fixture sites from this one project: each gets its own content
// directory (NOTES_CONTENT_DIR, resolved in src/lib/project.ts), its own output directory
// (`astro build --outDir <dir>`) and its own cache directory (NOTES_CACHE_DIR, where Astro keeps
// the content data store between builds), so builds never see each other's notes.
const cacheDir = process.env.NOTES_CACHE_DIR;

export default defineConfig({
  ...(cacheDir ? { cacheDir } : {}),
  markdown: {
    // Astro 7 runs remark/rehype plugins only through the unified processor; @astrojs/mdx inherits it.
    // remarkRehype: Korean footnote labels (src/markdown/footnotes.ts).
    processor: unified({ gfm: true, smartypants: false, remarkPlugins, rehypePlugins, remarkRehype: remarkRehypeOptions }),
  },
  // notes-diagnostics prints each note warning/error with file and line and fails the build on
  // errors (and on warnings when NOTES_STRICT=1).
  integrations: [mdx(), notesDiagnostics()],
});
