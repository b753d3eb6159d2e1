// `:emoji:` shortcodes as GitHub shows them: remark-gemoji turns each known shortcode (`:+1:`,
// `:rocket:`) into its emoji; a shortcode it does not know stays as text, with a warning.
// Runs after the heading ids and the TOC: GitHub computes a heading's id from the shortcode's
// text (`## :rocket: 시작` → `rocket-시작`) and shows the emoji in the heading and the TOC.

import { nameToEmoji } from 'gemoji';
import type { Root, Text } from 'mdast';
import remarkGemoji from 'remark-gemoji';
import { walk } from '../syntax/walk.ts';
import type { VFile } from 'vfile';
import { reporterFor, type ReportOptions } from './report.ts';

export type RemarkEmojiShortcodesOptions = ReportOptions;

/**
 * What looks like a shortcode: `:name:` (gemoji's own pattern) with a letter in the name, not
 * glued to a word or number on either side (so `10:30:45`, `a:b:c` and URLs are not shortcodes).
 */
const SHORTCODE = /(?<![\p{L}\p{N}_:/]):(\+1|[-\w]*[A-Za-z][-\w]*):(?![\p{L}\p{N}_:])/gu;

/** remark-gemoji's own pattern: where nothing matches it, remark-gemoji replaces nothing. */
const GEMOJI = /:(\+1|[-\w]+):/;

export default function remarkEmojiShortcodes(options: RemarkEmojiShortcodesOptions = {}) {
  const replace = remarkGemoji();
  return function transform(tree: Root, file: VFile): undefined {
    // Checked first, while every text node still has its source position.
    const warn = reporterFor(file, options);
    let candidates = false;
    walk(tree, 'text', (node: Text, _index, parent) => {
      candidates ||= GEMOJI.test(node.value);
      if (parent?.type === 'link' && /^[a-z]+:/i.test(parent.url)) {
        // Autolinked URLs may contain anything; their text is the URL.
        if (node.value === parent.url || `mailto:${node.value}` === parent.url) return;
      }
      for (const match of node.value.matchAll(SHORTCODE)) {
        if (Object.hasOwn(nameToEmoji, match[1]!)) continue;
        warn({
          code: 'unknown-emoji',
          ...locate(node, match.index),
          message: `:${match[1]}: is not a GitHub emoji shortcode; it is shown as text`,
          hint: 'check the name against GitHub’s emoji list, or write the emoji itself',
        });
      }
    });
    // Most notes have nothing like a shortcode: then remark-gemoji's walk would change nothing.
    if (candidates) replace(tree);
  };
}

/** Line and column of `offset` within a text node (exact when the node holds no escapes). */
function locate(node: Text, offset: number): { line?: number; column?: number } {
  const start = node.position?.start;
  if (!start) return {};
  const before = node.value.slice(0, offset);
  const lines = before.split('\n');
  if (lines.length === 1) return { line: start.line, column: start.column + offset };
  return { line: start.line + lines.length - 1, column: lines[lines.length - 1]!.length + 1 };
}
