// How the Markdown plugins report: into the process-wide collector, naming the note by its
// path relative to the project, unless a test passes its own `report`.

import path from 'node:path';
import type { VFile } from 'vfile';
import { diagnostics, type Diagnostic } from '../lib/diagnostics.ts';

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
  const astro = ((file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro ??= {});
  astro.frontmatter ??= {};
  const kept = (astro.frontmatter.noteDiagnostics ??= []) as Diagnostic[];
  return (d) => {
    const full: Diagnostic = { severity: 'warning', ...d, file: name };
    kept.push(full);
    report(full);
  };
}

/** Report again what a (possibly cached) rendered note recorded. */
export function replayNoteDiagnostics(frontmatter: Record<string, unknown> | undefined): void {
  const kept = frontmatter?.noteDiagnostics;
  if (Array.isArray(kept)) for (const d of kept as Diagnostic[]) diagnostics.report(d);
}

/** `content/01-llm-소개.md`: the path relative to the working directory, with `/`. */
export function noteLabel(file: VFile): string {
  const full = file.path;
  if (!full) return '<note>';
  const relative = path.isAbsolute(full) ? path.relative(process.cwd(), full) : full;
  return relative.split(path.sep).join('/');
}
