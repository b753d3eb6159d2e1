// The site's own font files: planned from every character the site can show (the notes' text,
// titles and descriptions, and the UI text in src/ and site.config.ts; src/core/font-subset-plan.ts)
// and cut from Pretendard (src/site/font-subset.ts). Files are named by everything their bytes
// depend on (their cache key), so a browser may keep them as long as it likes, a changed file gets
// a new URL, and pages know the names before the files are cut.
//
// A build plans them twice from the same notes, with the same result: once the notes are loaded
// (notes-loader.ts), so what the font cache lacks is cut while Vite bundles, and when pages render
// (site-font.ts), which then gets those cuts (font-subset.ts shares them) instead of waiting for
// its own.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FONT_FAMILY } from '../core/font-slices.ts';
import { fontFaceRule, planSubsetFiles } from '../core/font-subset-plan.ts';
import { projectRoot } from '../core/project.ts';
import { siteConfig } from '../core/site-config.ts';
import type { NoteIndex } from '../notes/note-index.ts';
import { fontCharactersCached, subsetCached, subsetFileName, subsetIsCached } from './font-subset.ts';
import { FEW_CUTS, FontProcess } from './font-process.ts';

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
  /** File name under fonts/ (`<cache key>.woff2`, font-subset.ts subsetFileName). */
  name: string;
  /** The file, from the font cache or being cut. */
  bytes: Promise<Buffer>;
  chars: number[];
}

export interface SiteFont {
  /** The @font-face rules (URLs relative to the stylesheet). */
  css: string;
  /** In plan order: the first holds the characters most pages show. */
  files: SiteFontFile[];
}

/** Plans the font files of a site with these notes and starts cutting what the cache lacks. */
export async function planFontFiles(index: NoteIndex): Promise<SiteFont> {
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
  // What is not in the font cache is read and cut in a process of its own (font-process.ts),
  // which ends once every file is there: one that makes a few cuts, or, for more, one that
  // optimizes the compressor first.
  const reader = new FontProcess();
  let covered: Set<number>;
  try {
    covered = await fontCharactersCached({ read: reader.cmap });
  } catch (error) {
    await reader.end();
    throw error;
  }
  const planned = planSubsetFiles({ notes, everyPage, occasional }, (c) => covered.has(c));
  const cuts = planned.filter(({ chars }) => !subsetIsCached(chars)).length;
  let fonts = reader;
  if (cuts > FEW_CUTS) {
    void reader.end();
    fonts = new FontProcess({ optimize: true });
  }
  const files = planned.map(({ chars }) => {
    const bytes = subsetCached(chars, { subset: fonts.cut });
    bytes.catch(() => undefined); // a failed cut fails the font file's request, which awaits it
    return { name: subsetFileName(chars), bytes, chars };
  });
  void Promise.allSettled(files.map((f) => f.bytes)).then(() => fonts.end());
  const css = files.map((f, i) => fontFaceRule(FONT_FAMILY, f.name, planned[i]!.ranges)).join('');
  return { css, files };
}
