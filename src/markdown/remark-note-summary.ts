// Record what the note index needs of a note (title from its first h1, whether it has an h1, the
// excerpt for lists) while the note renders, so the build does not parse every note a second time
// for its index. Runs after remark-heading-ids (whose headings it reads) and before any plugin
// that changes text (emoji), so the summary is the one the note's own source gives.

import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { excerptOf } from '../notes/note-excerpt.ts';
import { summarize } from '../notes/note-title.ts';
import { renderData } from '../notes/render-data.ts';

export default function remarkNoteSummary() {
  return function transform(tree: Root, file: VFile): undefined {
    const data = renderData(file);
    data.noteSummary = summarize(data.noteHeadings ?? [], excerptOf(tree));
  };
}
