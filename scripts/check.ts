// `npm run check [-- files…]`: everything the strict build reports about the notes (UTF-8,
// frontmatter, duplicate URLs, MDX syntax, omit look-alikes, stale TOCs, broken #links…),
// without building pages. Same messages as the build; exit 1 on any error or warning.
// The work is in src/commands/check.ts; this file only reads the arguments and prints.

import { enableCompileCache } from 'node:module';
import path from 'node:path';

// V8's code cache on disk (in the temp folder): loading the Markdown pipeline takes ~0.3 s less
// from the second run on. Hence the dynamic imports below, which come after it.
enableCompileCache?.();
const { checkNotesInParallel } = await import('../src/commands/check.ts');
const { formatDiagnostic } = await import('../src/core/diagnostics.ts');
const { listNoteFiles } = await import('../src/notes/content-files.ts');
const { contentDir, displayPath } = await import('../src/core/project.ts');

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(
    'usage: npm run check [-- [--no-cache] [--verbose] note.md …]\n  checks every note under content/ (or $NOTES_CONTENT_DIR), or only the files given;\n  results of unchanged notes are reused from node_modules/.cache/notes-check/ unless --no-cache;\n  --verbose also lists the frontmatter keys that mean nothing here (other tools\' keys, ignored)',
  );
  process.exit(0);
}
const unknown = args.filter((a) => a.startsWith('-') && a !== '--no-cache' && a !== '--verbose');
if (unknown.length > 0) {
  console.error(`unknown option ${unknown.join(', ')} (see npm run check -- --help)`);
  process.exit(2);
}
const dir = contentDir();
const files = args.filter((a) => !a.startsWith('-')).map((f) => path.resolve(f));
const notes = new Set(listNoteFiles(dir));
const strangers = files.filter((f) => !notes.has(f));
if (strangers.length > 0) {
  for (const f of strangers) console.error(`${displayPath(f)} is not a note under ${displayPath(dir)} (.md or .mdx)`);
  process.exit(2);
}

const cache = !args.includes('--no-cache');
const { diagnostics, files: count, reused } = await checkNotesInParallel(dir, { cache, ...(files.length > 0 ? { files } : {}) });
for (const d of diagnostics) console.log(formatDiagnostic(d));
if (args.includes('--verbose')) {
  const { ignoredKeyLines } = await import('../src/notes/ignored-keys.ts');
  for (const line of ignoredKeyLines(files.length > 0 ? files : [...notes], (f) => displayPath(f))) console.log(line);
}
const errors = diagnostics.filter((d) => d.severity === 'error').length;
const warnings = diagnostics.length - errors;
// Wall time since the process started, module loading included (what a save hook waits for).
const ms = Math.round(process.uptime() * 1000);
const where = displayPath(dir);
console.log(
  `${diagnostics.length === 0 ? 'ok' : 'problems'}: ${count} note(s) in ${where} checked, ${errors} error(s), ${warnings} warning(s) (${ms} ms${reused > 0 ? `, ${reused} unchanged, results reused` : ''})`,
);
process.exitCode = diagnostics.length > 0 ? 1 : 0;
