// Regenerate a note's TOC where the author put one:
// - a list written the Markdown All in One way (found as MAIO finds it) is replaced by the list
//   MAIO would write now in the author's style (settings, else the block's own: toc-plan.ts),
//   linking the real GitHub ids; a stale one is reported, as `npm run toc -- --check` finds it;
// - a `목차` / `Table of Contents` / `Contents` / `TOC` heading with no such list gets
//   remark-toc's list, built from the same ids and leaving omitted headings out.

import type { Heading, Nodes, Root, RootContent } from 'mdast';
import path from 'node:path';
import remarkToc from 'remark-toc';
import type { VFile } from 'vfile';
import { diagnostics, type Diagnostic } from '../core/diagnostics.ts';
import { maioSettingsFor } from '../notes/maio-settings.ts';
import { contentDir as defaultContentDir } from '../core/project.ts';
import { headingModel, splitLines } from '../syntax/headings.ts';
import { knownSlugifyMode, maioSlugs } from '../syntax/maio-slug.ts';
import { reporterFor, type ReportOptions } from './report.ts';
import { listedInToc, TOC_HEADING, TOC_HEADING_RE, tocToMdast, type TocOptions } from '../syntax/toc.ts';
import { planTocs, type NoteTocSettings } from '../syntax/toc-plan.ts';
import { resolveTocStyle } from '../syntax/toc-style.ts';

export interface RemarkTocBlocksOptions extends ReportOptions {
  /**
   * The author's Markdown All in One settings for a note. Default: read from `.vscode/settings.json`
   * and `*.code-workspace` files above the notes folder (src/notes/maio-settings.ts).
   */
  settings?: ((file: VFile) => NoteTocSettings) | NoteTocSettings;
  /** The notes folder, where the settings lookup starts (default: the project's). */
  contentDir?: string;
}

/** Appended to the headings the TOC rule leaves out while remark-toc runs, so its `skip` can leave them out too. */
const OMITTED = '\u2063omitted-from-toc\u2063';

/** Problems in settings files are reported once per process, not once per note. */
const reportedProblems = new Set<string>();

export default function remarkTocBlocks(options: RemarkTocBlocksOptions = {}) {
  return function transform(tree: Root, file: VFile): undefined {
    const model = headingModel(tree, file);
    const source = String(file.value ?? '');
    const lines = splitLines(source);
    const heading = tocHeadingIndex(tree);
    // Only a top-level list or a TOC heading can make a TOC: the settings need no lookup otherwise.
    if (heading === undefined && !tree.children.some((node) => node.type === 'list')) return;
    const warn = reporterFor(file, options);
    const settings = settingsOf(file, options);
    const plan = planTocs(tree, model, lines, source, settings);
    if (plan.blocks.length === 0 && heading === undefined) return;

    const mode = settings.slugifyMode ?? 'github';
    const slugs = mode === 'github' ? undefined : maioSlugs(model, mode);
    if (mode !== 'github' && !knownSlugifyMode(mode)) {
      warn({
        code: 'maio-slug-differs',
        line: plan.blocks[0]?.block.startLine ?? 1,
        message: `Markdown All in One's \`toc.slugifyMode\` is "${mode}" (${settings.from ?? 'settings'}): its TOC links may differ from GitHub's anchors, which readers click`,
        hint: 'the site and `npm run toc` link GitHub\'s anchors; set `markdown.extension.toc.slugifyMode` to "github"',
      });
    }
    const listed = new Set(plan.blocks.flatMap((b) => b.entries.map((e) => e.line)));
    model.headings.forEach((info, index) => {
      if (plan.blocks.length > 0 && !listed.has(info.line)) return;
      if (!listedInToc(info)) return;
      const maio = slugs ? slugs.get(index) : info.maioSlug;
      if (maio === undefined || maio === info.id) return;
      warn({
        code: 'maio-slug-differs',
        line: info.line,
        message: slugs
          ? `Markdown All in One (\`toc.slugifyMode\`: "${mode}", in ${settings.from ?? 'settings'}) would link this heading as #${maio}, but its anchor on GitHub and on the site is #${info.id}`
          : `Markdown All in One would link this heading as #${maio}, but its anchor on GitHub and on the site is #${info.id}`,
        hint: slugs
          ? 'readers click GitHub\'s anchors: the site and `npm run toc` write those; set `markdown.extension.toc.slugifyMode` to "github"'
          : 'the site links the real anchor; run `npm run toc` to write it into the note',
      });
    });

    // Replace authored lists, last first so indexes stay valid.
    const covered = new Set<RootContent>();
    for (const { block, stale, entries, style } of [...plan.blocks].reverse()) {
      if (stale) {
        warn({
          code: 'stale-toc',
          line: block.startLine,
          message: 'the table of contents does not match the headings of the note',
          hint: 'run `npm run toc` to rewrite it (the site already shows the up-to-date one)',
        });
      }
      const replacement = tocToMdast(entries, style);
      replacement.position = block.node.position;
      covered.add(replacement);
      tree.children.splice(block.index, 1, ...(entries.length > 0 ? [replacement] : []));
    }

    // A TOC heading whose section holds no authored list gets remark-toc's list, with the
    // settings' (or MAIO's default) levels and list kind.
    const at = tocHeadingIndex(tree);
    if (at !== undefined && !sectionHas(tree, at, (node) => covered.has(node))) {
      const style = resolveTocStyle(settings.style);
      // remark-toc lists every heading its `skip` pattern does not match: the ones the TOC rule
      // (listedInToc) or the settings' omittedFromToc leave out are marked for it.
      const skipped = model.headings
        .map((h, i) => (!listedInToc(h) || plan.projectOmitted.has(i) ? model.nodes[i] : undefined))
        .filter((n) => n !== undefined);
      runRemarkToc(tree, skipped, { minDepth: style.minDepth, maxDepth: style.maxDepth }, style.ordered);
      const list = tree.children[at + 1];
      if (list?.type === 'list') list.data = { ...list.data, hProperties: { className: ['note-toc'], dataPagefindIgnore: '' } };
    }
  };
}

function settingsOf(file: VFile, options: RemarkTocBlocksOptions): NoteTocSettings {
  if (options.settings !== undefined) return typeof options.settings === 'function' ? options.settings(file) : options.settings;
  if (!file.path) return {};
  const found = maioSettingsFor(path.resolve(file.path), options.contentDir ?? defaultContentDir());
  const report = options.report ?? ((d: Diagnostic) => diagnostics.report(d));
  for (const problem of found.problems) {
    const key = `${problem.file}:${problem.line}:${problem.message}`;
    if (reportedProblems.has(key)) continue;
    reportedProblems.add(key);
    report(problem);
  }
  return found.settings;
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

function runRemarkToc(tree: Root, leftOut: Array<Nodes | undefined>, options: TocOptions, ordered: boolean): void {
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
      ordered,
    })(tree);
  } finally {
    for (const node of tagged) node.children.pop();
  }
}
