// The one content collection: every .md/.mdx file at any depth under the content directory.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { NoteIdRegistry } from './lib/note-path.ts';
import { checkNoteSource, frontmatterYamlError } from './lib/note-source.ts';
import { noteFrontmatterSchema } from './lib/note-schema.ts';
import { contentDir, displayPath } from './lib/project.ts';

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
  loader: {
    ...globLoader,
    name: 'notes-loader',
    // Astro's own message for bad YAML lacks the word "frontmatter" and counts lines inside it.
    async load(context) {
      try {
        await globLoader.load(context);
      } catch (error) {
        throw frontmatterYamlError(error, (f) => displayPath(f), (f) => readFileSync(f, 'utf8')) ?? error;
      }
    },
  },
  schema: noteFrontmatterSchema,
});

export const collections = { notes };
