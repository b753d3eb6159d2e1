// Regenerate a note's TOC where the author put one:
// - a list written the Markdown All in One way (found as MAIO finds it) is replaced by the list
//   MAIO would write now, linking the real GitHub ids; a stale one is reported;
// - a `목차` / `Table of Contents` / `Contents` / `TOC` heading with no such list gets
//   remark-toc's list, built from the same ids and leaving omitted headings out.

import type { Heading, Nodes, Root, RootContent } from 'mdast';
import remarkToc from 'remark-toc';
import type { VFile } from 'vfile';
import { headingModel, splitLines } from '../syntax/headings.ts';
import { reporterFor, type ReportOptions } from './report.ts';
import {
  findAuthoredTocs,
  listedInToc,
  sameToc,
  TOC_HEADING,
  TOC_HEADING_RE,
  tocEntries,
  tocRows,
  tocToMdast,
  type TocOptions,
} from '../syntax/toc.ts';

export interface RemarkTocBlocksOptions extends ReportOptions, TocOptions {}

/** Appended to the headings the TOC rule leaves out while remark-toc runs, so its `skip` can leave them out too. */
const OMITTED = '\u2063omitted-from-toc\u2063';

export default function remarkTocBlocks(options: RemarkTocBlocksOptions = {}) {
  return function transform(tree: Root, file: VFile): undefined {
    const model = headingModel(tree, file);
    const lines = splitLines(String(file.value ?? ''));
    const warn = reporterFor(file, options);
    const entries = tocEntries(model, options);
    const authored = findAuthoredTocs(tree, model, lines);

    if (authored.length > 0 || hasTocHeading(tree)) {
      for (const entry of entries) {
        if (entry.maioSlug !== undefined && entry.maioSlug !== entry.id) {
          warn({
            code: 'maio-slug-differs',
            line: entry.line,
            message: `Markdown All in One would link this heading as #${entry.maioSlug}, but its anchor on GitHub and on the site is #${entry.id}`,
            hint: 'the site links the real anchor; run `npm run toc` to write it into the note',
          });
        }
      }
    }

    // Replace authored lists, last first so indexes stay valid.
    const generated = tocToMdast(entries);
    const covered = new Set<RootContent>();
    const generatedRows = tocRows(generated);
    for (const block of [...authored].reverse()) {
      if (!sameToc(tocRows(block.node), generatedRows)) {
        warn({
          code: 'stale-toc',
          line: block.startLine,
          message: 'the table of contents does not match the headings of the note',
          hint: 'run `npm run toc` to rewrite it (the site already shows the up-to-date one)',
        });
      }
      const replacement = structuredClone(generated);
      replacement.position = block.node.position;
      covered.add(replacement);
      tree.children.splice(block.index, 1, ...(entries.length > 0 ? [replacement] : []));
    }

    // A TOC heading whose section holds no authored list gets remark-toc's list.
    const heading = tocHeadingIndex(tree);
    if (heading !== undefined && !sectionHas(tree, heading, (node) => covered.has(node))) {
      // remark-toc lists every heading its `skip` pattern does not match: the ones the TOC rule
      // leaves out are marked for it (levels go to remark-toc as its own options).
      runRemarkToc(tree, model.headings.filter((h) => !listedInToc(h)).map((h) => model.nodes[model.headings.indexOf(h)]), options);
      const list = tree.children[heading + 1];
      if (list?.type === 'list') list.data = { ...list.data, hProperties: { className: ['note-toc'], dataPagefindIgnore: '' } };
    }
  };
}

function hasTocHeading(tree: Root): boolean {
  return tocHeadingIndex(tree) !== undefined;
}

function tocHeadingIndex(tree: Root): number | undefined {
  const index = tree.children.findIndex((node) => node.type === 'heading' && TOC_HEADING_RE.test(plain(node)));
  return index === -1 ? undefined : index;
}

function plain(node: Nodes): string {
  return 'value' in node && node.type !== 'html' ? String(node.value) : 'children' in node ? node.children.map((c) => plain(c as Nodes)).join('') : '';
}

/** Whether the section under the heading at `index` (up to the next heading of equal or higher rank) holds a node. */
function sectionHas(tree: Root, index: number, test: (node: RootContent) => boolean): boolean {
  const opening = tree.children[index] as Heading;
  for (let i = index + 1; i < tree.children.length; i++) {
    const node = tree.children[i] as RootContent;
    if (node.type === 'heading' && node.depth <= opening.depth) return false;
    if (test(node)) return true;
  }
  return false;
}

function runRemarkToc(tree: Root, leftOut: Array<Nodes | undefined>, options: TocOptions): void {
  const tagged: Heading[] = [];
  for (const node of leftOut) {
    if (node?.type !== 'heading' || TOC_HEADING_RE.test(plain(node))) continue;
    node.children.push({ type: 'text', value: OMITTED });
    tagged.push(node);
  }
  try {
    type Depth = 1 | 2 | 3 | 4 | 5 | 6;
    remarkToc({
      heading: TOC_HEADING,
      skip: `.*${OMITTED}.*`,
      maxDepth: (options.maxDepth ?? 6) as Depth,
      minDepth: (options.minDepth ?? 1) as Depth,
    })(tree);
  } finally {
    for (const node of tagged) node.children.pop();
  }
}
