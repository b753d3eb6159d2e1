// What a rendered note needs from its page beyond plain HTML, recorded by the plugins on the
// note's frontmatter (`noteFeatures`, read back as `remarkPluginFrontmatter` by the note page):
//   math            KaTeX markup: the page links KaTeX's stylesheet (fonts included)
//   mermaid         diagrams rendered to SVG at build time: nothing to load
//   mermaid-client  diagrams left for the browser: the page loads Mermaid's script
// Notes without any of these pay nothing.

import type { VFile } from 'vfile';
import { readRenderData, renderData, type NoteFeature, type NoteFeatures } from '../notes/render-data.ts';

export type { NoteFeature, NoteFeatures };

export function markFeature(file: VFile, feature: NoteFeature): void {
  (renderData(file).noteFeatures ??= {})[feature] = true;
}

/** The features recorded on a rendered note's frontmatter (empty when none). */
export function noteFeatures(frontmatter: Record<string, unknown> | undefined): NoteFeatures {
  const value = readRenderData(frontmatter).noteFeatures;
  return value && typeof value === 'object' ? value : {};
}
