// Tags across the notes: `/tags/` lists every tag with its count, `/tags/<tag>/` its notes.
// Tags are told apart by their URL segment (github-slugger, as note addresses are made), so
// `LLM` and `llm` are one tag, shown as first written in reading order. Pure.
import { nameCollator, slugSegment } from './note-path.ts';
import type { NoteIndex, NoteInfo, NoteSource } from './note-index.ts';

export interface Tag<T extends NoteSource = NoteSource> {
  name: string;
  /** URL segment (NFC). */
  slug: string;
  /** Path of its page below the base: `tags/딥러닝/`. */
  path: string;
  /** Its notes, in reading order. */
  notes: NoteInfo<T>[];
}

/** The URL segment of a tag: slugged; a tag of only punctuation (`C++` aside) keeps a safe form of itself. */
export function tagSlug(name: string): string {
  const slug = slugSegment(name);
  if (slug) return slug;
  return encodeURIComponent(name.normalize('NFC').trim());
}

export function tagPath(name: string): string {
  return `tags/${tagSlug(name)}/`;
}

const cache = new WeakMap<object, Tag[]>();

/** Every tag, by name (Korean-aware); empty when no note has tags. */
export function tagIndex<T extends NoteSource>(index: NoteIndex<T>): Tag<T>[] {
  const cached = cache.get(index);
  if (cached) return cached as Tag<T>[];
  const bySlug = new Map<string, Tag<T>>();
  for (const note of index.notes) {
    for (const name of note.tags) {
      const slug = tagSlug(name);
      let tag = bySlug.get(slug);
      if (!tag) bySlug.set(slug, (tag = { name, slug, path: `tags/${slug}/`, notes: [] }));
      if (!tag.notes.includes(note)) tag.notes.push(note);
    }
  }
  const tags = [...bySlug.values()].sort((a, b) => nameCollator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1));
  cache.set(index, tags);
  return tags;
}
