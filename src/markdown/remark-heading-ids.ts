// Give every heading GitHub's anchor: github-slugger over the rendered text, one slugger per
// note, in document order (headings in blockquotes, lists and raw HTML included). The ids go on
// `data.hProperties.id`, which remark-toc, rehype-slug and Astro all keep.

import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { headingModel, linkableIds, NFD_HANGUL } from '../syntax/headings.ts';
import { renderData, type NoteHeading } from '../notes/render-data.ts';
import { reporterFor, type ReportOptions } from './report.ts';

export type RemarkHeadingIdsOptions = ReportOptions;

export type { NoteHeading } from '../notes/render-data.ts';


export default function remarkHeadingIds(options: RemarkHeadingIdsOptions = {}) {
  return function transform(tree: Root, file: VFile): undefined {
    const model = headingModel(tree, file);
    const warn = reporterFor(file, options);
    model.headings.forEach((heading, index) => {
      const node = model.nodes[index];
      if (!node) return;
      if (node.type === 'heading') {
        node.data ??= {};
        node.data.hProperties = { ...node.data.hProperties, id: heading.id };
      } else {
        const end = model.rawTagEnds.get(index);
        if (end !== undefined) node.value = `${node.value.slice(0, end)} id="${escapeAttribute(heading.id)}"${node.value.slice(end)}`;
      }
      if (heading.emptySlug) {
        warn({
          code: 'empty-slug',
          line: heading.line,
          column: heading.column,
          message: `heading "${heading.text.trim()}" has no letters or digits, so its anchor is empty (#${heading.id})`,
          hint: 'add a word to the heading so that links to it are readable',
        });
      }
      if (NFD_HANGUL.test(heading.slugText)) {
        warn({
          code: 'nfd-hangul',
          line: heading.line,
          column: heading.column,
          message: `heading "${heading.text.trim()}" contains decomposed (NFD) Hangul, so its anchor differs from the same text typed normally`,
          hint: 'retype the heading, or convert the file to NFC',
        });
      }
    });
    const headings: NoteHeading[] = model.headings.map(({ depth, id, text, omitted, topLevel, raw, line }) => ({
      depth,
      id,
      text,
      omitted,
      topLevel,
      raw,
      line,
    }));
    const data = renderData(file);
    data.noteHeadings = headings;
    // Every id on the page (headings, footnotes, raw HTML): links from other notes are checked
    // against these (src/notes/link-resolution.ts replayFragmentChecks), as note-graph's noteIds gives them.
    data.noteIds = linkableIds(model);
  };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}
