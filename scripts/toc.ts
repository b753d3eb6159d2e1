// `npm run toc [-- --check] [notes or folders…]`: rewrite every authored TOC in the notes to the
// one the site generates (Markdown All in One's format), so the TOCs read on GitHub stay true.
// Only stale TOC lines change, in the author's style (src/markdown/toc-plan.ts); a note whose TOC
// is current, or that has none, is never written.
// `--check` writes nothing, prints a unified diff per stale note and exits 1 if there is one.
// The work is in src/commands/toc-files.ts and src/syntax/toc-rewrite.ts.

import { statSync } from 'node:fs';
import path from 'node:path';
import { listNoteFiles } from '../src/notes/note-files.ts';
import { formatDiagnostic } from '../src/core/diagnostics.ts';
import { contentDir, displayPath } from '../src/core/project.ts';
import { planTocRewrite, tocDiff, writeFileAtomically } from '../src/commands/toc-files.ts';

const USAGE = `usage: npm run toc [-- --check] [note.md | folder …]
  rewrites the table of contents of every note under content/ (or $NOTES_CONTENT_DIR),
  or of the notes and folders given
  --check   change nothing; print a diff for each stale TOC and exit 1 if there is one
  Each TOC keeps its style: Markdown All in One's settings in .vscode/settings.json or a
  *.code-workspace file (notes folder or above), else the levels, list kind, marker and
  indentation the TOC itself shows`;

const args = process.argv.slice(2);
const options = args.filter((a) => a.startsWith('-'));
const unknown = options.filter((o) => o !== '--check' && o !== '--help' && o !== '-h');
if (options.includes('--help') || options.includes('-h') || unknown.length > 0) {
  if (unknown.length > 0) console.error(`unknown option ${unknown.join(', ')}`);
  console.log(USAGE);
  process.exit(unknown.length > 0 ? 2 : 0);
}
const check = options.includes('--check');

const targets = args.filter((a) => !a.startsWith('-')).map((a) => path.resolve(a));
let files: string[];
try {
  files =
    targets.length === 0
      ? listNoteFiles(contentDir())
      : [...new Set(targets.flatMap((t) => (statSync(t).isDirectory() ? listNoteFiles(t) : [t])))];
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}

let errors = 0;
let stale = 0;
let withToc = 0;
const settingsProblems = new Set<string>();
const notesDir = contentDir();
for (const file of files) {
  const result = planTocRewrite(file, displayPath(file), notesDir);
  for (const problem of result.problems) {
    const line = formatDiagnostic(problem);
    if (!settingsProblems.has(line)) console.error(line);
    settingsProblems.add(line);
  }
  if (result.error) {
    errors++;
    console.error(formatDiagnostic(result.error));
    continue;
  }
  if (result.hasToc) withToc++;
  if (!result.stale) continue;
  stale++;
  if (check) {
    process.stdout.write(tocDiff(result));
  } else {
    writeFileAtomically(file, result.after);
    console.log(`updated ${result.display}`);
  }
}

const notes = `${files.length} note(s), ${withToc} with a TOC`;
const problems = errors > 0 ? `; ${errors} could not be read and were left as they are` : '';
if (check) {
  const verdict =
    stale > 0
      ? `${stale} stale TOC(s) in ${notes}; run \`npm run toc\` to update them`
      : errors > 0
        ? `no stale TOC in the notes that could be read (${notes})`
        : `all TOCs are up to date (${notes})`;
  console.log(verdict + problems);
  process.exitCode = stale > 0 || errors > 0 ? 1 : 0;
} else {
  console.log(`${stale > 0 ? `${stale} note(s) updated` : 'nothing to update'} (${notes})${problems}`);
  process.exitCode = errors > 0 ? 1 : 0;
}
