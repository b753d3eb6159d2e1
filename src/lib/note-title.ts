// The note title taken from its first top-level h1, read through the shared heading model
// (src/markdown/), so titles follow exactly the omit-marker and text rules the TOC uses.
import { firstH1Title, headingModel, type HeadingModel } from '../markdown/headings.ts';
import { parseNote } from '../markdown/parse.ts';
import { excerptOf } from './note-excerpt.ts';

export interface HeadingSummary {
  /** Text of the first depth-1 heading that is a direct child of the document, trimmed. */
  firstH1Text?: string;
  /** Whether the note has an h1 anywhere (Markdown heading or an `<h1>` element). */
  hasAnyH1: boolean;
  /** The first prose paragraph, as one line of plain text (src/lib/note-excerpt.ts). */
  excerpt?: string;
}

function model(body: string, isMdx: boolean): { model: HeadingModel; excerpt: string | undefined } | undefined {
  try {
    const { tree, file } = parseNote(body, isMdx ? 'note.mdx' : 'note.md');
    return { model: headingModel(tree, file, { mdx: isMdx }), excerpt: excerptOf(tree) };
  } catch {
    // An MDX syntax error: the build reports it when it compiles the note; no title from here.
    return undefined;
  }
}

export function headingSummary(body: string, isMdx: boolean): HeadingSummary {
  const parsed = model(body, isMdx);
  if (!parsed) return { hasAnyH1: false };
  const m = parsed.model;
  const summary: HeadingSummary = { hasAnyH1: m.headings.some((h) => h.depth === 1) };
  if (parsed.excerpt) summary.excerpt = parsed.excerpt;
  const title = firstH1Title(m);
  if (title !== undefined) summary.firstH1Text = title;
  else if (m.headings.some((h) => h.depth === 1 && h.topLevel && !h.raw)) summary.firstH1Text = '';
  return summary;
}

/**
 * The title from the note body: the first top-level h1's text with the omit marker removed and
 * trimmed; `undefined` when there is none or it has no text.
 */
export function firstHeadingTitle(body: string, isMdx: boolean): string | undefined {
  return headingSummary(body, isMdx).firstH1Text || undefined;
}
