// What the site's plugins record on a rendered note, in one typed place. Astro keeps a render's
// `file.data.astro.frontmatter` with the note (cached between builds) and hands it back as the
// page's `remarkPluginFrontmatter` (`entry.rendered.metadata.frontmatter`): the plugins write
// here through renderData(file), and every reader reads through readRenderData.
import type { VFile } from 'vfile';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { HeadingInfo } from '../syntax/headings.ts';
import type { KeptFragmentCheck } from './link-resolution.ts';
import type { RenderDependencies } from './render-dependencies.ts';
import type { HeadingSummary } from './note-title.ts';

/** What a page needs of its headings (serialisable). */
export type NoteHeading = Pick<HeadingInfo, 'depth' | 'id' | 'text' | 'omitted' | 'topLevel' | 'raw' | 'line'>;

/** What a note's page loads beyond its HTML (src/markdown/note-features.ts). */
export type NoteFeature = 'math' | 'mermaid' | 'mermaid-client';
export type NoteFeatures = Partial<Record<NoteFeature, true>>;

export interface NoteRenderData {
  /** Every heading, in document order (remark-heading-ids). */
  noteHeadings?: NoteHeading[];
  /** Every id on the page: links from other notes are checked against these (remark-heading-ids). */
  noteIds?: string[];
  /** Title, h1 flag and excerpt for the note index (remark-note-summary). */
  noteSummary?: HeadingSummary;
  /** What the page must load (note-features.ts markFeature). */
  noteFeatures?: NoteFeatures;
  /** What the plugins reported, replayed by the page when the render comes from the cache (report.ts). */
  noteDiagnostics?: Diagnostic[];
  /** Links into other notes' headings, checked when the pages render (remark-note-links). */
  noteFragmentChecks?: KeptFragmentCheck[];
  /** What the files and notes it links to or embeds were when it rendered (remark-note-links). */
  noteDependencies?: RenderDependencies;
  /** A stand-in, stored while the dev server renders the note after it started (site/dev-renders.ts). */
  notePending?: true;
}

/** The render data of the note being rendered, for a plugin to add to. */
export function renderData(file: VFile): NoteRenderData {
  const astro = ((file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro ??= {});
  return (astro.frontmatter ??= {}) as NoteRenderData;
}

/** A rendered note's data, from its `remarkPluginFrontmatter` (empty when there is none). */
export function readRenderData(frontmatter: Record<string, unknown> | undefined): NoteRenderData {
  return (frontmatter ?? {}) as NoteRenderData;
}

/** The render data of a collection entry's stored render (`entry.rendered`), if it has one. */
export function entryRenderData(rendered: unknown): NoteRenderData {
  return readRenderData((rendered as { metadata?: { frontmatter?: Record<string, unknown> } } | undefined)?.metadata?.frontmatter);
}

/** Whether a stored render is the dev server's stand-in for a note not rendered yet. */
export function isPendingRender(rendered: unknown): boolean {
  return entryRenderData(rendered).notePending === true;
}
