// The note index for pages: the `notes` collection read once per build through astro:content.
import { getCollection, type CollectionEntry } from 'astro:content';
import { throwBrokenNote } from './dev-notes.ts';
import { diagnostics } from './diagnostics.ts';
import { missingImageError } from './missing-image.ts';
import { getNoteGraph, noteIds } from './note-graph.ts';
import { buildNoteIndex, renderFailure, type NoteIndex, type NoteInfo } from './note-index.ts';
import { contentDir, projectRoot } from './project.ts';

export type NoteEntry = CollectionEntry<'notes'>;
export type Note = NoteInfo<NoteEntry>;

let cached: { entries: NoteEntry[]; index: NoteIndex<NoteEntry> } | undefined;

/** All notes in reading order; drafts only in the dev server. */
export async function getNoteIndex(): Promise<NoteIndex<NoteEntry>> {
  // Dev server: a note that failed to load shows its error (file and line) on every page.
  if (import.meta.env.DEV) throwBrokenNote();
  // A build's notes do not change while its pages render: one index for the whole build (every
  // page asks; rebuilding it per page made a build quadratic in the number of notes).
  if (cached && !import.meta.env.DEV) return cached.index;
  let entries: NoteEntry[];
  try {
    entries = await getCollection('notes');
  } catch (error) {
    // Dev server, an embedded image just removed: name the note and line (missing-image.ts).
    throw missingImageError(error, getNoteGraph(contentDir(), projectRoot()));
  }
  // getCollection returns a fresh array per call; rebuild only when the entries changed (dev edits).
  if (cached && cached.entries.length === entries.length && cached.entries.every((e, i) => e === entries[i])) {
    return cached.index;
  }
  const index = buildNoteIndex(entries, {
    contentDir: contentDir(),
    root: projectRoot(),
    includeDrafts: import.meta.env.DEV,
  });
  cached = { entries, index };
  return index;
}

const idMaps = new WeakMap<NoteIndex<NoteEntry>, Map<string, ReadonlySet<string>>>();

/**
 * Every id on each note's page, by the note's path in the content directory: from its render
 * (remark-heading-ids `noteIds`); a note rendered elsewhere (MDX) is parsed for them.
 * What pages check links into other notes' headings against (replayFragmentChecks).
 */
export async function pageIdsOf(): Promise<(relPath: string) => ReadonlySet<string>> {
  const index = await getNoteIndex();
  let ids = idMaps.get(index);
  if (!ids) {
    ids = new Map();
    for (const note of [...index.notes, ...(index.home ? [index.home] : [])]) {
      const rendered = note.entry.rendered as { metadata?: { frontmatter?: { noteIds?: string[] } } } | undefined;
      const own = rendered?.metadata?.frontmatter?.noteIds;
      if (own) ids.set(note.relPath, new Set(own));
    }
    idMaps.set(index, ids);
  }
  const known = ids;
  return (relPath) => {
    const found = known.get(relPath);
    if (found) return found;
    const note = getNoteGraph(contentDir(), projectRoot()).byRelPath.get(relPath);
    const parsed = note ? noteIds(note) : new Set<string>();
    known.set(relPath, parsed);
    return parsed;
  };
}

/** A URL inside the site, under the configured base: `href('llm-소개/')`. */
export function href(pathBelowBase = ''): string {
  const base = import.meta.env.BASE_URL;
  return `${base.endsWith('/') ? base : `${base}/`}${pathBelowBase.replace(/^\/+/, '')}`;
}

/**
 * Astro's glob loader renders .md notes while syncing and, when rendering throws, only logs the
 * error and stores the entry without HTML. A note must never be dropped silently: fail the page.
 */
export function assertRendered(note: Note): void {
  const error = renderFailure(note, diagnostics.all(), projectRoot());
  if (error) throw error;
}
