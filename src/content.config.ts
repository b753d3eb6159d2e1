// The one content collection: every .md/.mdx file at any depth under the content directory.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { NoteIdRegistry } from './notes/note-path.ts';
import { checkNoteSource } from './notes/note-source.ts';
import { wrapNotesLoader } from './site/notes-loader.ts';
import { noteFrontmatterSchema } from './notes/frontmatter.ts';
import { contentDir, displayPath } from './core/project.ts';

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
