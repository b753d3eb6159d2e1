// Formulas rendered at build time by rehype-katex (HTML + MathML, no JavaScript on the page).
// A formula KaTeX cannot parse is shown as its source (KaTeX's `katex-error` span, with the
// parser's message as its title) and reported as a warning with the note's file and line.

import type { Root } from 'hast';
import type { KatexOptions } from 'katex';
import rehypeKatex from 'rehype-katex';
import type { VFile } from 'vfile';
import { reporterFor, type ReportOptions } from './report.ts';
import { sourceMayMatch } from './source-text.ts';

/**
 * What a note's source has when it has math: a `$` (inline or block; never from a character
 * reference), a ```` ```math ```` fence, or a character reference that may spell `math` in one.
 */
export const MATH_SOURCE = /\$|math|&#/;

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
    if (!sourceMayMatch(file, MATH_SOURCE)) return;
    const seen = file.messages.length;
    render(tree, file);
    const warn = reporterFor(file, options);
    const added = file.messages.splice(seen);
    for (const message of added) {
      if (message.source !== 'rehype-katex') {
        file.messages.push(message);
        continue;
      }
      warn({
        code: 'math-error',
        ...(message.line ? { line: message.line } : {}),
        ...(message.column ? { column: message.column } : {}),
        message: `formula does not parse: ${describe(message.cause, message.reason)}`,
        hint: 'fix the TeX; the page shows the formula’s source until then',
      });
    }
  };
}

/** KaTeX's own message, without its underlined excerpt: `Undefined control sequence: \foo (at character 1)`. */
function describe(cause: unknown, fallback: string): string {
  if (!(cause instanceof Error)) return fallback;
  const { rawMessage, position } = cause as Error & { rawMessage?: string; position?: number };
  const text = (rawMessage ?? cause.message.replace(/^KaTeX parse error: /, '')).split('\n')[0]!;
  return typeof position === 'number' ? `${text} (at character ${position + 1} of the formula)` : text;
}
