// The note index for pages: the `notes` collection read once per build through astro:content.
import { getCollection, type CollectionEntry } from 'astro:content';
import { liveEntries, notesLoaded, throwBrokenNote } from './dev-notes.ts';
import { noteRendered } from './dev-renders.ts';
import { diagnostics } from '../core/diagnostics.ts';
import { missingImageError } from '../notes/missing-image.ts';
import { getNoteGraph, noteIds } from '../notes/note-graph.ts';
import { buildNoteIndex, renderFailure, type NoteIndex, type NoteInfo } from '../notes/note-index.ts';
import { entryRenderData } from '../notes/render-data.ts';
import { contentDir, projectRoot } from '../core/project.ts';
import { runMode } from '../core/run-mode.ts';
import { withBase } from '../core/site-address.ts';

export type NoteEntry = CollectionEntry<'notes'>;
export type Note = NoteInfo<NoteEntry>;

let cached: { entries: NoteEntry[]; index: NoteIndex<NoteEntry> } | undefined;

/** All notes in reading order; drafts only in the dev server. */
export async function getNoteIndex(): Promise<NoteIndex<NoteEntry>> {
  // Dev server: a note that failed to load shows its error (file and line) on every page.
  const dev = runMode() === 'dev';
  // Dev server: not half a load (a sync runs the loader again; dev-notes.ts).
  if (dev) await notesLoaded();
  if (dev) throwBrokenNote();
  // A build's notes do not change while its pages render: one index for the whole build (every
  // page asks; rebuilding it per page made a build quadratic in the number of notes).
  if (cached && !dev) return cached.index;
  let entries: NoteEntry[];
  try {
    // Dev server: from the store in memory, so an edit shows as soon as the note is loaded again.
    entries = (dev ? liveEntries<NoteEntry>('notes') : undefined) ?? (await getCollection('notes'));
  } catch (error) {
    throw noteImageError(error);
  }
  // getCollection returns a fresh array per call; rebuild only when the entries changed (dev edits).
  if (cached && cached.entries.length === entries.length && cached.entries.every((e, i) => e === entries[i])) {
    return cached.index;
  }
  const index = buildNoteIndex(entries, {
    contentDir: contentDir(),
    root: projectRoot(),
    includeDrafts: dev,
  });
  cached = { entries, index };
  return index;
}

/**
 * Dev server, an embedded image just removed: Astro's ImageNotFound (from getCollection or a note's
 * render) as the note's error at the line (missing-image.ts); any other error as it is.
 */
export function noteImageError(error: unknown): unknown {
  return missingImageError(error, getNoteGraph(contentDir(), projectRoot()));
}

/**
 * Dev server: the note once its own render is in (the server renders notes after it starts, the
 * one a page asks for first: dev-renders.ts), with the rest of the index as it is then. Elsewhere
 * the note as it is.
 */
export async function renderedNote(note: Note): Promise<Note> {
  if (runMode() !== 'dev') return note;
  const id = note.entry.id;
  await noteRendered(id);
  const index = await getNoteIndex();
  return (index.home?.entry.id === id ? index.home : index.notes.find((n) => n.entry.id === id)) ?? note;
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
      const own = entryRenderData(note.entry.rendered).noteIds;
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
  return withBase(import.meta.env.BASE_URL, pathBelowBase);
}

/**
 * Astro's glob loader renders .md notes while syncing and, when rendering throws, only logs the
 * error and stores the entry without HTML. A note must never be dropped silently: fail the page.
 */
export function assertRendered(note: Note): void {
  const error = renderFailure(note, diagnostics.all(), projectRoot());
  if (error) throw error;
}
