// ```` ```mermaid ```` blocks become diagrams.
//
// At build time (the default when a Chromium is found): mermaid-isomorphic renders each diagram
// twice in headless Chromium, with Mermaid's `default` and `dark` themes, and both SVGs go inline
// into the page (`.mermaid-light` / `.mermaid-dark`; markdown-extras.css shows the one that
// matches the page's theme). The page loads no script.
//
// In the browser (`mode: 'client'`, NOTES_MERMAID=client, or no Chromium found): the block stays
// as its source in a `.mermaid-client` container and the note is marked so that its page loads
// Mermaid's script, which renders the diagram when it scrolls into view.
//
// A diagram that does not parse shows its source with the parser's message, and a warning with
// the note's file and the block's line. Runs in remark, before Astro's syntax highlighting.

import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Code, Root, RootContent } from 'mdast';
// Loaded only when a diagram renders: mermaid-isomorphic brings Playwright (~0.5 s to import), which
// `npm run check` and notes without diagrams never need.
import type { MermaidRenderer, RenderResult } from 'mermaid-isomorphic';
import { walk } from '../syntax/walk.ts';
import type { VFile } from 'vfile';
import { FONT_FAMILY, PRETENDARD_FAMILY, planFont, sliceFile } from '../core/font-slices.ts';
import { markFeature } from './note-features.ts';
import { sourceMayMatch } from './source-text.ts';
import { reporterFor, type ReportOptions } from './report.ts';

export type MermaidMode = 'auto' | 'build' | 'client';

export interface RemarkMermaidOptions extends ReportOptions {
  /**
   * `build`: SVG at build time (a missing Chromium is an error); `client`: in the browser;
   * `auto` (default): build time when a Chromium is found, else the browser.
   * Default from NOTES_MERMAID, else `auto`.
   */
  mode?: MermaidMode;
  /** Chromium to render with (default: MERMAID_CHROMIUM_PATH, CHROMIUM_PATH, then system paths). */
  executablePath?: string;
}

export const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium to render diagrams with, or undefined when there is none. */
export function findChromium(env: Record<string, string | undefined> = process.env): string | undefined {
  const candidates = [env.MERMAID_CHROMIUM_PATH, env.CHROMIUM_PATH, ...SYSTEM_CHROMIUMS];
  for (const candidate of candidates) {
    if (!candidate?.trim()) continue;
    try {
      accessSync(candidate.trim(), constants.X_OK);
      return candidate.trim();
    } catch {
      // try the next one
    }
  }
  return undefined;
}

const renderers = new Map<string, Promise<MermaidRenderer>>();

/** One renderer per Chromium; it keeps one browser open while diagrams render, then closes it. */
function rendererFor(executablePath: string): Promise<MermaidRenderer> {
  let renderer = renderers.get(executablePath);
  if (!renderer) {
    renderer = import('mermaid-isomorphic').then(({ createMermaidRenderer }) =>
      createMermaidRenderer({
        launchOptions: {
          executablePath,
          headless: true,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
        },
      }),
    );
    renderers.set(executablePath, renderer);
  }
  return renderer;
}

const THEMES = [
  { name: 'light', mermaidTheme: 'default' },
  { name: 'dark', mermaidTheme: 'dark' },
] as const;

/**
 * The site's own font first (its pages serve it for every character of the notes, diagram labels
 * included); then Pretendard, which the renderer's page declares (its unmodified slices) and whose
 * glyphs and widths the site's files keep, so labels are measured and drawn alike whatever fonts
 * the build machine has; then mermaid-isomorphic's default and the Korean system fonts readers have.
 */
export const MERMAID_FONTS = `'${FONT_FAMILY}', '${PRETENDARD_FAMILY}', arial, 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans KR', 'Noto Sans CJK KR', sans-serif`;

/**
 * A stylesheet that gives the renderer's page the site's font for the characters of `sources`
 * (only the slices they use), as a file named by its content (so it is never stale).
 */
export function diagramFontCss(sources: readonly string[]): string {
  const { css } = planFont(sources.join('\n'));
  const absolute = css.replace(/url\((\d+)\.woff2\)/g, (_, id: string) => `url("${pathToFileURL(sliceFile(Number(id))).href}")`);
  const file = path.join(tmpdir(), `notes-mermaid-font-${createHash('sha256').update(absolute).digest('hex').slice(0, 16)}.css`);
  if (!existsSync(file)) {
    // Written whole, then renamed: another render thread may be reading it.
    const partial = `${file}.${process.pid}.${threadId}`;
    writeFileSync(partial, absolute);
    renameSync(partial, file);
  }
  return pathToFileURL(file).href;
}

let warnedFallback = false;

export default function remarkMermaid(options: RemarkMermaidOptions = {}) {
  const mode: MermaidMode = options.mode ?? modeFromEnv(process.env.NOTES_MERMAID);
  const executablePath = mode === 'client' ? undefined : (options.executablePath ?? findChromium());
  if (mode === 'build' && !executablePath) {
    throw new Error('Mermaid diagrams are set to render at build time (NOTES_MERMAID=build) but no Chromium was found; set CHROMIUM_PATH');
  }

  return async function transform(tree: Root, file: VFile): Promise<undefined> {
    if (!sourceMayMatch(file, /mermaid|&#/i)) return;
    const blocks: { node: Code; parent: { children: RootContent[] }; index: number }[] = [];
    walk(tree, 'code', (node: Code, index, parent) => {
      if (node.lang?.toLowerCase() === 'mermaid' && parent && index !== undefined) {
        blocks.push({ node, parent: parent as { children: RootContent[] }, index });
      }
    });
    if (blocks.length === 0) return;
    const warn = reporterFor(file, options);

    let rendered: PromiseSettledResult<RenderResult>[][] | undefined;
    if (executablePath) {
      const sources = blocks.map((b) => b.node.value);
      try {
        const renderer = await rendererFor(executablePath);
        const fontCss = diagramFontCss(sources);
        rendered = await Promise.all(
          THEMES.map((theme) =>
            renderer(sources, {
              prefix: `user-content-mermaid-${theme.name}`,
              css: fontCss,
              mermaidConfig: { theme: theme.mermaidTheme, fontFamily: MERMAID_FONTS },
            }),
          ),
        );
      } catch (error) {
        if (mode === 'build') throw error;
        if (!warnedFallback) {
          warnedFallback = true;
          console.warn(`[mermaid] build-time rendering failed (${(error as Error).message.split('\n')[0]}); diagrams render in the browser instead`);
        }
      }
    }

    blocks.forEach(({ node, parent }, i) => {
      const index = parent.children.indexOf(node);
      let replacement: Element;
      const light = rendered?.[0]?.[i];
      const dark = rendered?.[1]?.[i];
      if (!rendered) {
        markFeature(file, 'mermaid-client');
        replacement = clientContainer(node.value);
      } else if (light?.status === 'fulfilled' && dark?.status === 'fulfilled') {
        markFeature(file, 'mermaid');
        replacement = svgContainer(light.value, dark.value);
      } else {
        const reason = light?.status === 'rejected' ? light.reason : dark?.status === 'rejected' ? dark.reason : undefined;
        const detail = errorSummary(reason);
        const line = node.position?.start.line;
        warn({
          code: 'mermaid-error',
          ...(line ? { line } : {}),
          message: `Mermaid diagram does not parse: ${detail}`,
          hint: 'fix the diagram (check it at mermaid.live); the page shows its source until then',
        });
        replacement = errorContainer(node.value, detail);
      }
      parent.children.splice(index, 1, {
        type: 'mermaidDiagram',
        data: { hName: replacement.tagName, hProperties: replacement.properties, hChildren: replacement.children },
      } as unknown as RootContent);
    });
  };
}

function modeFromEnv(value: string | undefined): MermaidMode {
  const v = (value ?? '').trim().toLowerCase();
  return v === 'client' || v === 'build' ? v : 'auto';
}

/**
 * Mermaid's message in one line: `Parse error: Expecting 'AMP', … got 'EOF'`. Its "on line N"
 * counts lines of Mermaid's own preprocessed text, so it is left out: the warning gives the
 * block's line in the note instead.
 */
export function errorSummary(reason: unknown): string {
  const text = (reason instanceof Error ? reason.message : String(reason ?? 'unknown error')).trim();
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const first = (lines[0] ?? 'unknown error').replace(/ on line \d+:?$/, '');
  return lines.length > 1 ? `${first}: ${lines[lines.length - 1]}` : first;
}

function h(tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}

function svgTree(svg: string): ElementContent[] {
  return fromHtml(svg, { fragment: true }).children as ElementContent[];
}

function svgContainer(light: RenderResult, dark: RenderResult): Element {
  const label = light.title ?? '다이어그램';
  return h('figure', { className: ['mermaid-diagram'], dataMermaid: 'svg', ariaLabel: label }, [
    h('div', { className: ['mermaid-light'] }, svgTree(light.svg)),
    h('div', { className: ['mermaid-dark'] }, svgTree(dark.svg)),
  ]);
}

function clientContainer(source: string): Element {
  return h('figure', { className: ['mermaid-diagram', 'mermaid-client'], dataMermaid: 'client', ariaLabel: '다이어그램' }, [
    // A bare <pre> (no <code>): Astro's highlighter leaves it as it is, for the script to read.
    h('pre', { className: ['mermaid-source'] }, [text(source)]),
  ]);
}

function errorContainer(source: string, detail: string): Element {
  return h('figure', { className: ['mermaid-diagram', 'mermaid-error'], dataMermaid: 'error' }, [
    h('figcaption', { className: ['mermaid-error-message'] }, [text(`다이어그램을 그리지 못했습니다. ${detail}`)]),
    h('pre', { className: ['mermaid-source'] }, [h('code', { className: ['language-mermaid'] }, [text(source)])]),
  ]);
}
