// A plugin whose work needs some text in the note's source (a `$` for math, a `\r` for CRLF line
// endings) can skip its walk of the tree when the source has none: each walk of a note's tree
// costs about as much as parsing it. The pattern must match every source the plugin has work in,
// character references included (`&#13;` is a `\r` in a text node, `&#109;ermaid` a fence's
// language); a file without its source is walked.
import type { VFile } from 'vfile';

/** False only when the file carries its source and `pattern` does not occur in it. */
export function sourceMayMatch(file: VFile | undefined, pattern: RegExp): boolean {
  const value = file?.value;
  if (typeof value !== 'string' || value.length === 0) return true;
  return pattern.test(value);
}
