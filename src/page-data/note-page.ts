// Everything a note's page (src/pages/[...slug].astro) shows besides markup, prepared here:
// the rendered note, its on-page TOC, the sidebar model, and the edit link and last-updated date under it.
import path from 'node:path';
import { render } from 'astro:content';
import { contentDir, projectRoot } from '../core/project.ts';
import { siteConfig } from '../core/site-config.ts';
import { replayNoteDiagnostics } from '../markdown/report.ts';
import { replayFragmentChecks } from '../notes/link-resolution.ts';
import { readRenderData } from '../notes/render-data.ts';
import { fallbackRoot, gitHistoryOnce, noteGitInfo, type NoteGitInfo } from '../site/git-history.ts';
import { assertRendered, getNoteIndex, pageIdsOf, type Note } from '../site/note-collection.ts';
import { pageToc } from './page-toc.ts';
import { sidebarModel } from './sidebar.ts';

/**
 * Render a note for its page. Astro caches rendered notes between builds, so what a cached note
 * recorded is reported again, and its links into other notes' headings are checked now that every
 * note has rendered (build only).
 */
export async function renderNotePage(note: Note) {
  const rendered = await render(note.entry);
  replayNoteDiagnostics(rendered.remarkPluginFrontmatter);
  replayFragmentChecks(rendered.remarkPluginFrontmatter, await pageIdsOf());
  return rendered;
}

/** A note page's data: the rendered note, its TOC, the sidebar, and its edit link and date. */
export async function notePageData(note: Note) {
  assertRendered(note);
  const { Content, remarkPluginFrontmatter } = await renderNotePage(note);
  return {
    Content,
    /** The render's `remarkPluginFrontmatter` (what NoteExtras reads its features from). */
    frontmatter: remarkPluginFrontmatter,
    toc: pageToc(readRenderData(remarkPluginFrontmatter).noteHeadings, siteConfig().toc),
    sidebar: sidebarModel(await getNoteIndex(), note),
    meta: noteMeta(note),
  };
}

/** "GitHub에서 편집" and the last-updated date from git (src/site/git-history.ts), when there are. */
export function noteMeta(note: Note): NoteGitInfo {
  const notesDir = contentDir();
  const { history, branch } = gitHistoryOnce(notesDir);
  return noteGitInfo(history, path.resolve(projectRoot(), note.entry.filePath ?? note.file), {
    repository: siteConfig().repository,
    branch,
    fallbackRoot: fallbackRoot(notesDir, projectRoot()),
  });
}
