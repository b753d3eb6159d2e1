// Every `#fragment` link in a note must reach an id on its page (compared after decoding).
// Runs after the TOC blocks are regenerated, so a stale authored TOC is reported once, as stale.

import type { Root } from 'mdast';
import { walk } from '../syntax/walk.ts';
import type { VFile } from 'vfile';
import { headingModel, NFD_HANGUL } from '../syntax/headings.ts';
import { nearest } from '../core/edit-distance.ts';
import { reporterFor, type ReportOptions } from './report.ts';
import { decodeFragment } from '../syntax/headings.ts';

export type RemarkCheckFragmentsOptions = ReportOptions;


export default function remarkCheckFragments(options: RemarkCheckFragmentsOptions = {}) {
  return function transform(tree: Root, file: VFile): undefined {
    const model = headingModel(tree, file);
    const warn = reporterFor(file, options);
    walk(tree, (node) => {
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
