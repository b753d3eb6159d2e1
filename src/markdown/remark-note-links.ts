// Links between notes, written as GitHub resolves them, become the site's URLs under the base:
//   [다음 장](./02-의미-기반-검색.md#벡터-검색)  →  /repo/의미-기반-검색/#벡터-검색
// and every internal link is checked against the note graph (src/notes/note-graph.ts): the note
// must exist (and be published), the fragment must be an id on its page (decoded, NFC), the path
// must stay inside the notes folder and not be a path on the author's computer. Problems are
// warnings with file, line and the nearest existing target: the build goes on (strict mode fails).
//   - `#fragment` links on the same page: left to remark-check-fragments.
//   - Images: co-located images (`./images/fig.png`) keep a path relative to the note, spelt as the
//     file is on disk (NFD names too), so Astro imports them (served hashed, with width and height);
//     a missing image is reported and shown as its alt text, so the rest of the site still builds.
//   - Links to other files in the notes folder (a PDF) go to their copy under `<base>_files/`
//     (src/integrations/note-links.ts copies them).
//   - External links (`https:`, `mailto:`) are left alone.
// Notes outside the content directory (plugin fixtures) are left alone.
import path from 'node:path';
import type { Root, Text } from 'mdast';
import type {} from 'mdast-util-mdx';
import { SKIP, walk } from '../syntax/walk.ts';
import type { VFile } from 'vfile';
import { getNoteGraph, refreshNoteGraph } from '../notes/note-graph.ts';
import { resolveLink, splitUrl, type LinkContext, type LinkProblem, type ResolvedLink } from '../notes/link-resolution.ts';
import { contentDir as defaultContentDir, projectRoot } from '../core/project.ts';
import { runMode } from '../core/run-mode.ts';
import { renderData } from '../notes/render-data.ts';
import { DependencyRecorder } from '../notes/render-dependencies.ts';
import { locatorFor, reporterFor, type ReportOptions } from './report.ts';

export interface RemarkNoteLinksOptions extends ReportOptions {
  /** The notes folder (default: src/core/project.ts contentDir()). */
  contentDir?: string;
  /** The project root (default: the working directory). */
  root?: string;
  /** The site's base (default `/`; the build passes astro.config.mjs's, from src/core/site-address.ts). */
  base?: string;
  /** Links to drafts are fine (default: in the dev server only). */
  includeDrafts?: boolean;
  /**
   * Keep `#fragment` links into other notes on the rendered note (`noteFragmentChecks`) instead
   * of parsing the linked note for its ids; the page checks them (replayFragmentChecks) once every
   * note has rendered. The build does this; `npm run check` and tests check at once.
   */
  deferFragments?: boolean;
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export default function remarkNoteLinks(options: RemarkNoteLinksOptions = {}) {
  return function transform(tree: Root, file: VFile): undefined {
    if (!file.path) return;
    const from = path.resolve(file.path);
    const dir = path.resolve(options.contentDir ?? defaultContentDir());
    if (!isInside(dir, from)) return;
    const root = options.root ?? projectRoot();
    const warn = reporterFor(file, options);
    const context: LinkContext = {
      graph: getNoteGraph(dir, root),
      from,
      base: options.base ?? '/',
      // Drafts are pages in the dev server only (as src/site/note-collection.ts lists them): links to them too.
      includeDrafts: options.includeDrafts ?? runMode() === 'dev',
      ...(options.deferFragments ? { deferFragments: true } : {}),
    };
    const locate = locatorFor(file);
    const keep = (at: { line?: number | undefined; column?: number | undefined }, result: ResolvedLink) => {
      if (result.kind !== 'note' || !result.check) return;
      const kept = (renderData(file).noteFragmentChecks ??= []);
      const { file: where, line, column } = locate({ code: 'missing-heading', message: '', ...(at.line ? { line: at.line } : {}), ...(at.column ? { column: at.column } : {}) });
      kept.push({ ...result.check, at: { file: where, ...(line ? { line } : {}), ...(column ? { column } : {}) } });
    };
    const resolveNow = (url: string): ResolvedLink => {
      const first = resolveLink(url, context);
      if (first.kind !== 'problem' || first.code === 'missing-heading') return first;
      // A file added since the graph was built (dev server)?
      const graph = refreshNoteGraph(context.graph);
      if (graph === context.graph) return first;
      context.graph = graph;
      return resolveLink(url, context);
    };
    // What the rendered note depends on, kept with it (render-dependencies.ts).
    const dependencies = new DependencyRecorder(() => context.graph);
    const resolve = (url: string): ResolvedLink => {
      const result = resolveNow(url);
      if (result.kind === 'file') dependencies.file(result.file);
      // A link to nothing may lead somewhere once a file appears (a missing heading: see noteIds).
      else if (result.kind === 'problem' && result.code !== 'missing-heading') dependencies.listing();
      return result;
    };

    // Definitions used by image references are image sources.
    const imageIds = new Set<string>();
    walk(tree, 'imageReference', (node) => {
      imageIds.add(node.identifier);
    });

    const report = (at: { line?: number | undefined; column?: number | undefined }, result: LinkProblem, image: boolean) => {
      const missingImage = image && (result.code === 'missing-file' || result.code === 'missing-note');
      warn({
        code: missingImage ? 'missing-image' : result.code,
        ...(at.line ? { line: at.line } : {}),
        ...(at.column ? { column: at.column } : {}),
        message: missingImage ? result.message.replace(/^link /, 'image ').replace('leads to no file', 'is not there') : result.message,
        ...(result.hint ? { hint: result.hint } : {}),
      });
    };

    /**
     * A URL in raw HTML (`<img src="./images/fig.png" width="400">`, common in READMEs to size an
     * image) or in an MDX element: the browser resolves it against the page's URL, not the note's
     * file, so every internal one is rewritten. Images there are served as they are (the copy
     * under `_files/`): Astro optimises Markdown images only.
     */
    const rewriteRaw = (url: string, image: boolean, at: { line?: number | undefined; column?: number | undefined }): string => {
      const result = resolve(url);
      switch (result.kind) {
        case 'external':
        case 'same-page':
          return url;
        case 'note':
          keep(at, result);
          return result.href;
        case 'site':
          return result.href;
        case 'file': {
          const { rawFragment } = splitUrl(url);
          return `${result.href}${rawFragment !== undefined ? `#${rawFragment}` : ''}`;
        }
        case 'problem':
          report(at, result, image);
          return url;
      }
    };

    // (Within observe: the notes the resolver relies on are recorded too.)
    dependencies.observe(() => walk(tree, (node, index, parent) => {
      if (node.type === 'html') {
        node.value = rewriteHtml(node.value, node.position?.start, rewriteRaw);
        return;
      }
      if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        for (const attribute of node.attributes) {
          if (attribute.type !== 'mdxJsxAttribute' || typeof attribute.value !== 'string') continue;
          if (attribute.name !== 'href' && attribute.name !== 'src') continue;
          const at = attribute.position?.start ?? node.position?.start;
          attribute.value = rewriteRaw(attribute.value, attribute.name === 'src', { line: at?.line, column: at?.column });
        }
        return;
      }
      if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
      const image = node.type === 'image' || (node.type === 'definition' && imageIds.has(node.identifier));
      const result = resolve(node.url);
      switch (result.kind) {
        case 'external':
        case 'same-page':
          return;
        case 'note':
          keep({ line: node.position?.start.line, column: node.position?.start.column }, result);
          node.url = result.href;
          return;
        case 'site':
          node.url = result.href;
          return;
        case 'file': {
          // Astro imports a relative image (hashed file, width and height); other files are copied.
          // A fragment stays (`#gh-dark-mode-only` for remark-theme-images, `#page=2` for a PDF).
          const { rawFragment } = splitUrl(node.url);
          const hash = rawFragment !== undefined ? `#${rawFragment}` : '';
          node.url = image ? `${result.relFromNote.startsWith('.') ? '' : './'}${result.relFromNote}${hash}` : `${result.href}${hash}`;
          return;
        }
        case 'problem':
          report({ line: node.position?.start.line, column: node.position?.start.column }, result, image);
          if (node.type === 'image' && parent && index !== undefined) {
            // Astro would fail the whole build on an image it cannot import: show the alt text.
            const text: Text = { type: 'text', value: node.alt ?? '' };
            if (node.position) text.position = node.position;
            parent.children.splice(index, 1, text as never);
            return [SKIP, index + 1];
          }
          if (image && node.type === 'definition') node.url = '';
          return;
      }
    }));
    renderData(file).noteDependencies = dependencies.result();
  };
}

/** `src`/`href` attributes in raw HTML, quoted either way (also unquoted, as HTML allows). */
const HTML_URL_ATTRIBUTE = /(<[a-zA-Z][^>]*?\s)(src|href)(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;

/** Rewrite the internal URLs in a raw HTML fragment; positions are the file's. */
export function rewriteHtml(
  html: string,
  start: { line: number; column: number } | undefined,
  rewrite: (url: string, image: boolean, at: { line?: number | undefined; column?: number | undefined }) => string,
): string {
  return html.replace(HTML_URL_ATTRIBUTE, (whole, tag: string, name: string, eq: string, dq?: string, sq?: string, bare?: string, offset?: number) => {
    const url = dq ?? sq ?? bare ?? '';
    const before = html.slice(0, (offset ?? 0) + tag.length);
    const lines = before.split('\n');
    const at = start
      ? { line: start.line + lines.length - 1, column: lines.length > 1 ? lines.at(-1)!.length + 1 : start.column + before.length }
      : {};
    const image = name === 'src' && /^<img\b/i.test(tag);
    const next = rewrite(url, image, at);
    if (next === url) return whole;
    const quote = sq !== undefined ? "'" : '"';
    return `${tag}${name}${eq}${quote}${next.replaceAll(quote, quote === '"' ? '&quot;' : '&#39;')}${quote}`;
  });
}
