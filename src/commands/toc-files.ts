// `npm run toc` on files: read a note as the site does, rewrite its authored TOC blocks with the
// shared core (src/syntax/toc-rewrite.ts), and write it back safely: a temporary file in the
// same folder, the original's mode, fsync, then rename, so an interruption leaves either the old
// note or the new one, never half of one. A note whose TOC is current is never written.

import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { Diagnostic } from '../core/diagnostics.ts';
import { isDiagnostic, parseErrorDiagnostic, readNote } from '../notes/note-files.ts';
import { rewriteTocs } from '../syntax/toc-rewrite.ts';
import { maioSettingsFor } from '../notes/maio-settings.ts';

export interface TocFileResult {
  file: string;
  display: string;
  /** Why the note could not be processed (then nothing is written). */
  error?: Diagnostic;
  /** The note has at least one authored TOC block. */
  hasToc: boolean;
  /** The rewrite differs from the file. */
  stale: boolean;
  before: string;
  after: string;
  /** Problems in the settings files that apply (reported once by the caller). */
  problems: Diagnostic[];
}

/** Read a note and compute its rewrite; writes nothing. */
export function planTocRewrite(absolute: string, display: string, contentDir?: string): TocFileResult {
  const result: TocFileResult = { file: absolute, display, hasToc: false, stale: false, before: '', after: '', problems: [] };
  const read = readNote(absolute, display);
  if (isDiagnostic(read)) return { ...result, error: read };
  result.before = result.after = read.text;
  try {
    // The author's Markdown All in One settings, as the site's TOC plugin reads them.
    const { settings, problems } = maioSettingsFor(absolute, contentDir);
    result.problems = problems;
    const rewrite = rewriteTocs(read.text, display, settings);
    result.hasToc = rewrite.blocks.length > 0;
    result.stale = rewrite.changed;
    result.after = rewrite.output;
  } catch (error) {
    result.error = parseErrorDiagnostic(error, display, read.text);
  }
  return result;
}

/**
 * Replace a file's content atomically: write a temporary file next to it (same folder, so the
 * rename cannot cross file systems) with the same mode, flush it to disk, rename it over the
 * original. A symlink is followed: the file it points to is replaced, the link stays.
 */
export function writeFileAtomically(file: string, data: string | Uint8Array): void {
  const target = realpathSync(file);
  const { mode } = statSync(target);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    try {
      fchmodSync(fd, mode & 0o7777); // exactly the original's mode, whatever the umask
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw error;
  }
}

/** A unified diff of a note's rewrite (`--- a/path` / `+++ b/path`), line endings not shown. */
export function tocDiff(result: TocFileResult): string {
  const strip = (text: string) => text.replace(/^\uFEFF/, '');
  const name = result.display.replace(/^\/+/, "");
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, strip(result.before), strip(result.after), undefined, undefined, {
    context: 3,
    stripTrailingCr: true,
  }).replace(/^=+\n/, '');
}
