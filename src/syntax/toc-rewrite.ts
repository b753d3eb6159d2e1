// Rewrite the authored TOC blocks of a note's source to the generated TOC, touching nothing else:
// only the lines of a stale TOC list change; every other byte (BOM, line endings, frontmatter,
// trailing newline) is kept. A TOC that already says the same thing is left as written.

import { headingModel, splitLines } from './headings.ts';
import { parseNote } from './parse.ts';
import { findAuthoredTocs, sameToc, tocEntries, tocRows, tocToMarkdownLines, tocToMdast, type TocOptions } from './toc.ts';

export interface TocBlockChange {
  /** 1-based lines of the authored block in the file. */
  startLine: number;
  endLine: number;
  stale: boolean;
}

export interface TocRewrite {
  output: string;
  changed: boolean;
  blocks: TocBlockChange[];
}

export function rewriteTocs(source: string, path: string, options: TocOptions = {}): TocRewrite {
  const { tree, file } = parseNote(source, path);
  const model = headingModel(tree, file);
  const body = String(file.value);
  const blocks = findAuthoredTocs(tree, model, splitLines(body));
  if (blocks.length === 0) return { output: source, changed: false, blocks: [] };

  const entries = tocEntries(model, options);
  const generatedRows = tocRows(tocToMdast(entries));
  const generatedLines = tocToMarkdownLines(entries, body);
  // Lines with their own terminators, so a replacement can reuse the file's line ending.
  const lines = source.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
  const eol = /\r\n|\r|\n/.exec(source)?.[0] ?? '\n';
  const changes: TocBlockChange[] = [];
  for (const block of [...blocks].reverse()) {
    const stale = !sameToc(tocRows(block.node), generatedRows);
    changes.unshift({ startLine: block.startLine, endLine: block.endLine, stale });
    if (!stale) continue;
    const last = lines[block.endLine - 1] ?? '';
    const ending = /(\r\n|\r|\n)$/.exec(last)?.[0] ?? '';
    const replacement = generatedLines.map((line, i) => line + (i === generatedLines.length - 1 ? ending : eol));
    lines.splice(block.startLine - 1, block.endLine - block.startLine + 1, ...replacement);
  }
  const output = lines.join('');
  return { output, changed: output !== source, blocks: changes };
}
