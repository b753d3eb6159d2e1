// The "omit in toc" markers of Markdown All in One (MAIO), recognised the way MAIO does:
// by the text of the heading's source line and of the line directly above it.
// MDX cannot hold HTML comments, so there the same words go in an expression comment.

/** The exact marker texts, per syntax. Case-sensitive, single spaces. */
export const HTML_MARKERS = ['<!-- omit in toc -->', '<!-- omit from toc -->'] as const;
export const MDX_MARKERS = ['{/* omit in toc */}', '{/* omit from toc */}'] as const;
/** The value of an MDX expression node that holds a marker (what is between the braces). */
export const MDX_MARKER_VALUES = ['/* omit in toc */', '/* omit from toc */'] as const;

const LOOKALIKE = /omit\s*(?:in|from)\s*toc/i;

export type OmitMarkerPlace = 'trailing' | 'above';

export interface OmitVerdict {
  omitted: boolean;
  /** Where the real marker is, when omitted. */
  place?: OmitMarkerPlace;
  /** A line that looks like a marker but is not one (MAIO ignores it): the line number and text. */
  lookalike?: { line: number; text: string };
}

function markersFor(mdx: boolean): readonly string[] {
  return mdx ? MDX_MARKERS : HTML_MARKERS;
}

/** Trailing blanks (space, tab, CR) only: MAIO trims the line end before it compares. */
function trimEnd(line: string): string {
  return line.replace(/[ \t\r]+$/, '');
}

/**
 * Decide whether a heading is omitted from the TOC.
 * `lines` are the file's lines (no line terminators); `firstLine`/`lastLine` are the 1-based
 * lines of the heading (for a setext heading, the text lines; the underline is not included).
 */
export function omitVerdict(lines: readonly string[], firstLine: number, lastLine: number, mdx: boolean): OmitVerdict {
  const markers = markersFor(mdx);
  const own = trimEnd(lines[lastLine - 1] ?? '');
  if (markers.some((m) => own.endsWith(m))) return { omitted: true, place: 'trailing' };

  const aboveIndex = firstLine - 2;
  const above = aboveIndex >= 0 ? (lines[aboveIndex] ?? '').replace(/\r$/, '') : undefined;
  if (above !== undefined && markers.includes(above)) return { omitted: true, place: 'above' };

  // Look-alikes: the words in a comment on the heading line or on the line directly above.
  if (LOOKALIKE.test(own) && /<!--|\/\*/.test(own)) return { omitted: false, lookalike: { line: lastLine, text: own.trim() } };
  if (above !== undefined && LOOKALIKE.test(above) && /<!--|\/\*/.test(above)) {
    return { omitted: false, lookalike: { line: firstLine - 1, text: above.trim() } };
  }
  return { omitted: false };
}

/** Whether an mdast `html` value (or MDX expression value) is exactly a marker. */
export function isMarkerNodeValue(type: string, value: string): boolean {
  if (type === 'html') return (HTML_MARKERS as readonly string[]).includes(value.trim());
  if (type === 'mdxTextExpression' || type === 'mdxFlowExpression') {
    return (MDX_MARKER_VALUES as readonly string[]).includes(value.trim());
  }
  return false;
}

/** Whether a stand-alone comment line looks like a marker (to warn about one that has no effect). */
export function looksLikeMarker(text: string): boolean {
  return LOOKALIKE.test(text);
}

/** The marker a note of this kind should use, for hints. */
export function markerFor(mdx: boolean): string {
  return mdx ? MDX_MARKERS[0] : HTML_MARKERS[0];
}
