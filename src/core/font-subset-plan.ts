// Which characters of the site go into which of its own font files (the woff2 files are cut from
// Pretendard by src/site/font-subset.ts; this file only plans, so it is pure and fast to test).
//
// A site shows a few hundred to a few thousand distinct characters; Pretendard's generic dynamic
// subset spreads even a short note over a dozen of its 92 slices (the seed note: 14 slices,
// 383 KB). Files cut from exactly the site's characters hold only glyphs a page may show:
// characters are ordered by how many pages show them (printable ASCII and the text of every page's
// frame first, then the notes' characters by how many notes use them, then text only a few pages
// show). The first file holds the note pages' characters up to `firstChars` (never text only the
// home, 404 or search shows), the rest go in files of `sliceChars`; so a small site's note pages
// need one file, and a big site's typical page the first file and maybe one more. Each file's
// `unicode-range` lists exactly its characters, so a browser fetches a file only when the page
// shows one of them. The seed site (one note; 434 characters with the UI's) gets a first file of
// the note and the page frame and a second of the home/404/search text.
// Characters Pretendard does not have are left out (the system font shows them).

export interface FontFilePlan {
  /** Code points of the file, ascending. */
  chars: number[];
  /** The same code points as inclusive runs (the file's `unicode-range`, exact). */
  ranges: Array<[number, number]>;
}

export interface SubsetPlanOptions {
  firstChars?: number;
  sliceChars?: number;
}

/** Printable ASCII: always in the first file (search input, URLs, numbers in any page). */
const ASCII_FIRST = 0x20;
const ASCII_LAST = 0x7e;

export function runsOf(sorted: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] + 1 === c) last[1] = c;
    else runs.push([c, c]);
  }
  return runs;
}

/**
 * For each character the font covers: on how many pages it shows and how often. A site's text is
 * megabytes (every note's source), so the Basic Multilingual Plane is counted in typed arrays
 * (~5x faster than maps; 300 bench notes: ~60 -> ~12 ms), the rest in maps.
 */
class CharCounts {
  readonly #covers: (codePoint: number) => boolean;
  readonly #bmpPages = new Float64Array(0x10000);
  readonly #bmpUses = new Uint32Array(0x10000);
  /** Which text last counted a BMP character (its page once per text); 0: none yet. */
  readonly #bmpSeenIn = new Uint32Array(0x10000);
  /** covers(), remembered: 0 not asked, 1 covered, 2 not. */
  readonly #bmpCovered = new Uint8Array(0x10000);
  readonly #astralPages = new Map<number, number>();
  readonly #astralUses = new Map<number, number>();
  #texts = 0;

  constructor(covers: (codePoint: number) => boolean) {
    this.#covers = covers;
  }

  /** Counts the characters of one text; each adds `perPage` to its pages once per text. */
  add(value: string, perPage: number): void {
    const text = ++this.#texts;
    const astralSeen = new Set<number>();
    for (let i = 0; i < value.length; i++) {
      let c = value.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
        const low = value.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          i++;
        }
      }
      if (c < 0x10000) {
        let covered = this.#bmpCovered[c]!;
        if (covered === 0) covered = this.#bmpCovered[c] = this.#covers(c) ? 1 : 2;
        if (covered === 2) continue;
        this.#bmpUses[c]!++;
        if (this.#bmpSeenIn[c] !== text) {
          this.#bmpSeenIn[c] = text;
          this.#bmpPages[c]! += perPage;
        }
      } else if (this.#covers(c)) {
        this.#astralUses.set(c, (this.#astralUses.get(c) ?? 0) + 1);
        if (!astralSeen.has(c)) {
          astralSeen.add(c);
          this.#astralPages.set(c, (this.#astralPages.get(c) ?? 0) + perPage);
        }
      }
    }
  }

  /** Pages and uses of every character counted. */
  totals(): { pages: Map<number, number>; uses: Map<number, number> } {
    const pages = new Map<number, number>();
    const uses = new Map<number, number>();
    for (let c = 0; c < 0x10000; c++) {
      const n = this.#bmpUses[c]!;
      if (n === 0) continue;
      uses.set(c, n);
      pages.set(c, this.#bmpPages[c]!);
    }
    for (const [c, n] of this.#astralUses) {
      uses.set(c, n);
      pages.set(c, this.#astralPages.get(c)!);
    }
    return { pages, uses };
  }
}

export interface SiteText {
  /** Each note's text (what its page shows of it). */
  notes: readonly string[];
  /** Text every page shows (site title, header, sidebar, footer). */
  everyPage: string;
  /** Text only some pages or moments show (the home and 404 pages, plugin labels, search messages). */
  occasional: string;
}

/**
 * Plans the site's font files. `covers` says whether the font has a glyph for a code point.
 * Order: printable ASCII and the every-page text, then note characters by how many notes use them
 * (then by how often), then the occasional text — so the first file is what nearly every page
 * shows, and the occasional characters land in a later file a page fetches only if it shows one.
 */
export function planSubsetFiles(
  text: SiteText,
  covers: (codePoint: number) => boolean,
  { firstChars = 400, sliceChars = 200 }: SubsetPlanOptions = {},
): FontFilePlan[] {
  const counts = new CharCounts(covers);
  for (const note of text.notes) counts.add(note, 1);
  counts.add(text.everyPage, text.notes.length + 1);
  counts.add(text.occasional, 0);
  const { pages, uses } = counts.totals();
  for (let c = ASCII_FIRST; c <= ASCII_LAST; c++) {
    if (covers(c)) {
      pages.set(c, Number.POSITIVE_INFINITY);
      uses.set(c, uses.get(c) ?? 0);
    }
  }
  const ordered = [...pages.keys()].sort((a, b) => pages.get(b)! - pages.get(a)! || uses.get(b)! - uses.get(a)! || a - b);
  // The first file: what note pages show (never the occasional-only characters), up to firstChars.
  const first = Math.min(firstChars, ordered.filter((c) => pages.get(c)! > 0).length);
  const groups: number[][] = [ordered.slice(0, first)];
  for (let i = first; i < ordered.length; i += sliceChars) groups.push(ordered.slice(i, i + sliceChars));
  return groups
    .filter((g) => g.length > 0)
    .map((g) => {
      const chars = [...g].sort((a, b) => a - b);
      return { chars, ranges: runsOf(chars) };
    });
}

const hex = (n: number) => n.toString(16);

export function unicodeRange(ranges: ReadonlyArray<[number, number]>): string {
  return ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(',');
}

/**
 * The weight axis kept in the site's files: the lightest and boldest `font-weight` the site's CSS
 * uses (body 400 … site title 750; tests/unit/font-subset-plan.test.ts checks every value in
 * src/ lies within). One variable file for the range is smaller than separate 400 and 700
 * instances whenever a page shows both (53 KB against 32 + 34 KB for the seed note).
 */
export const FONT_WEIGHTS = { min: 400, max: 750 } as const;

/** One @font-face rule of the site's font, for a file at `url`. */
export function fontFaceRule(family: string, url: string, ranges: ReadonlyArray<[number, number]>): string {
  return (
    `@font-face{font-family:"${family}";font-style:normal;font-weight:${FONT_WEIGHTS.min} ${FONT_WEIGHTS.max};font-display:swap;` +
    `src:url(${url})format("woff2");unicode-range:${unicodeRange(ranges)}}\n`
  );
}
