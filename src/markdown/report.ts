// How the Markdown plugins report: into the process-wide collector, naming the note by its
// path relative to the project, unless a test passes its own `report`.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import type { VFile } from 'vfile';
import { diagnostics, type Diagnostic } from '../core/diagnostics.ts';
import { displayPath } from '../core/project.ts';
import { readRenderData, renderData } from '../notes/render-data.ts';

export type Report = (diagnostic: Diagnostic) => void;

export interface ReportOptions {
  /** Where diagnostics go (default: the build's collector). */
  report?: Report | null | undefined;
}

export type NoteDiagnostic = Omit<Diagnostic, 'file' | 'severity'> & { severity?: Diagnostic['severity'] };

/** A reporter bound to one note. */
export function reporterFor(file: VFile, options: ReportOptions = {}): (d: NoteDiagnostic) => void {
  const report = options.report ?? ((d: Diagnostic) => diagnostics.report(d));
  const name = noteLabel(file);
  // Kept with the rendered note too: Astro caches rendered notes between builds, and the page
  // replays these so a cached note still reports (see `replayNoteDiagnostics`).
  const kept = (renderData(file).noteDiagnostics ??= []);
  const locate = locatorFor(file, name);
  return (d) => {
    const full = locate(d);
    kept.push(full);
    report(full);
  };
}

/** The full diagnostic for one found in a note: its file, and lines counted as in the file. */
export function locatorFor(file: VFile, name: string = noteLabel(file)): (d: NoteDiagnostic) => Diagnostic {
  let shift: { lines: number; columns: number } | undefined;
  return (d) => {
    shift ??= trimmedStart(file);
    const full: Diagnostic = { severity: 'warning', ...d, file: name };
    if (full.line !== undefined && shift.lines + shift.columns > 0) {
      if (full.line === 1 && full.column !== undefined) full.column += shift.columns;
      full.line += shift.lines;
    }
    return full;
  };
}

/**
 * Astro's content loader renders a .md note's body trimmed (`content.trim()` of the text with the
 * frontmatter blanked), so the plugins count lines from the first non-blank line after the
 * frontmatter. What was cut off, from the file on disk, so that reported lines are the file's;
 * nothing when the plugins see the file's own lines (MDX notes, `npm run check`, tests).
 */
export function trimmedStart(file: VFile): { lines: number; columns: number } {
  const none = { lines: 0, columns: 0 };
  const value = String(file.value ?? '');
  if (!file.path || file.path.toLowerCase().endsWith('.mdx')) return none;
  let content: string;
  try {
    ({ content } = parseFrontmatter(readFileSync(file.path, 'utf8'), { frontmatter: 'empty-with-spaces' }));
  } catch {
    return none;
  }
  if (content === value || content.trim() !== value) return none;
  const cut = content.slice(0, content.length - content.trimStart().length);
  const lines = cut.match(/\r\n|\r|\n/g)?.length ?? 0;
  return { lines, columns: cut.length - Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf('\r')) - 1 };
}

/** Report again what a (possibly cached) rendered note recorded. */
export function replayNoteDiagnostics(frontmatter: Record<string, unknown> | undefined): void {
  const kept = readRenderData(frontmatter).noteDiagnostics;
  if (Array.isArray(kept)) for (const d of kept) diagnostics.report(d);
}

/**
 * `content/01-llm-소개.md`: the note as every message names it (src/core/project.ts displayPath),
 * so plugin warnings, loader errors and the dev server's clearFile agree, also for a content
 * folder outside the project.
 */
export function noteLabel(file: VFile): string {
  const full = file.path;
  if (!full) return '<note>';
  return path.isAbsolute(full) ? displayPath(full) : full.split(path.sep).join('/');
}
