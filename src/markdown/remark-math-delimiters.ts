// After remark-math has parsed `$…$`, `$$…$$` and ```` ```math ````, report the `$` signs it could
// not pair (they stay as text, as on GitHub) and `$$` blocks that never close (they swallow the
// rest of their container). A literal dollar sign written `\$` is not reported.
// Also records on the note whether it has any math, so the page loads KaTeX's CSS only then.

import type { Root, Text } from 'mdast';
import { walk } from '../syntax/walk.ts';
import type { VFile } from 'vfile';
import { markFeature } from './note-features.ts';
import { MATH_SOURCE } from './rehype-math.ts';
import { sourceMayMatch } from './source-text.ts';
import { reporterFor, type ReportOptions } from './report.ts';

export type RemarkMathDelimitersOptions = ReportOptions;

export default function remarkMathDelimiters(options: RemarkMathDelimitersOptions = {}) {
  return function transform(tree: Root, file: VFile): undefined {
    if (!sourceMayMatch(file, MATH_SOURCE)) return;
    const warn = reporterFor(file, options);
    const source = String(file.value);
    walk(tree, (node) => {
      if (node.type === 'inlineMath' || (node.type === 'code' && node.lang === 'math')) {
        markFeature(file, 'math');
        return;
      }
      if (node.type === 'math') {
        markFeature(file, 'math');
        const start = node.position?.start.offset;
        const end = node.position?.end.offset;
        if (start === undefined || end === undefined) return;
        const raw = source.slice(start, end).trimEnd();
        const fence = /^\$+/.exec(raw)?.[0] ?? '$$';
        const lines = raw.split(/\r?\n/);
        const closed = lines.length > 1 && lines[lines.length - 1]!.trim().startsWith(fence);
        if (!closed) {
          warn({
            code: 'math-unclosed',
            line: node.position!.start.line,
            column: node.position!.start.column,
            message: `the ${fence} math block opened here is never closed; it runs to the end of its block`,
            hint: `close it with ${fence} on a line of its own`,
          });
        }
        return;
      }
      if (node.type === 'text') checkText(node, source, warn);
    });
  };
}

function checkText(node: Text, source: string, warn: ReturnType<typeof reporterFor>): void {
  if (!node.value.includes('$')) return;
  const start = node.position?.start;
  const end = node.position?.end;
  if (start?.offset === undefined || end?.offset === undefined) return;
  const raw = source.slice(start.offset, end.offset);
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '\\') {
      i++;
      continue;
    }
    if (raw[i] !== '$') continue;
    const before = raw.slice(0, i).split(/\r?\n/);
    const line = start.line + before.length - 1;
    const column = before.length === 1 ? start.column + i : before[before.length - 1]!.length + 1;
    warn({
      code: 'math-unbalanced',
      line,
      column,
      message: 'this $ starts no formula (no matching $ in the paragraph); it is shown as text',
      hint: 'close the formula with a matching $, or write \\$ for a dollar sign',
    });
    return;
  }
}
