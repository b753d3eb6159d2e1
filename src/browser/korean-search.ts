// Korean search on top of Pagefind, without a dictionary. Pure string code shared by the index
// build (Node) and the search dialog (browser bundle): it lives with the browser code, which
// imports nothing of the server side, and the index build (site/search-index.ts) imports it.
//
// Pagefind splits Korean only at whitespace and matches a query word as a PREFIX of indexed words,
// so `회귀` never finds `자기회귀`. Index side: every Hangul run in a word also gets its syllable
// suffixes of two or more syllables indexed as extra words (`자기회귀를` → `기회귀를`, `회귀를`),
// which turns prefix search into substring search. The extra words go only into the copy of the
// page Pagefind reads (never into the deployed HTML), each behind TOKEN_MARK, inside a span with a
// low data-pagefind-weight so a word standing alone outranks the same word inside a compound.
// Search side: the query is NFC-normalised and particles/endings are stripped (`트랜스포머의` →
// `트랜스포머`), excerpts are rebuilt from the note's own words (tokens dropped, the matched part
// of a compound highlighted), and results are checked to contain every query word (Pagefind
// drops a query word it cannot find, and falls back to shorter indexed words).

/** Starts every indexing token in Pagefind's stored text; not a letter, so Pagefind drops it from the indexed word. */
export const TOKEN_MARK = '⁅';

/** Weight of a token relative to the text it comes from (Pagefind's default is 1, headings 7 to 2). */
export const TOKEN_WEIGHT = 0.2;

/** Hangul syllables (U+AC00..U+D7A3): the only characters compound tokens are made of. */
const SYLLABLE = '[\\uAC00-\\uD7A3]';
const HANGUL_RUN = new RegExp(`${SYLLABLE}+`, 'g');
const HAS_HANGUL = new RegExp(SYLLABLE);
const TRAILING_HANGUL = new RegExp(`${SYLLABLE}+$`);
const ALNUM = /[\p{L}\p{N}]/u;

/**
 * The extra words to index for one whitespace-delimited word: the suffixes (two syllables or
 * more) of each run of Hangul syllables, and the whole run when letters
 * or digits stand before it in the word (`LLM기반` → `기반`), since Pagefind indexes that word
 * only from its start. A particle or ending on the run is left out of the suffixes (the query
 * loses it too), so `트랜스포머의` and `트랜스포머를` share `랜스포머`, `스포머`, `포머`; after an
 * ending that also ends many nouns, the two syllables across the cut are kept too (`학습효과` →
 * `효과`, `재정의` → `정의`).
 */
export function compoundTokens(word: string): string[] {
  const tokens: string[] = [];
  for (const match of word.matchAll(HANGUL_RUN)) {
    const run = match[0];
    const glued = ALNUM.test(word.slice(0, match.index));
    const first = glued ? 0 : 1;
    const stem = stripEnding(run, glued).length;
    for (let i = first; i <= stem - 2; i++) tokens.push(run.slice(i, stem));
    if (run.length - stem === 1 && NOUN_ENDS.has(run.slice(stem)) && stem - 1 >= first) tokens.push(run.slice(stem - 1));
  }
  return tokens;
}

// Elements Pagefind ends a word at (its SENTENCE_SELECTORS and br); other tags do not split words.
const BREAKING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'td', 'div', 'ul', 'li', 'article', 'section', 'br']);
// Elements whose text is never indexed or is not HTML text.
const RAW = new Set(['script', 'style', 'svg', 'textarea', 'title', 'template', 'noscript', 'math']);
const HEADING_WEIGHT: Record<string, number> = { h1: 7, h2: 6, h3: 5, h4: 4, h5: 3, h6: 2 };
const NBSP = /^&(nbsp|#160|#xa0);/i;
const IGNORED = /\sdata-pagefind-ignore[\s=>/]/i;
/** Characters that are neither a tag's start, an entity's, nor a space: each only lengthens the current word. */
const WORD_RUN = /[^<&\s\u00a0]+/y;
/** The start of the element Pagefind indexes (`data-pagefind-body`); group 1 is its tag name. */
export const PAGEFIND_BODY = /<([a-z][a-z0-9]*)[^>]*\sdata-pagefind-body(?=[\s=>/])/i;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Where the element named `name` whose content starts at `from` ends (after its closing tag). */
export function closingTagEnd(html: string, name: string, from: number): number {
  const tags = new RegExp(`<(/?)${name}(?=[\\s>/])[^>]*>`, 'gi');
  tags.lastIndex = from;
  let depth = 1;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return html.length;
}

/**
 * Adds the compound tokens of every word in the searchable part of a page (from the element with
 * `data-pagefind-body` on) to its HTML, as Pagefind should index it. Tokens follow the first
 * occurrence of their word (or the block it ends). Returns the HTML unchanged when it has no
 * searchable part.
 */
export function addSearchTokens(html: string, weight = TOKEN_WEIGHT): string {
  const bodyAt = html.search(PAGEFIND_BODY);
  if (bodyAt < 0) return html;
  const out: string[] = [html.slice(0, bodyAt)];
  let word = '';
  let headingWeight = 1;
  // Each token once per page and weight: enough to find the page and rank a heading's compound
  // above the body's; the dialog finds the sections and the words to mark in the note's own text.
  // Repeating it would double the index, and a repeated compound would outweigh a word that
  // stands alone.
  const seen = new Set<string>();
  const flush = () => {
    // Only Hangul makes tokens (compoundTokens).
    if (word && HAS_HANGUL.test(word)) {
      const w = Math.round(headingWeight * weight * 100) / 100;
      const tokens = [...new Set(compoundTokens(word))].filter((t) => !seen.has(`${w} ${t}`));
      for (const t of tokens) seen.add(`${w} ${t}`);
      if (tokens.length > 0) {
        out.push(` <span data-pagefind-weight="${w}">${tokens.map((t) => TOKEN_MARK + t).join(' ')}</span> `);
      }
    }
    word = '';
  };
  let i = bodyAt;
  let text = i;
  const n = html.length;
  let lower: string | undefined;
  while (i < n) {
    // A run of characters that only lengthen the word, at once.
    WORD_RUN.lastIndex = i;
    const run = WORD_RUN.exec(html);
    if (run) {
      word += run[0];
      i += run[0].length;
      continue;
    }
    const c = html[i]!;
    if (c === '<' && /[a-zA-Z/!]/.test(html[i + 1] ?? '')) {
      out.push(html.slice(text, i));
      if (html.startsWith('<!--', i)) {
        const end = html.indexOf('-->', i + 4);
        const stop = end < 0 ? n : end + 3;
        out.push(html.slice(i, stop));
        i = text = stop;
        continue;
      }
      // The tag, with quoted attribute values that may hold `>`.
      let j = i + 1;
      let quote = '';
      for (; j < n; j++) {
        const d = html[j]!;
        if (quote) {
          if (d === quote) quote = '';
        } else if (d === '"' || d === "'") quote = d;
        else if (d === '>') break;
      }
      const tag = html.slice(i, j + 1);
      const closing = tag[1] === '/';
      const name = /^<\/?([a-zA-Z][\w-]*)/.exec(tag)?.[1]?.toLowerCase() ?? '';
      // At a block's end the tokens go after it: inside, they would stand between the last word
      // and the full stop Pagefind adds to a block ending in a letter.
      if (BREAKING.has(name) && !closing) flush();
      out.push(tag);
      if (BREAKING.has(name) && closing) flush();
      i = text = j + 1;
      if (!closing && RAW.has(name) && !tag.endsWith('/>')) {
        lower ??= html.toLowerCase();
        const end = lower.indexOf(`</${name}`, i);
        const stop = end < 0 ? n : end;
        out.push(html.slice(i, stop));
        i = text = stop;
      } else if (!closing && IGNORED.test(tag) && !tag.endsWith('/>') && !VOID.has(name)) {
        // Pagefind leaves the element out (the table of contents, heading anchors): copied as is.
        const stop = closingTagEnd(html, name, i);
        out.push(html.slice(i, stop));
        i = text = stop;
      } else if (name in HEADING_WEIGHT) {
        headingWeight = closing ? 1 : HEADING_WEIGHT[name]!;
      }
      continue;
    }
    const space = /\s/.test(c) || c === '\u00a0';
    const nbsp = c === '&' ? NBSP.exec(html.slice(i, i + 8)) : null;
    if (space || nbsp) {
      out.push(html.slice(text, i));
      flush();
      text = i;
      i += nbsp ? nbsp[0].length : 1;
      continue;
    }
    word += c;
    i++;
  }
  out.push(html.slice(text));
  flush();
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// Queries

/**
 * Particles and endings stripped from the end of a query word, longest first. Stripping only
 * widens a search (the rest is a prefix of the word), so an ending that was really part of the
 * word costs precision, never recall; a rest of one syllable is kept whole (`차이`, `정의`).
 */
const ENDINGS = [
  '이라는', '이라고', '에서는', '에서도', '에서의', '으로는', '으로도', '으로서', '으로써', '으로의', '에게서',
  '이지만', '입니다', '합니다', '됩니다', '되었다', '하였다',
  '이며', '이고', '이다', '이나', '이란', '이라', '에서', '에게', '에는', '에도', '에의', '으로', '로는', '로도',
  '로서', '로써', '로의', '와는', '과는', '와의', '과의', '와도', '과도', '부터', '까지', '처럼', '보다', '마다',
  '조차', '만큼', '라는', '라고', '하기', '하는', '하고', '하여', '해서', '하면', '하며', '하지', '한다', '했다',
  '하다', '했던', '하던', '된다', '되는', '되어', '되고', '되며', '됐다', '시킨',
  '은', '는', '이', '가', '을', '를', '의', '에', '와', '과', '도', '만', '로', '랑', '란', '인', '한', '할', '함',
  '된', '될', '됨',
];
const PARTICLE_ONLY = new Set(ENDINGS);
/** ENDINGS by their last syllable, in ENDINGS' order: only those can end a given run. */
const ENDINGS_BY_LAST = new Map<string, string[]>();
for (const ending of ENDINGS) {
  const last = ending[ending.length - 1]!;
  ENDINGS_BY_LAST.set(last, [...(ENDINGS_BY_LAST.get(last) ?? []), ending]);
}
/** One-syllable endings that also end many nouns (효과, 정의, 차이, 평가, 정도, 경로, 원인, 제한, 역할). */
const NOUN_ENDS = new Set(['과', '의', '이', '가', '도', '로', '인', '한', '할', '함', '만', '란', '랑']);

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * A run of Hangul without one particle or ending, or the run itself; a rest of one syllable is
 * kept whole unless letters or digits stand before the run (`GPT-4o의`).
 */
function stripEnding(run: string, glued: boolean): string {
  for (const ending of ENDINGS_BY_LAST.get(run[run.length - 1]!) ?? []) {
    if (!run.endsWith(ending)) continue;
    const rest = run.length - ending.length;
    if (rest >= 2 || (glued && rest >= 0)) return run.slice(0, rest);
  }
  return run;
}

/** The word without one particle or ending, or the word itself. */
function stripOnce(word: string): string {
  const run = TRAILING_HANGUL.exec(word)?.[0];
  if (!run) return word;
  // Latin or digits before the Hangul (`GPT-4o의`)
  return word.slice(0, word.length - run.length) + stripEnding(run, run.length < word.length);
}

/** A query word's stem: edge punctuation and up to two particles/endings removed (`학습하기에는` → `학습`). */
export function queryStem(word: string): string {
  const trim = (w: string) => w.replace(EDGE_PUNCTUATION, '');
  return trim(stripOnce(trim(stripOnce(trim(word)))));
}

export interface ParsedQuery {
  /** The words to search for (NFC, stems), in the order typed; empty when there is nothing to search. */
  terms: string[];
  /** Why there is nothing to search: nothing typed, or only particles/punctuation. */
  reason?: 'empty' | 'particles';
}

/** Turns what a reader typed into the words to search for (NFD from macOS input becomes NFC). */
export function parseQuery(input: string): ParsedQuery {
  const words = input.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { terms: [], reason: 'empty' };
  const terms: string[] = [];
  for (const word of words) {
    const bare = word.replace(EDGE_PUNCTUATION, '');
    if (!bare || PARTICLE_ONLY.has(bare)) continue;
    const stem = queryStem(bare);
    if (stem && !terms.includes(stem)) terms.push(stem);
  }
  return terms.length > 0 ? { terms } : { terms: [], reason: 'particles' };
}

/** What Pagefind compares for a word: letters and digits only, lower case. */
export function comparable(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The note's own words from Pagefind's stored text, without the indexing tokens. */
export function visibleText(content: string): string {
  return content
    .split(/\s+/)
    .filter((w) => w && !w.startsWith(TOKEN_MARK))
    .join(' ');
}

/**
 * Whether a note's text holds a query term the way search matches it: inside one word, case and
 * punctuation aside (`튜닝` in `파인튜닝을`, `gpt4o` in `GPT-4o의`).
 */
export function textHasTerm(content: string, term: string): boolean {
  const t = comparable(term);
  if (!t) return true;
  return visibleText(content)
    .split(' ')
    .some((w) => comparable(w).includes(t));
}

/**
 * Where a note's own words hold a query term (word positions in Pagefind's stored text, the
 * positions its anchors and locations use; tokens are skipped but counted).
 */
export function termHits(content: string, terms: string[]): number[] {
  const wanted = terms.map(comparable).filter(Boolean);
  const hits: number[] = [];
  content.split(/[\r\n\s]+/).forEach((word, i) => {
    if (word.startsWith(TOKEN_MARK)) return;
    const c = comparable(word);
    if (c && wanted.some((t) => c.includes(t))) hits.push(i);
  });
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Excerpts

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Where in `word` the matched part is: the longest term found in it, else the whole word. */
function matchRange(word: string, terms: string[], from = 0): [number, number] {
  const lower = word.toLowerCase();
  let best: [number, number] | undefined;
  for (const term of terms) {
    const at = lower.indexOf(term.toLowerCase(), from);
    if (at >= 0 && (!best || term.length > best[1] - best[0])) best = [at, at + term.length];
  }
  if (best) return best;
  const start = word.search(/[\p{L}\p{N}]/u);
  const end = word.length - (/[^\p{L}\p{N}]*$/u.exec(word)?.[0].length ?? 0);
  return start < 0 ? [0, word.length] : [start, end];
}

export interface ExcerptOptions {
  /** Words in the excerpt. */
  length: number;
  /** Pagefind word positions to keep the excerpt within: [from, to). */
  from?: number;
  to?: number;
}

/**
 * An excerpt of a note's own words around the hits Pagefind reports (word positions in its
 * stored text, tokens included), with the matched part of each hit word in <mark>: a hit on a
 * token marks the part of the word it came from (`파인<mark>튜닝</mark>을`).
 */
export function buildExcerpt(content: string, locations: number[], terms: string[], options: ExcerptOptions): string {
  const raw = content.split(/[\r\n\s]+/);
  const words: string[] = []; // the note's own words
  const before: number[] = []; // raw position → own words before it
  for (const w of raw) {
    before.push(words.length);
    if (!w.startsWith(TOKEN_MARK)) words.push(w);
  }
  before.push(words.length);
  const from = Math.max(0, Math.min(options.from ?? 0, raw.length));
  const to = Math.max(from, Math.min(options.to ?? raw.length, raw.length));
  const lo = before[from]!;
  const hi = before[to]!;
  const marks = new Map<number, Array<[number, number]>>();
  for (const loc of locations) {
    if (loc < from || loc >= to || loc >= raw.length) continue;
    const isToken = raw[loc]!.startsWith(TOKEN_MARK);
    const index = isToken ? before[loc]! - 1 : before[loc]!;
    if (index < 0) continue;
    const word = words[index] ?? '';
    let range: [number, number];
    if (isToken) {
      const token = raw[loc]!.slice(TOKEN_MARK.length);
      const start = Math.max(0, word.lastIndexOf(token));
      const [s, e] = matchRange(token, terms.filter((t) => token.toLowerCase().startsWith(t.toLowerCase())));
      range = s === 0 && e <= token.length ? [start, start + e] : [start, start + token.length];
    } else {
      range = matchRange(word, terms);
    }
    const list = marks.get(index) ?? [];
    list.push(range);
    marks.set(index, list);
  }
  // The window of `length` words with the most hits, starting a little before its first hit.
  const length = Math.min(options.length, Math.max(1, hi - lo));
  const lead = Math.min(3, Math.floor(length / 4));
  const hits = [...marks.keys()].sort((a, b) => a - b);
  let start = lo;
  let best = -1;
  for (const h of hits) {
    const s = Math.max(lo, Math.min(h - lead, hi - length));
    const count = hits.filter((x) => x >= s && x < s + length).length;
    if (count > best) [best, start] = [count, s];
  }
  const parts: string[] = [];
  for (let i = start; i < Math.min(start + length, hi); i++) {
    const word = words[i]!;
    const ranges = (marks.get(i) ?? []).sort((a, b) => a[0] - b[0]);
    let html = '';
    let pos = 0;
    for (const [s, e] of ranges) {
      if (s < pos) continue;
      html += `${escapeHtml(word.slice(pos, s))}<mark>${escapeHtml(word.slice(s, e))}</mark>`;
      pos = e;
    }
    parts.push(html + escapeHtml(word.slice(pos)));
  }
  return parts.join(' ');
}
