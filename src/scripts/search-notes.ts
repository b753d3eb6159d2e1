// One search as the dialog runs it (src/scripts/search.ts), over Pagefind's browser API: the
// query parsed for Korean (src/lib/korean-search.ts), Pagefind's results checked to hold every
// query word, and excerpts rebuilt from the note's own words. No DOM access: the Node test helper
// (tests/helpers/pagefind.ts) runs the same code.
import { buildExcerpt, parseQuery, textHasTerm, visibleText, type ParsedQuery } from '../lib/korean-search.ts';
import type { Pagefind, PagefindResultData, PagefindSubResult } from './search-render.ts';

/** Pagefind options the site searches with. exactDiacritics: Pagefind would otherwise compare
 * Hangul letter by letter, and `저자` would find `저장` (ㅈㅓㅈㅏ is a prefix of ㅈㅓㅈㅏㅇ). */
export const PAGEFIND_OPTIONS = { excerptLength: 24, exactDiacritics: true } as const;

/** The fragment fields Pagefind's `data()` gives beyond what the result list shows. */
interface Fragment extends PagefindResultData {
  content: string;
  locations: number[];
  anchors?: { element: string; id: string; text?: string; location: number }[];
}

export type NotesSearch =
  | { kind: 'hint'; reason: NonNullable<ParsedQuery['reason']> }
  | { kind: 'results'; terms: string[]; total: number; notes: PagefindResultData[] };

/** A heading's text as Pagefind stored it, without indexing tokens. */
const cleanTitle = (title: string) => visibleText(title);

/** Searches for what the reader typed; at most `max` notes, with clean excerpts. */
export async function searchNotes(pf: Pagefind, input: string, max: number): Promise<NotesSearch> {
  const parsed = parseQuery(input);
  if (parsed.terms.length === 0) return { kind: 'hint', reason: parsed.reason ?? 'empty' };
  const { terms } = parsed;
  const search = await pf.search(terms.join(' '));
  const results = search?.results ?? [];
  const loaded = (await Promise.all(results.slice(0, max).map((r) => r.data()))) as Fragment[];
  // Pagefind leaves out a query word it finds nowhere, and takes the longest indexed word that
  // starts the query word when none continues it: such results miss a word of the query.
  const notes = loaded.filter((d) => terms.every((t) => textHasTerm(d.content, t)));
  const total = notes.length === loaded.length ? results.length : notes.length;
  return { kind: 'results', terms, total, notes: notes.map((d) => clean(d, terms)) };
}

function clean(data: Fragment, terms: string[]): PagefindResultData {
  const length = PAGEFIND_OPTIONS.excerptLength;
  const anchors = [...(data.anchors ?? [])].sort((a, b) => a.location - b.location);
  const sub_results: PagefindSubResult[] = data.sub_results.map((s) => {
    const from = s.anchor?.location ?? 0;
    const next = anchors.find((a) => a.location > from)?.location;
    return {
      ...s,
      title: cleanTitle(s.title),
      excerpt: buildExcerpt(data.content, s.locations ?? [], terms, { length, from: s.anchor ? from : 0, ...(s.anchor ? { to: next } : {}) }),
    };
  });
  return { ...data, excerpt: buildExcerpt(data.content, data.locations, terms, { length }), sub_results };
}
