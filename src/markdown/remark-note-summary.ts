// Record what the note index needs of a note (title from its first h1, whether it has an h1, the
// excerpt for lists) while the note renders, so the build does not parse every note a second time
// for its index. Runs after remark-heading-ids (whose headings it reads) and before any plugin
// that changes text (emoji), so the summary is the one the note's own source gives.

import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { excerptOf } from '../notes/note-excerpt.ts';
import { summarize } from '../notes/note-title.ts';
import type { NoteHeading } from './remark-heading-ids.ts';

export default function remarkNoteSummary() {
  return function transform(tree: Root, file: VFile): undefined {
    const headings = (file.data as { noteHeadings?: NoteHeading[] }).noteHeadings ?? [];
    // Astro hands this object to the page as `remarkPluginFrontmatter` and keeps it with the entry.
    const astro = ((file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro ??= {});
    astro.frontmatter ??= {};
    astro.frontmatter.noteSummary = summarize(headings, excerptOf(tree));
  };
}
