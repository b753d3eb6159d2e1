// Checks on a note file as the glob loader reads it, before Astro stores it: valid UTF-8, a usable
// and unique URL id, and frontmatter warnings (frontmatter.ts). Each failure is a NoteError
// naming the file (and line); `loc` is set so Astro's error overlay and build output point at the note.
import { readFileSync } from 'node:fs';
import { diagnostics, NoteError, type Diagnostic } from '../core/diagnostics.ts';
import { collectionId, DuplicateUrlError, noteId, type NoteIdRegistry } from './note-path.ts';
import { calendarDate, readFrontmatter } from './frontmatter.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The 1-based line of the first byte sequence that is not UTF-8, or undefined when all is valid. */
export function firstInvalidUtf8Line(bytes: Uint8Array): number | undefined {
  try {
    utf8.decode(bytes);
    return undefined;
  } catch {
    // 0x0A never occurs inside a multi-byte sequence, so lines can be checked one by one.
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          utf8.decode(bytes.subarray(start, i));
        } catch {
          return line;
        }
        line++;
        start = i + 1;
      }
    }
    return 1;
  }
}

/** The error for a note that is not UTF-8 (`line`: from firstInvalidUtf8Line). */
export function invalidUtf8Diagnostic(file: string, line: number): Diagnostic {
  return {
    severity: 'error',
    code: 'invalid-utf8',
    file,
    line,
    message: 'the file is not valid UTF-8',
    hint: 'save it as UTF-8 (in VS Code: "Save with Encoding" → UTF-8)',
  };
}

/** The 1-based line of `key:` in the file's leading frontmatter block (`key =` in TOML's `+++`), if it is there. */
export function frontmatterKeyLine(text: string, key: string): number | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const toml = lines[0]?.trim() === '+++';
  if (lines[0]?.trim() !== '---' && !toml) return undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (toml ? /^\+\+\+\s*$/.test(line) : /^(---|\.\.\.)\s*$/.test(line)) return undefined;
    const match = toml
      ? /^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=/.exec(line)
      : /^\s*(?:"([^"]*)"|'([^']*)'|([^\s:#][^:]*?))\s*:(\s|$)/.exec(line);
    if (match && (match[1] ?? match[2] ?? match[3]) === key) return i + 1;
  }
  return undefined;
}

/**
 * YAML reads `date: 2024-01-15 08:00:00 +0900` as a moment (2024-01-14 23:00 UTC), and the day
 * the author wrote would be lost. Each date value gets its text as written back (when that text
 * starts with a date), so the page shows the author's own calendar date. Changes `data` in place:
 * the loader validates the very object it gave generateId.
 */
export function keepWrittenDates(data: Record<string, unknown>, text: string): void {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [key, value] of Object.entries(data)) {
    if (!(value instanceof Date)) continue;
    const line = frontmatterKeyLine(text, key);
    const written = line ? /^[^:=]*[:=]\s*["']?([^"'#]*?)["']?\s*(?:#.*)?$/.exec(lines[line - 1]!)?.[1] : undefined;
    if (written && calendarDate(written)) data[key] = written;
  }
}

/** A NoteError that Astro reports at the note itself (not at the config that threw it). */
export function noteErrorAt(absolutePath: string, diagnostic: Diagnostic): NoteError {
  const error = new NoteError(diagnostic) as NoteError & { loc?: unknown };
  error.loc = { file: absolutePath, line: diagnostic.line ?? 1, column: diagnostic.column ?? 1 };
  return error;
}

/**
 * Frontmatter problems as warnings (none when the data is fine): a near-miss of a key the site
 * reads, a value of the wrong type, a Jekyll permalink pattern. Never errors: the note builds
 * without the value (src/notes/frontmatter.ts).
 */
export function frontmatterDiagnostics(data: Record<string, unknown>, text: string, file: string): Diagnostic[] {
  return readFrontmatter(data).problems.map((problem): Diagnostic => {
    const line = frontmatterKeyLine(text, problem.key);
    return { severity: 'warning', code: problem.code, file, ...(line ? { line } : {}), message: problem.message, hint: problem.hint };
  });
}

/**
 * Everything the loader's generateId does for one note; frontmatter warnings go to `report`
 * (the build's collector unless given).
 * @param absolutePath the note file
 * @param relPath path relative to the content directory
 * @param data the parsed, unvalidated frontmatter
 * @param display the file as it appears in messages
 */
export function checkNoteSource(
  absolutePath: string,
  relPath: string,
  data: Record<string, unknown>,
  display: string,
  registry: NoteIdRegistry,
  report: (d: Diagnostic) => void = (d) => diagnostics.report(d),
): string {
  const bytes = readFileSync(absolutePath);
  const badLine = firstInvalidUtf8Line(bytes);
  if (badLine !== undefined) throw noteErrorAt(absolutePath, invalidUtf8Diagnostic(display, badLine));
  const text = new TextDecoder('utf-8').decode(bytes);
  keepWrittenDates(data, text);
  for (const problem of frontmatterDiagnostics(data, text, display)) report(problem);
  try {
    const id = noteId(relPath, readFrontmatter(data).data.slug, display);
    registry.claim(id, absolutePath, display);
    return collectionId(id);
  } catch (error) {
    if (error instanceof NoteError) {
      throw noteErrorAt(error instanceof DuplicateUrlError ? error.path : absolutePath, error.diagnostic);
    }
    throw error;
  }
}

/** The 1-based lines of the frontmatter's opening and closing delimiters, as Astro finds them. */
export function frontmatterBlock(text: string): { open: number; close?: number } | undefined {
  const match = /(?:^\uFEFF?|^\s*\n)(---|\+\+\+)/.exec(text);
  if (!match) return undefined;
  const open = text.slice(0, match.index + match[0].length).split('\n').length;
  const lines = text.split(/\r?\n/);
  for (let i = open; i < lines.length; i++) {
    if (lines[i]!.startsWith(match[1]!)) return { open, close: i + 1 };
  }
  return { open };
}

/**
 * Astro reports invalid YAML frontmatter with js-yaml's reason and a line counted inside the
 * frontmatter (off by one for the file). Turn it into a note error: file, file line, and what to do.
 * Returns undefined for anything that is not such an error.
 */
export function frontmatterYamlError(
  error: unknown,
  display: (absolutePath: string) => string,
  readText: (absolutePath: string) => string,
): NoteError | undefined {
  const e = error as { name?: string; message?: string; loc?: { file?: string; line?: number; column?: number } };
  if (!e || e.name !== 'MarkdownError' || !e.loc?.file || typeof e.loc.line !== 'number') return undefined;
  let text: string;
  try {
    text = readText(e.loc.file);
  } catch {
    return undefined;
  }
  const block = frontmatterBlock(text);
  if (!block) return undefined;
  const line = block.open + e.loc.line;
  const where = block.close ? ` (the frontmatter is lines ${block.open}-${block.close})` : '';
  return noteErrorAt(e.loc.file, {
    severity: 'error',
    code: 'invalid-frontmatter-yaml',
    file: display(e.loc.file),
    line,
    ...(typeof e.loc.column === 'number' ? { column: e.loc.column + 1 } : {}),
    message: `invalid YAML frontmatter: ${e.message ?? 'cannot be parsed'}${where}`,
    hint: 'check quotes, colons and indentation between the --- lines; quote a value that contains ": " or starts with [ { * & ! | > \' " % @ `',
  });
}
