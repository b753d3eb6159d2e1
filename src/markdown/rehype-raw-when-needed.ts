// Astro's Markdown processor ends with rehype-raw, which turns the author's raw HTML into elements
// by sending the whole tree through an HTML parser (parse5) and back: about a sixth of a note's
// render. A tree with no raw HTML in it has nothing to turn, and the parser only re-makes the
// elements it was given, with one difference in the HTML: an attribute set to `true` that is not
// a boolean attribute (`data-footnote-ref`, which mdast-util-to-hast sets) comes back empty
// (`data-footnote-ref=""`, as GitHub writes it). So on a tree without raw nodes this step gives
// those attributes the empty value and skips the parser (tests/build/fast-paths.test.ts and every
// tests/fixtures/markdown output: the same HTML byte for byte).
//
// Placed after the other rehype plugins, it changes its processor as native-parse.ts replaces the
// parser: the rehype-raw entry set up after it in unified's plugin list is swapped for this check.
// Without such an entry after it (the MDX processor runs rehype-raw first) it changes nothing.
// NOTES_RAW=always runs rehype-raw on every tree (the test's reference).
import type { Element, Nodes, Root } from 'hast';
import { find, html, svg, type Schema } from 'property-information';
import rehypeRaw, { type Options } from 'rehype-raw';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';

/** Trees rehype-raw parsed, and trees it was skipped for, in this thread. */
export const rawStats = { parsed: 0, skipped: 0 };

export default function rehypeRawWhenNeeded(this: Processor, options: { always?: boolean } = {}): undefined {
  if (options.always ?? process.env.NOTES_RAW === 'always') return;
  // Unified's plugin list, attached in order: the entries after this one are not attached yet.
  const attachers = this.attachers as Array<[plugin: unknown, ...parameters: unknown[]]>;
  const self = attachers.findIndex(([plugin]) => plugin === rehypeRawWhenNeeded);
  const at = attachers.findIndex(([plugin], index) => index > self && plugin === rehypeRaw);
  if (self < 0 || at < 0) return;
  const [, ...parameters] = attachers[at]!;
  attachers[at] = [rawWhereNeeded, ...parameters];
}

function rawWhereNeeded(this: Processor, options?: Options) {
  const transform = rehypeRaw.call(this, options);
  return (tree: Root, file: VFile): Root => {
    // Empty values first: the parser would give them too, so a tree with raw nodes is parsed as before.
    if (!emptyTrueAttributes(tree, html)) {
      rawStats.skipped++;
      return tree;
    }
    rawStats.parsed++;
    return transform(tree, file);
  };
}

/**
 * Gives every non-boolean attribute set to `true` the empty string, as the HTML parser would
 * (in `schema`, SVG's below an <svg>); returns whether the tree holds raw nodes.
 */
function emptyTrueAttributes(node: Nodes, schema: Schema): boolean {
  if (node.type === 'raw') return true;
  if (!('children' in node)) return false;
  let space = schema;
  if (node.type === 'element') {
    if (space === html && node.tagName.toLowerCase() === 'svg') space = svg;
    emptyTrue(node, space);
    if (node.content && emptyTrueAttributes(node.content, space)) return true;
  }
  // Once a raw node is found the parser runs, and gives the rest their empty values itself.
  for (const child of node.children) if (emptyTrueAttributes(child, space)) return true;
  return false;
}

function emptyTrue(element: Element, schema: Schema): void {
  for (const [key, value] of Object.entries(element.properties)) {
    if (value !== true) continue;
    const info = find(schema, key);
    if (!info.boolean && !info.overloadedBoolean) element.properties[key] = '';
  }
}
