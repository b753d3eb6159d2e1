// Checks on a note file as the glob loader reads it, before Astro stores it: valid UTF-8, valid
// frontmatter keys and types, a usable and unique URL id. Each failure is a NoteError naming the
// file (and line); `loc` is set so Astro's error overlay and build output point at the note.
import { readFileSync } from 'node:fs';
import { NoteError, type Diagnostic } from '../core/diagnostics.ts';
import { collectionId, DuplicateUrlError, noteId, type NoteIdRegistry } from './note-path.ts';
import { noteFrontmatterSchema, unknownKeysMessage } from './frontmatter-schema.ts';

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

/** The 1-based line of `key:` in the file's leading frontmatter block, if it is there. */
export function frontmatterKeyLine(text: string, key: string): number | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^(---|\.\.\.)\s*$/.test(line)) return undefined;
    const match = /^\s*(?:"([^"]*)"|'([^']*)'|([^\s:#][^:]*?))\s*:(\s|$)/.exec(line);
    if (match && (match[1] ?? match[2] ?? match[3]) === key) return i + 1;
  }
  return undefined;
}

/** A NoteError that Astro reports at the note itself (not at the config that threw it). */
export function noteErrorAt(absolutePath: string, diagnostic: Diagnostic): NoteError {
  const error = new NoteError(diagnostic) as NoteError & { loc?: unknown };
  error.loc = { file: absolutePath, line: diagnostic.line ?? 1, column: diagnostic.column ?? 1 };
  return error;
}

/** Frontmatter problems as diagnostics (none when the data is valid). */
export function frontmatterDiagnostics(data: Record<string, unknown>, text: string, file: string): Diagnostic[] {
  const result = noteFrontmatterSchema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((issue): Diagnostic => {
    if (issue.code === 'unrecognized_keys') {
      const line = issue.keys.map((k) => frontmatterKeyLine(text, String(k))).find((l) => l !== undefined);
      return {
        severity: 'error',
        code: 'unknown-frontmatter-key',
        file,
        ...(line ? { line } : {}),
        message: unknownKeysMessage(issue.keys),
        hint: 'remove the key or correct its spelling',
      };
    }
    const key = String(issue.path[0] ?? '');
    const line = key ? frontmatterKeyLine(text, key) : undefined;
    return {
      severity: 'error',
      code: 'invalid-frontmatter',
      file,
      ...(line ? { line } : {}),
      message: key ? `frontmatter "${key}": ${issue.message}` : `frontmatter: ${issue.message}`,
      hint: 'title, description and slug are text, order is a number, draft is true or false',
    };
  });
}

/**
 * Everything the loader's generateId does for one note.
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
): string {
  const bytes = readFileSync(absolutePath);
  const badLine = firstInvalidUtf8Line(bytes);
  if (badLine !== undefined) throw noteErrorAt(absolutePath, invalidUtf8Diagnostic(display, badLine));
  const text = new TextDecoder('utf-8').decode(bytes);
  const problems = frontmatterDiagnostics(data, text, display);
  if (problems.length > 0) {
    problems.sort((a, b) => Number(b.code === 'unknown-frontmatter-key') - Number(a.code === 'unknown-frontmatter-key'));
    const [first, ...rest] = problems;
    const diagnostic: Diagnostic = rest.length
      ? { ...first!, message: [first!.message, ...rest.map((p) => p.message)].join('; ') }
      : first!;
    throw noteErrorAt(absolutePath, diagnostic);
  }
  try {
    const id = noteId(relPath, data.slug, display);
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
