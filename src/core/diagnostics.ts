// One warning/error type for the whole project: the build, `npm run check` and the tests
// print and assert the same messages.

export type Severity = 'warning' | 'error';

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `omit-lookalike`, `stale-toc`. */
  code: string;
  /** Path of the note, relative to the project root when known (posix separators). */
  file: string;
  /** 1-based line, when there is one. */
  line?: number;
  /** 1-based column, when there is one. */
  column?: number;
  message: string;
  /** How to fix it, in one sentence. */
  hint?: string;
}

/** `content/a.md:3:1 warning [code] message` plus an indented hint line. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line ? `${d.file}:${d.line}${d.column ? `:${d.column}` : ''}` : d.file;
  const head = `${where} ${d.severity} [${d.code}] ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

/** An Error that carries its diagnostic, so callers can format or assert it. */
export class NoteError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(diagnostic: Diagnostic) {
    super(formatDiagnostic(diagnostic));
    this.name = 'NoteError';
    this.diagnostic = diagnostic;
  }
}

/** Whether warnings fail the build (CI, tests): `NOTES_STRICT=1`. */
export function isStrict(env: Record<string, string | undefined> = process.env): boolean {
  const value = (env.NOTES_STRICT ?? '').toLowerCase();
  return value === '1' || value === 'true' || value === 'yes';
}

/**
 * Collects diagnostics for one process (one build or one check run).
 * Keyed so that a note rendered twice (dev reloads, content sync then page render) reports once.
 */
export class DiagnosticCollector {
  #items = new Map<string, Diagnostic>();
  #listeners = new Set<(d: Diagnostic) => void>();

  report(d: Diagnostic): void {
    const key = `${d.file}\0${d.line ?? ''}\0${d.column ?? ''}\0${d.code}\0${d.message}`;
    if (this.#items.has(key)) return;
    this.#items.set(key, d);
    for (const listener of this.#listeners) listener(d);
  }

  /** Forget what one file reported, before it is processed again (dev server edits). */
  clearFile(file: string): void {
    for (const [key, d] of this.#items) if (d.file === file) this.#items.delete(key);
  }

  onReport(listener: (d: Diagnostic) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  all(): Diagnostic[] {
    return [...this.#items.values()].sort(compareDiagnostics);
  }

  reset(): void {
    this.#items.clear();
  }
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** The process-wide collector that the Markdown plugins report into during a build. */
export const diagnostics: DiagnosticCollector = ((globalThis as Record<string, unknown>).__notesDiagnostics ??=
  new DiagnosticCollector()) as DiagnosticCollector;
