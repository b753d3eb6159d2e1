// Notes saved with CRLF (or CR) line endings must render exactly like LF notes: the parser keeps
// a soft line break's `\r\n` in text, code and HTML values, so turn every one into `\n`.

import type { Root } from 'mdast';
import { walk } from '../syntax/walk.ts';
import type { VFile } from 'vfile';
import { sourceMayMatch } from './source-text.ts';

export default function remarkNormalizeLineEndings() {
  return function transform(tree: Root, file?: VFile): undefined {
    if (!sourceMayMatch(file, /\r|&#0*13;|&#x0*d;/i)) return;
    walk(tree, (node) => {
      if ('value' in node && typeof node.value === 'string' && node.value.includes('\r')) {
        node.value = node.value.replace(/\r\n?/g, '\n');
      }
      if (node.type === 'code' && node.meta?.includes('\r')) node.meta = node.meta.replace(/\r\n?/g, '\n');
    });
  };
}
