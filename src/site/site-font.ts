// Which Pretendard slices this site serves: planned from every character the site can show
// (the notes' text, titles and descriptions, and the UI text in src/ and site.config.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { planFont, type FontPlan } from '../core/font-slices.ts';
import { getNoteIndex } from './note-collection.ts';
import { projectRoot } from '../core/project.ts';
import { siteConfig } from '../core/site-config.ts';

function uiText(root: string): string {
  const files: string[] = [path.join(root, 'site.config.ts')];
  for (const dir of ['src/components', 'src/layouts', 'src/pages', 'src/markdown', 'src/syntax', 'src/browser']) {
    try {
      for (const entry of readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) files.push(path.join(entry.parentPath, entry.name));
      }
    } catch {
      // a folder that does not exist
    }
  }
  return files.map((f) => readFileSync(f, 'utf8')).join('\n');
}

let plan: Promise<FontPlan> | undefined;

export function siteFontPlan(): Promise<FontPlan> {
  return (plan ??= (async () => {
    const index = await getNoteIndex();
    const config = siteConfig();
    const text = [
      config.title,
      config.description,
      uiText(projectRoot()),
      // Everything a page shows of a note: its text, and what its frontmatter and folder give
      // (tags, the section's name).
      ...index.notes.flatMap((n) => [n.title, n.excerpt ?? '', n.entry.body ?? '', ...n.tags]),
      ...index.sections.map((s) => s.title ?? ''),
    ].join('\n');
    return planFont(text);
  })());
}
