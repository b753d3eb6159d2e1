// Every `#fragment` link in a note must reach an id on its page (compared after decoding).
// Runs after the TOC blocks are regenerated, so a stale authored TOC is reported once, as stale.

import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { headingModel, NFD_HANGUL } from '../syntax/headings.ts';
import { reporterFor, type ReportOptions } from './report.ts';
import { decodeFragment } from '../syntax/toc.ts';

export type RemarkCheckFragmentsOptions = ReportOptions;


export default function remarkCheckFragments(options: RemarkCheckFragmentsOptions = {}) {
  return function transform(tree: Root, file: VFile): undefined {
    const model = headingModel(tree, file);
    const warn = reporterFor(file, options);
    visit(tree, (node) => {
      if (node.type === 'footnoteDefinition') return;
      if (node.type !== 'link' && node.type !== 'definition') return;
      if (!node.url.startsWith('#')) return;
      const target = decodeFragment(node.url);
      if (target === '' || model.ids.has(target)) return;
      const line = node.position?.start.line;
      const column = node.position?.start.column;
      if (model.ids.has(target.normalize('NFC'))) {
        warn({
          code: 'nfd-fragment',
          ...(line ? { line } : {}),
          ...(column ? { column } : {}),
          message: `link #${target} is written with decomposed (NFD) Hangul and does not match the heading's anchor`,
          hint: `retype the link as #${target.normalize('NFC')}`,
        });
        return;
      }
      warn({
        code: 'broken-fragment',
        ...(line ? { line } : {}),
        ...(column ? { column } : {}),
        message: `link #${target} matches no heading on this page${NFD_HANGUL.test(target) ? ' (it contains decomposed Hangul)' : ''}`,
        hint: nearest(target, [...model.ids]) ? `did you mean #${nearest(target, [...model.ids])}?` : 'check the heading it should point to',
      });
    });
  };
}

/** The id closest to `target` by edit distance, if reasonably close. */
export function nearest(target: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const score = distance(target, candidate);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(target.length / 2)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}
