// The note title taken from its first top-level h1, read through the shared heading model
// (src/syntax/headings.ts firstH1Text), so titles follow exactly the omit-marker and text rules the TOC uses.
import { firstH1Text, headingModel, type HeadingInfo, type HeadingModel } from '../syntax/headings.ts';
import { parseNote } from '../syntax/parse.ts';
import { excerptOf } from './note-excerpt.ts';

export interface HeadingSummary {
  /** Text of the first depth-1 heading that is a direct child of the document, trimmed. */
  firstH1Text?: string;
  /** Whether the note has an h1 anywhere (Markdown heading or an `<h1>` element). */
  hasAnyH1: boolean;
  /** The first prose paragraph, as one line of plain text (src/notes/note-excerpt.ts). */
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

/** The summary from a note's headings (in document order) and excerpt. */
export function summarize(headings: ReadonlyArray<Pick<HeadingInfo, 'depth' | 'topLevel' | 'raw' | 'text'>>, excerpt: string | undefined): HeadingSummary {
  const summary: HeadingSummary = { hasAnyH1: headings.some((h) => h.depth === 1) };
  if (excerpt) summary.excerpt = excerpt;
  const title = firstH1Text(headings);
  if (title !== undefined) summary.firstH1Text = title;
  return summary;
}

/**
 * The summary of a note's body, parsed on its own. The build takes it from the note's render
 * instead (remark-note-summary); this is for notes without one (MDX, the note index's tests).
 */
export function headingSummary(body: string, isMdx: boolean): HeadingSummary {
  const parsed = model(body, isMdx);
  return parsed ? summarize(parsed.model.headings, parsed.excerpt) : { hasAnyH1: false };
}

/**
 * The title from the note body: the first top-level h1's text with the omit marker removed and
 * trimmed; `undefined` when there is none or it has no text.
 */
export function firstHeadingTitle(body: string, isMdx: boolean): string | undefined {
  return headingSummary(body, isMdx).firstH1Text || undefined;
}
