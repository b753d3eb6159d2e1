// The site's own font files: planned from every character the site can show (the notes' text,
// titles and descriptions, and the UI text in src/ and site.config.ts; src/core/font-subset-plan.ts)
// and cut from Pretendard (src/site/font-subset.ts). Files are named by their content, so a
// browser may keep them as long as it likes and a changed file gets a new URL.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FONT_FAMILY } from '../core/font-slices.ts';
import { fontFaceRule, planSubsetFiles } from '../core/font-subset-plan.ts';
import { getNoteIndex } from './note-collection.ts';
import { projectRoot } from '../core/project.ts';
import { siteConfig } from '../core/site-config.ts';
import { fontCharactersCached, subsetCached } from './font-subset.ts';
import { FontProcess } from './font-process.ts';

function textOf(root: string, dirs: readonly string[], files: string[] = []): string {
  for (const dir of dirs) {
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

export interface SiteFontFile {
  /** File name under fonts/ (`<content hash>.woff2`). */
  name: string;
  bytes: Buffer;
  chars: number[];
}

export interface SiteFont {
  /** The @font-face rules (URLs relative to the stylesheet). */
  css: string;
  /** In plan order: the first holds the characters most pages show. */
  files: SiteFontFile[];
}

let plan: Promise<SiteFont> | undefined;

export function siteFontPlan(): Promise<SiteFont> {
  return (plan ??= (async () => {
    const index = await getNoteIndex();
    const config = siteConfig();
    const root = projectRoot();
    // The page frame (layouts and components, site.config.ts), the sidebar's section names and the
    // labels Markdown plugins add to notes (callout titles, the heading links' hidden labels) are
    // on every note page; the other UI text only on some pages (home, tags, 404) or moments
    // (search messages).
    const everyPage = [
      config.title,
      config.description,
      textOf(root, ['src/layouts', 'src/components', 'src/markdown'], [path.join(root, 'site.config.ts')]),
      ...index.sections.map((s) => s.title ?? ''),
    ].join('\n');
    const occasional = textOf(root, ['src/pages', 'src/syntax', 'src/browser']);
    // Everything a page shows of a note: its text, and what its frontmatter gives (tags).
    const notes = index.notes.map((n) => [n.title, n.excerpt ?? '', n.entry.body ?? '', ...n.tags].join('\n'));
    // What is not in the font cache is read and cut in a process of its own (font-process.ts).
    const fonts = new FontProcess();
    try {
      const covered = await fontCharactersCached({ read: fonts.cmap });
      const planned = planSubsetFiles({ notes, everyPage, occasional }, (c) => covered.has(c));
      const files = await Promise.all(
        planned.map(async ({ chars }) => {
          const bytes = await subsetCached(chars, { subset: fonts.cut });
          return { name: `${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.woff2`, bytes, chars };
        }),
      );
      const css = files.map((f, i) => fontFaceRule(FONT_FAMILY, f.name, planned[i]!.ranges)).join('');
      return { css, files };
    } finally {
      await fonts.end();
    }
  })());
}
