// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { notesProcessor } from './src/markdown/processor.ts';
import notesDiagnostics from './src/integrations/notes-diagnostics.ts';
import pagefindIndex from './src/integrations/pagefind.ts';
import noteLinks from './src/integrations/note-links.ts';
import mermaidClient from './src/integrations/mermaid-client.ts';
import buildMemory from './src/integrations/build-memory.ts';
import devWarmup from './src/integrations/dev-warmup.ts';
import { currentSite } from './src/core/site-address.ts';
import { publicDir } from './src/core/project.ts';

// Build tests build several fixture sites from this one project: each gets its own content
// directory (NOTES_CONTENT_DIR, resolved in src/core/project.ts), its own output directory
// (`astro build --outDir <dir>`) and its own cache directory (NOTES_CACHE_DIR, where Astro keeps
// the content data store between builds), so builds never see each other's notes.
const cacheDir = process.env.NOTES_CACHE_DIR;

// Where the site is published: SITE_URL/BASE_PATH, public/CNAME, or GitHub Pages from
// GITHUB_REPOSITORY (src/core/site-address.ts, the one resolver).
const { site, base } = currentSite();

export default defineConfig({
  ...(cacheDir ? { cacheDir } : {}),
  // The build tests' own copy of public/ (src/core/project.ts publicDir), to add and remove files in.
  ...(process.env.NOTES_PUBLIC_DIR ? { publicDir: publicDir() } : {}),
  ...(site ? { site } : {}),
  base,
  // Every page is a directory with index.html and every link ends in `/`: what GitHub Pages
  // serves without a redirect (`/repo/note` would get a 301 to `/repo/note/`).
  trailingSlash: 'always',
  // Four pages render at once: while one page's file is written (the write waits on the thread
  // pool), the next renders, instead of the thread idling (a 300-note build: ~0.25 s of 1.5 s).
  // Pages share nothing but caches filled once; diagnostics print in the order found, as with
  // the render workers.
  build: { format: 'directory', concurrency: 4 },
  markdown: {
    // Code blocks: Shiki with GitHub's light and dark themes as CSS variables only
    // (defaultColor: false); src/styles/global.css picks one per theme (light/dark/system).
    shikiConfig: {
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
    },
    // Astro 7 runs remark/rehype plugins only through the unified processor; @astrojs/mdx inherits it.
    // remarkRehype: Korean footnote labels (src/markdown/footnotes.ts). notesProcessor() is
    // unified({ gfm: true, smartypants: false, remarkPlugins, rehypePlugins, remarkRehype }) from
    // src/markdown/pipeline.ts, rendering .md notes on worker threads in `astro build` (processor.ts).
    processor: notesProcessor({ base, ...(cacheDir ? { cacheDir } : {}) }),
  },
  // notes-diagnostics prints each note warning/error with file and line and fails the build on
  // errors (and on warnings when NOTES_STRICT=1). notes-pagefind then indexes the note pages
  // for search (src/site/search-index.ts) into <outDir>/pagefind/. notes-mermaid-client leaves
  // Mermaid's browser bundle out of builds whose notes have no diagram. notes-build-memory keeps a
  // large site's build heap small (src/core/memory.ts). notes-dev-warmup makes the dev server
  // transform the pages' modules in parallel as it starts.
  integrations: [mdx(), notesDiagnostics(), pagefindIndex(), noteLinks(), mermaidClient(), buildMemory(), devWarmup()],
});
