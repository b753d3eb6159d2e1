// Reading note files the way the site does, for `npm run check` and `npm run toc`: which files are
// notes, their text (not UTF-8: the loader's error), and the error for a note that does not parse
// (invalid YAML frontmatter, MDX syntax), with the file's own line numbers.

import { readFileSync } from 'node:fs';
import { NoteError, type Diagnostic } from '../core/diagnostics.ts';
import { firstInvalidUtf8Line, frontmatterYamlError, invalidUtf8Diagnostic } from './note-source.ts';
import { parseNote, type NoteParsers, type ParsedNote } from '../syntax/parse.ts';

export { listNoteFiles } from './content-files.ts';

export interface NoteText {
  /** The file's bytes. */
  bytes: Buffer;
  /** Its text, BOM kept (so a rewrite can write every byte back). */
  text: string;
}

/** Read a note; a file that is not UTF-8 gives the loader's `invalid-utf8` error. */
export function readNote(absolutePath: string, display: string): NoteText | Diagnostic {
  const bytes = readFileSync(absolutePath);
  const badLine = firstInvalidUtf8Line(bytes);
  if (badLine !== undefined) return invalidUtf8Diagnostic(display, badLine);
  return { bytes, text: bytes.toString('utf8') };
}

interface YamlError {
  name: 'YAMLException';
  reason?: string;
  message: string;
  mark?: { line?: number; column?: number };
}

interface SyntaxMessage {
  reason: string;
  line?: number;
  column?: number;
  place?: unknown;
}

function isYamlError(error: unknown): error is YamlError {
  return error instanceof Error && error.name === 'YAMLException';
}

function isSyntaxMessage(error: unknown): error is SyntaxMessage {
  return error instanceof Error && typeof (error as { reason?: unknown }).reason === 'string' && 'place' in error;
}

/**
 * The diagnostic for a note that cannot be parsed: invalid YAML frontmatter or an MDX syntax
 * error (with a hint to write `{/* *\/}` when an HTML comment is the cause). Lines are the file's.
 */
export function parseErrorDiagnostic(error: unknown, display: string, source: string): Diagnostic {
  if (error instanceof NoteError) return error.diagnostic;
  if (isYamlError(error)) {
    // The loader's own message (src/notes/note-source.ts), from the error as Astro wraps js-yaml's.
    const astroError = {
      name: 'MarkdownError',
      message: error.reason ?? error.message,
      loc: { file: display, line: error.mark?.line ?? 0, column: error.mark?.column ?? 0 },
    };
    const noteError = frontmatterYamlError(astroError, () => display, () => source);
    if (noteError) return noteError.diagnostic;
  }
  if (isSyntaxMessage(error)) {
    const htmlComment = error.line !== undefined && /<!--/.test(source.split(/\r\n|\r|\n/)[error.line - 1] ?? '');
    return {
      severity: 'error',
      code: 'mdx-syntax',
      file: display,
      ...(error.line !== undefined ? { line: error.line } : {}),
      ...(error.column !== undefined ? { column: error.column } : {}),
      message: `MDX syntax error: ${error.reason}`,
      hint: htmlComment
        ? 'HTML comments are not allowed in .mdx: write `{/* … */}` instead (e.g. `{/* omit in toc */}`), or rename the file to .md'
        : 'close every `{` and `<tag>`; to show a literal `{` or `<` write `\\{` or `&lt;`, or rename the file to .md',
    };
  }
  return {
    severity: 'error',
    code: 'unreadable-note',
    file: display,
    message: `the note could not be read: ${error instanceof Error ? error.message : String(error)}`,
  };
}

/** Parse a note's text, or say why it cannot be parsed. */
export function parseNoteText(text: string, absolutePath: string, display: string, parsers?: NoteParsers): ParsedNote | Diagnostic {
  try {
    return parseNote(text, absolutePath, parsers);
  } catch (error) {
    return parseErrorDiagnostic(error, display, text);
  }
}

export function isDiagnostic(value: unknown): value is Diagnostic {
  return typeof value === 'object' && value !== null && 'severity' in value && 'code' in value;
}

