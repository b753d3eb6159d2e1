// Rewrite the authored TOC blocks of a note's source to the generated TOC, touching nothing else:
// only the lines of a stale TOC list change; every other byte (BOM, line endings, frontmatter,
// trailing newline) is kept. A TOC that already says the same thing is left as written.

import { headingModel, splitLines } from './headings.ts';
import { parseNote } from './parse.ts';
import { planTocs, type NoteTocSettings } from './toc-plan.ts';

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

/** `settings`: the author's Markdown All in One settings for this note (src/notes/maio-settings.ts). */
export function rewriteTocs(source: string, path: string, settings: NoteTocSettings = {}): TocRewrite {
  const { tree, file } = parseNote(source, path);
  const model = headingModel(tree, file);
  const body = String(file.value);
  const plan = planTocs(tree, model, splitLines(body), body, settings);
  if (plan.blocks.length === 0) return { output: source, changed: false, blocks: [] };

  // Lines with their own terminators, so a replacement can reuse the file's line ending.
  const lines = source.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
  const eol = /\r\n|\r|\n/.exec(source)?.[0] ?? '\n';
  const changes: TocBlockChange[] = [];
  for (const { block, lines: replacementLines, stale } of [...plan.blocks].reverse()) {
    changes.unshift({ startLine: block.startLine, endLine: block.endLine, stale });
    if (!stale) continue;
    const last = lines[block.endLine - 1] ?? '';
    const ending = /(\r\n|\r|\n)$/.exec(last)?.[0] ?? '';
    // A BOM is part of the first line's text here, but not of the parsed lines.
    const bom = block.startLine === 1 && source.startsWith('\uFEFF') ? '\uFEFF' : '';
    const replacement = replacementLines.map((line, i) => (i === 0 ? bom : '') + line + (i === replacementLines.length - 1 ? ending : eol));
    lines.splice(block.startLine - 1, block.endLine - block.startLine + 1, ...replacement);
  }
  const output = lines.join('');
  return { output, changed: output !== source, blocks: changes };
}
