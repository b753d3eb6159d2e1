// The files under the content directory as the collection's glob sees them: any depth, hidden
// files and folders (`.git`, `.obsidian`) and node_modules skipped. Light on purpose (no Markdown
// packages): `npm run check` lists and fingerprints the notes before it knows whether anything
// needs parsing.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** `.md` / `.mdx`, as the content collection's glob (`**\/*.{md,mdx}`) matches them. */
const NOTE_NAME = /\.mdx?$/;

/** Call `visit` for every folder and file under `dir` (not `dir` itself); unreadable folders are skipped. */
export function walkContent(dir: string, visit: (absolute: string, isDir: boolean) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      visit(full, true);
      walkContent(full, visit);
    } else if (entry.isFile()) visit(full, false);
  }
}

/** Every note file under `dir` (absolute paths, sorted). Throws when `dir` does not exist. */
export function listNoteFiles(dir: string): string[] {
  statSync(dir);
  const found: string[] = [];
  walkContent(dir, (file, isDir) => {
    if (!isDir && NOTE_NAME.test(path.basename(file))) found.push(file);
  });
  return found.sort();
}
