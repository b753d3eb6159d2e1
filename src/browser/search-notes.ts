// One search as the dialog runs it (src/browser/search.ts), over Pagefind's browser API: the
// query parsed for Korean (src/browser/korean-search.ts), Pagefind's results checked to hold every
// query word, and each note's sections and excerpts found in its own words. No DOM access: the
// Node test helper (tests/helpers/pagefind.ts) runs the same code.
import { buildExcerpt, parseQuery, termHits, textHasTerm, visibleText, type ParsedQuery } from './korean-search.ts';
import type { Pagefind, PagefindResultData, PagefindSubResult } from './search-render.ts';

/** Pagefind options the site searches with. exactDiacritics: Pagefind would otherwise compare
 * Hangul letter by letter, and `저자` would find `저장` (ㅈㅓㅈㅏ is a prefix of ㅈㅓㅈㅏㅇ). */
export const PAGEFIND_OPTIONS = { excerptLength: 24, exactDiacritics: true } as const;

type Anchor = NonNullable<PagefindSubResult['anchor']>;

/** The fragment fields Pagefind's `data()` gives beyond what the result list shows. */
interface Fragment extends PagefindResultData {
  content: string;
  locations: number[];
  anchors?: Anchor[];
}

export type NotesSearch =
  | { kind: 'hint'; reason: NonNullable<ParsedQuery['reason']> }
  | { kind: 'results'; terms: string[]; total: number; notes: PagefindResultData[] };

/** Searches for what the reader typed; at most `max` notes, with their sections and excerpts. */
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
  return { kind: 'results', terms, total, notes: notes.map((d) => withExcerpts(d, terms)) };
}

/** A page URL with a heading's id as its fragment, percent-encoded as Pagefind does. */
function anchorUrl(url: string, id: string): string {
  const u = new URL(url, 'https://example.com');
  u.hash = id;
  return /^https?:\/\//.test(url) ? u.href : `${u.pathname}${u.search}${u.hash}`;
}

/**
 * The note's sections (headings) whose words hold a query term, each with an excerpt, and the
 * note's own excerpt. Found in the note's text rather than from Pagefind's word locations: those
 * point at the indexing tokens, which are indexed once per page.
 */
function withExcerpts(data: Fragment, terms: string[]): PagefindResultData {
  const length = PAGEFIND_OPTIONS.excerptLength;
  const hits = termHits(data.content, terms);
  const locations = hits.length > 0 ? hits : data.locations;
  const headings = (data.anchors ?? []).filter((a) => /^h[1-6]$/i.test(a.element)).sort((a, b) => a.location - b.location);
  const sub_results: PagefindSubResult[] = [];
  headings.forEach((anchor, i) => {
    const to = headings[i + 1]?.location ?? Number.POSITIVE_INFINITY;
    const inside = locations.filter((l) => l >= anchor.location && l < to);
    if (inside.length === 0) return;
    sub_results.push({
      title: visibleText(anchor.text ?? ''),
      url: anchorUrl(data.url, anchor.id),
      anchor,
      locations: inside,
      excerpt: buildExcerpt(data.content, inside, terms, { length, from: anchor.location, ...(Number.isFinite(to) ? { to } : {}) }),
    });
  });
  return { ...data, excerpt: buildExcerpt(data.content, locations, terms, { length }), sub_results };
}
