// The one content collection: every .md/.mdx file at any depth under the content directory.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Every module here loads through Node, as astro.config.mjs's do, not through Vite's module
// runner, which transforms each one (and maps its source maps) before running it. Ours are
// TypeScript Node runs as is, with no top-level await. `defineCollection` is the one that
// `astro:content` wraps (its wrapper only rejects live collections): `astro:content` pulls in
// Astro's whole page runtime, ~110 modules, ~1 s before the sync starts (build and dev alike).
const load = createRequire(import.meta.url);
const { NoteIdRegistry } = load('./notes/note-path.ts') as typeof import('./notes/note-path.ts');
const { checkNoteSource } = load('./notes/note-source.ts') as typeof import('./notes/note-source.ts');
const { wrapNotesLoader } = load('./site/notes-loader.ts') as typeof import('./site/notes-loader.ts');
const { noteFrontmatterSchema } = load('./notes/frontmatter.ts') as typeof import('./notes/frontmatter.ts');
const { contentDir, displayPath } = load('./core/project.ts') as typeof import('./core/project.ts');
const { defineCollection } = load('astro/content/config') as typeof import('astro/content/config');
const { glob } = load('astro/loaders') as typeof import('astro/loaders');

const CONTENT_DIR = contentDir();
const registry = new NoteIdRegistry(existsSync);

const globLoader = glob({
  pattern: '**/*.{md,mdx}',
  base: pathToFileURL(CONTENT_DIR + path.sep),
  generateId({ entry, base, data }) {
    const absolute = path.join(fileURLToPath(base), entry);
    return checkNoteSource(absolute, entry, data, displayPath(absolute), registry);
  },
});

const notes = defineCollection({
  loader: wrapNotesLoader(globLoader, CONTENT_DIR),
  schema: noteFrontmatterSchema,
});

export const collections = { notes };
