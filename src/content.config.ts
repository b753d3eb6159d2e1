// The one content collection: every .md/.mdx file at any depth under the content directory.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { NoteError } from './lib/diagnostics.ts';
import { NoteIdRegistry, noteId } from './lib/note-path.ts';
import { noteFrontmatterSchema } from './lib/note-schema.ts';
import { contentDir, displayPath } from './lib/project.ts';

const CONTENT_DIR = contentDir();
const registry = new NoteIdRegistry(existsSync);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Astro reads notes as UTF-8 and silently substitutes U+FFFD: refuse bytes that are not UTF-8. */
function assertUtf8(absolute: string, display: string): void {
  const bytes = readFileSync(absolute);
  try {
    utf8.decode(bytes);
  } catch {
    const text = bytes.toString('latin1');
    let line = 1;
    // Find the first bad byte's line: decode prefixes line by line.
    let offset = 0;
    for (const chunk of text.split('\n')) {
      const end = offset + chunk.length + 1;
      try {
        utf8.decode(bytes.subarray(offset, Math.min(end, bytes.length)));
      } catch {
        break;
      }
      offset = end;
      line++;
    }
    throw new NoteError({
      severity: 'error',
      code: 'invalid-utf8',
      file: display,
      line,
      message: 'the file is not valid UTF-8',
      hint: 'save it as UTF-8 (in VS Code: "Save with Encoding" → UTF-8)',
    });
  }
}

const notes = defineCollection({
  loader: glob({
    pattern: '**/*.{md,mdx}',
    base: pathToFileURL(CONTENT_DIR + path.sep),
    generateId({ entry, base, data }) {
      const absolute = path.join(fileURLToPath(base), entry);
      const display = displayPath(absolute);
      assertUtf8(absolute, display);
      const id = noteId(entry, data.slug, display);
      registry.claim(id, absolute, display);
      return id;
    },
  }),
  schema: noteFrontmatterSchema,
});

export const collections = { notes };
