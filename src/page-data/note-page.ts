// Everything a note's page (src/pages/[...slug].astro) shows besides markup, prepared here:
// the rendered note, its on-page TOC, the sidebar model, and its tags, edit link and dates under it.
import path from 'node:path';
import { render } from 'astro:content';
import { contentDir, projectRoot } from '../core/project.ts';
import { siteConfig } from '../core/site-config.ts';
import { replayNoteDiagnostics } from '../markdown/report.ts';
import { replayFragmentChecks } from '../notes/link-resolution.ts';
import { readRenderData } from '../notes/render-data.ts';
import { fallbackRoot, formatKoreanDate, gitHistoryOnce, noteGitInfo, type NoteGitInfo } from '../site/git-history.ts';
import { tagPath } from '../notes/note-tags.ts';
import { assertRendered, getNoteIndex, href, noteImageError, pageIdsOf, renderedNote, type Note } from '../site/note-collection.ts';
import { runMode } from '../core/run-mode.ts';
import { pageToc } from './page-toc.ts';
import { sidebarModel } from './sidebar.ts';

/**
 * Render a note for its page. Astro caches rendered notes between builds, so what a cached note
 * recorded is reported again, and its links into other notes' headings are checked now that every
 * note has rendered (build only).
 */
export async function renderNotePage(shown: Note) {
  const note = await renderedNote(shown);
  assertRendered(note);
  let rendered: Awaited<ReturnType<typeof render>>;
  try {
    rendered = await render(note.entry);
  } catch (error) {
    throw noteImageError(error);
  }
  replayNoteDiagnostics(rendered.remarkPluginFrontmatter);
  replayFragmentChecks(rendered.remarkPluginFrontmatter, await pageIdsOf());
  return rendered;
}

/**
 * The page's note and its neighbours as they are now. In the dev server Astro keeps what
 * getStaticPaths gave each page until its data store file is written again; a page reads the note
 * from the current index instead, so an edit shows as soon as the note is loaded again.
 */
export async function currentNoteProps<P extends { note: Note; prev?: Note | undefined; next?: Note | undefined; redirect?: boolean | undefined }>(props: P): Promise<P> {
  if (runMode() !== 'dev') return props;
  // Its own render first (dev-renders.ts), then the index as it is.
  await renderedNote(props.note);
  const notes = (await getNoteIndex()).notes;
  const i = notes.findIndex((n) => n.id === props.note.id);
  if (i < 0) return props;
  const note = notes[i]!;
  if (props.redirect) return { ...props, note };
  return { ...props, note, prev: notes[i - 1], next: notes[i + 1] };
}

/** A note page's data: the rendered note, its TOC, the sidebar, and its edit link and date. */
export async function notePageData(note: Note) {
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

/** What NoteMeta shows under a note: its tags, the edit link, and the written and last-updated dates. */
export interface NoteMetaData extends NoteGitInfo {
  /** Each tag with its page's address (under the base). */
  tags: Array<{ name: string; href: string }>;
  /** The written date from the frontmatter (ISO), when it differs from the last-updated one. */
  written?: string;
  writtenText?: string;
}

/**
 * "GitHub에서 편집" and the dates: the last-updated date is the frontmatter's (`lastmod`,
 * `updated`, …), else git's (src/site/git-history.ts); the written date is the frontmatter's.
 */
export function noteMeta(note: Note): NoteMetaData {
  const notesDir = contentDir();
  const { history, branch } = gitHistoryOnce(notesDir);
  const git = noteGitInfo(history, path.resolve(projectRoot(), note.entry.filePath ?? note.file), {
    repository: siteConfig().repository,
    branch,
    fallbackRoot: fallbackRoot(notesDir, projectRoot()),
  });
  const meta: NoteMetaData = { ...git, tags: note.tags.map((name) => ({ name, href: href(tagPath(name)) })) };
  if (note.updated) {
    meta.updated = note.updated;
    const text = formatKoreanDate(note.updated);
    if (text) meta.updatedText = text;
  }
  if (note.date && note.date !== note.updated) {
    meta.written = note.date;
    const text = formatKoreanDate(note.date);
    if (text) meta.writtenText = text;
  }
  return meta;
}
