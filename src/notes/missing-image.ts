// An image a stored note embeds can disappear before the note is rendered again: the dev server
// renders the note again within a second of the change (render-dependencies.ts), and Astro rewrites
// its list of image imports half a second after that; a page asked for in between fails with
// Astro's ImageNotFound, which names the image only. This names the note and the line instead, as
// the missing-image warning does.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NoteGraph } from './note-graph.ts';
import { noteErrorAt } from './note-source.ts';

/** The image Astro could not find (as the note wrote it), if that is what `error` is. */
export function imageNotFound(error: unknown): string | undefined {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  if (name !== 'ImageNotFound' && !String(message).includes('Could not find requested image')) return undefined;
  return /requested image `([^`]+)`/.exec(String(message))?.[1];
}

/** A note error at the line of the note that embeds the missing image, or `error` unchanged. */
export function missingImageError(error: unknown, graph: NoteGraph): unknown {
  const written = imageNotFound(error);
  if (written === undefined) return error;
  // Astro names it as written, or (the dev server) by its absolute path.
  const plain = written.split(/[?#]/)[0]!;
  for (const note of graph.notes) {
    let text: string;
    try {
      text = readFileSync(note.file, 'utf8');
    } catch {
      continue;
    }
    const dir = path.dirname(note.file);
    const rel = path.isAbsolute(plain) ? path.relative(dir, plain).split(path.sep).join('/') : undefined;
    const spellings = rel === undefined ? [written] : [`./${rel}`, rel, encodeURI(`./${rel}`), encodeURI(rel)];
    // Where a Markdown image or an <img> names it: `(./a.png` or `"./a.png"`.
    const found = spellings.flatMap((s) => [`(${s}`, `"${s}"`].map((w) => ({ s, at: text.indexOf(w) }))).find((f) => f.at !== -1);
    if (!found) continue;
    const target = path.isAbsolute(plain) ? plain : path.resolve(dir, safeDecode(plain));
    if (existsSync(target)) continue;
    const spelling = found.s;
    const at = found.at + 1;
    const before = text.slice(0, at).split('\n');
    return noteErrorAt(note.file, {
      severity: 'error',
      code: 'missing-image',
      file: note.display,
      line: before.length,
      column: before.at(-1)!.length + 1,
      message: `image ${spelling} is not there`,
      hint: 'the page is shown again (with the image left out) as soon as the note is rendered again, within a second; add the image or remove it from the note',
    });
  }
  return error;
}

function safeDecode(value: string): string {
  try {
    return decodeURI(value);
  } catch {
    return value;
  }
}
