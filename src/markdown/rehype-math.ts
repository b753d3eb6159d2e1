// Formulas rendered at build time by rehype-katex (HTML + MathML, no JavaScript on the page).
// A formula KaTeX cannot parse is shown as its source (KaTeX's `katex-error` span, with the
// parser's message as its title) and reported as a warning with the note's file and line.

import type { Root } from 'hast';
import type { KatexOptions } from 'katex';
import rehypeKatex from 'rehype-katex';
import type { VFile } from 'vfile';
import { reporterFor, type ReportOptions } from './report.ts';

export interface RehypeMathOptions extends ReportOptions {
  /** Passed on to KaTeX (`displayMode` and `throwOnError` are decided per formula). */
  katex?: Omit<KatexOptions, 'displayMode' | 'throwOnError'>;
}

export const DEFAULT_KATEX_OPTIONS: Omit<KatexOptions, 'displayMode' | 'throwOnError'> = {
  // GitHub (MathJax) accepts Hangul and other Unicode text in math mode; so do we, silently.
  strict: 'ignore',
  // A CSS variable, so the error colour follows the theme (markdown-extras.css).
  errorColor: 'var(--mx-math-error, #cf222e)',
  output: 'htmlAndMathml',
};

export default function rehypeMath(options: RehypeMathOptions = {}) {
  const render = rehypeKatex({ ...DEFAULT_KATEX_OPTIONS, ...options.katex });
  return function transform(tree: Root, file: VFile): undefined {
    const seen = file.messages.length;
    render(tree, file);
    const warn = reporterFor(file, options);
    const added = file.messages.splice(seen);
    for (const message of added) {
      if (message.source !== 'rehype-katex') {
        file.messages.push(message);
        continue;
      }
      const cause = message.cause instanceof Error ? message.cause.message : String(message.reason);
      warn({
        code: 'math-error',
        ...(message.line ? { line: message.line } : {}),
        ...(message.column ? { column: message.column } : {}),
        message: `formula does not parse: ${cause.replace(/^KaTeX parse error: /, '').split('\n')[0]}`,
        hint: 'fix the TeX; the page shows the formula’s source until then',
      });
    }
  };
}
