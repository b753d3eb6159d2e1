// What the sidebar shows for one page, kept small whatever the number of notes: the current
// section's notes (a window around the current note when the section is long), every other
// section as one collapsed link to its first note (a window of sections when there are many),
// and top-level notes as plain links (a few, then a link to the full list on the home page).
// Pure, so a unit test can check the bounds.
import type { NoteIndex, NoteInfo, NoteSection, NoteSource } from '../notes/note-index.ts';

export const LIMITS = { notes: 25, sections: 30, topLevel: 8 } as const;

export interface Window<T> {
  items: T[];
  /** How many items come before / after the window. */
  before: number;
  after: number;
}

/** At most `max` items around `index` (or from the start when index < 0). */
export function windowAround<T>(items: readonly T[], index: number, max: number): Window<T> {
  if (items.length <= max) return { items: [...items], before: 0, after: 0 };
  const center = Math.max(0, index);
  let start = Math.max(0, center - Math.floor(max / 2));
  start = Math.min(start, items.length - max);
  if (index < 0) start = 0;
  return { items: items.slice(start, start + max), before: start, after: items.length - start - max };
}

export interface SidebarSection<T extends NoteSource> {
  key: string;
  title: string;
  /** Position in the home page's list (for "전체 보기" links to `#section-N`). */
  position: number;
  current: boolean;
  count: number;
  /** The first note (where a collapsed section links to). */
  first: NoteInfo<T>;
  /** Notes shown (expanded section, or top-level notes). */
  notes?: Window<NoteInfo<T>>;
}

export interface SidebarModel<T extends NoteSource> {
  sections: Window<SidebarSection<T>>;
}

export function sidebarModel<T extends NoteSource>(index: NoteIndex<T>, current: NoteInfo<T> | undefined): SidebarModel<T> {
  const all: SidebarSection<T>[] = [];
  index.sections.forEach((section: NoteSection<T>, position) => {
    const first = section.notes[0];
    if (!first) return;
    const isCurrent = current !== undefined && section.key === current.sectionKey;
    // Only the current section is searched (every page builds this model: 1000 notes, 1000 pages).
    const currentIndex = isCurrent ? section.notes.findIndex((n) => n.id === current.id) : -1;
    const item: SidebarSection<T> = {
      key: section.key,
      title: section.title,
      position,
      current: isCurrent,
      count: section.notes.length,
      first,
    };
    if (isCurrent) item.notes = windowAround(section.notes, currentIndex, LIMITS.notes);
    else if (section.key === '') item.notes = windowAround(section.notes, -1, LIMITS.topLevel);
    all.push(item);
  });
  const currentPosition = all.findIndex((s) => s.current);
  return { sections: windowAround(all, currentPosition, LIMITS.sections) };
}
