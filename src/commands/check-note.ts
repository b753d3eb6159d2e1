// Checking one note (the heavy half of `npm run check`, loaded only when some note has to be
// checked): each note is parsed once (src/syntax/parse.ts) with the site's own plugin lists
// (createRemarkPlugins, createRehypePlugins), so a check added to the pipeline shows up here by
// itself; the loader's checks (UTF-8, frontmatter keys and types, unique URL) are the very function
// the content collection calls (checkNoteSource).

import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type PluggableList } from 'unified';
import type { NoteCheck } from './check.ts';
import { NoteError, type Diagnostic } from '../core/diagnostics.ts';
import { invalidateNoteGraph, recordNoteUse } from '../notes/note-graph.ts';
import { NoteIdRegistry } from '../notes/note-path.ts';
import { isDiagnostic, parseErrorDiagnostic, parseNoteText, readNote } from '../notes/note-files.ts';
import { checkNoteSource } from '../notes/note-source.ts';
import { displayPath, projectRoot } from '../core/project.ts';
import { currentSite } from '../core/site-address.ts';
import { isMdxPath } from '../syntax/parse.ts';
import { createRehypePlugins, createRemarkPlugins, remarkRehypeOptions, type PipelineOptions } from '../markdown/pipeline.ts';

/** MDX nodes that remark-rehype hands on untouched (as @mdx-js/mdx does). */
const MDX_NODES = ['mdxFlowExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxTextExpression', 'mdxjsEsm'];

/**
 * The site's processor for .md (and for .mdx), as Astro assembles it, minus highlighting and HTML
 * output: remark-parse, GFM, our remark plugins (parsing with their syntax extensions), then
 * remark-rehype and our rehype plugins, every plugin reporting into `report`. Diagrams are left to
 * the browser (`mermaid: 'client'`): rendering them needs Chromium, too slow for a check.
 */
function createProcessors(report: (d: Diagnostic) => void, contentDir?: string) {
  // Links are checked under the base the site is built for, as the build checks them.
  const options: PipelineOptions = { report, mermaid: 'client', base: currentSite().base, ...(contentDir ? { contentDir } : {}) };
  const build = (mdx: boolean) => {
    const plugins = [
      ...(mdx ? [remarkMdx] : []),
      remarkGfm,
      ...createRemarkPlugins(options),
      [remarkRehype, { allowDangerousHtml: true, passThrough: mdx ? MDX_NODES : [], ...remarkRehypeOptions }],
      ...createRehypePlugins(options),
    ] as PluggableList;
    return unified().use(remarkParse).use(plugins).freeze();
  };
  return { markdown: build(false), mdx: build(true) };
}

/** A checker for single notes; reuses one processor for every note it checks. */
export function createNoteChecker(contentDir: string, root: string = projectRoot()): (absolute: string) => Promise<NoteCheck> {
  invalidateNoteGraph(); // links are checked against the files as they are now, not at an earlier check
  let sink: Diagnostic[] = [];
  const processors = createProcessors((d) => sink.push(d), contentDir);
  const check = async (absolute: string, result: NoteCheck): Promise<void> => {
    const found = result.diagnostics;
    const read = readNote(absolute, result.display);
    if (isDiagnostic(read)) {
      found.push(read);
      return;
    }
    const parsed = parseNoteText(read.text, absolute, result.display, processors);
    if (isDiagnostic(parsed)) {
      found.push(parsed);
      return;
    }
    try {
      // The loader's own checks, with a registry of its own: URL clashes are found across notes
      // afterwards (claimIds), so that notes can be checked in any order or in parallel.
      result.id = checkNoteSource(absolute, path.relative(contentDir, absolute), parsed.frontmatter, result.display, new NoteIdRegistry(() => false), (d) => found.push(d));
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
      found.push(error.diagnostic);
    }
    try {
      await (isMdxPath(absolute) ? processors.mdx : processors.markdown).run(parsed.tree as never, parsed.file);
    } catch (error) {
      found.push(parseErrorDiagnostic(error, result.display, read.text));
    }
  };
  return async (absolute) => {
    const result: NoteCheck = { file: absolute, display: displayPath(absolute, root), diagnostics: (sink = []) };
    const { used, elsewhere } = await recordNoteUse(() => check(absolute, result));
    result.used = used.filter((file) => file !== absolute);
    result.elsewhere = elsewhere;
    return result;
  };
}

/** Only the id of a note that is not reported on (for URL clashes): no Markdown parsing. */
export function lightCheck(absolute: string, contentDir: string, root: string = projectRoot()): NoteCheck {
  const display = displayPath(absolute, root);
  const result: NoteCheck = { file: absolute, display, diagnostics: [] };
  try {
    const { frontmatter } = parseFrontmatter(readFileSync(absolute, 'utf8'), { frontmatter: 'empty-with-spaces' });
    result.id = checkNoteSource(absolute, path.relative(contentDir, absolute), frontmatter, display, new NoteIdRegistry(() => false), () => {});
  } catch {
    // reported when that note itself is checked
  }
  return result;
}
