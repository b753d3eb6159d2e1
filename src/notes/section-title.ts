// What a section (a folder) is called: its README's title when it has one (from the frontmatter
// or its heading), else the folder's name read as words: `03-검색과-프롬프트` → `검색과 프롬프트`.
import type { NameParts } from './note-path.ts';

/** A folder name as words: the order prefix gone (splitName), `-` and `_` as spaces. */
export function readableFolderName(folder: NameParts): string {
  const words = folder.name.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return words || folder.name || folder.raw;
}

/**
 * The section's title: each folder on its path (outermost first) by its README's title, else as
 * words, joined with ' / '. `landingTitles` maps a folder path (raw names joined with '/') to the
 * title its README gives it.
 */
export function sectionTitle(folders: readonly NameParts[], landingTitles: ReadonlyMap<string, string>): string {
  return folders
    .map((folder, i) => landingTitles.get(folders.slice(0, i + 1).map((f) => f.raw).join('/')) ?? readableFolderName(folder))
    .join(' / ');
}
