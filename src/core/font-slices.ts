// Pretendard's own dynamic subset — 92 woff2 slices, each with a `unicode-range`. The site's pages
// no longer serve these (they get files cut to the site's characters: font-subset-plan.ts and
// src/site/site-font.ts); build-time Mermaid diagrams still use them through `planFont`, and
// Pretendard's coverage (`pretendardCovers`) is read from them.
//
// Pretendard's stylesheet for all 92 slices is 55 KB (its unicode-range lists alone are 30 KB),
// more than a page's whole CSS budget. The site knows every character it can show (its notes and
// its own UI text), so the stylesheet is cut down to that: only slices holding a character the
// site uses, and in each only the ranges that do; a range may run over code points the site
// never shows (they cost nothing), never over a used character of another slice. A browser still
// fetches exactly the slices a page needs. Characters that are not listed (typed into the search
// box, say) fall back to the system's Korean font.
//
// If a site used so many characters that the stylesheet went over `maxCssBytes`, the slices
// least used by the site are left out (their characters then show in the system font).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The site's font files' family. They are cut from Pretendard, and the licence (SIL OFL 1.1,
 * "Reserved Font Name Pretendard") forbids a modified version to use that name.
 */
export const FONT_FAMILY = 'Notes Sans';

/** Pretendard's own, unmodified slices (the build-time diagrams) keep their name. */
export const PRETENDARD_FAMILY = 'Pretendard Variable';

export interface Slice {
  /** Pretendard's slice number. */
  id: number;
  /** Inclusive code point ranges. */
  ranges: Array<[number, number]>;
}

export interface FontPlan {
  /** The @font-face rules (URLs relative to the stylesheet: `<id>.woff2`). */
  css: string;
  /** Slices served, in the order of the rules. */
  slices: number[];
  /** Slices left out because of maxCssBytes. */
  dropped: number[];
}

const require = createRequire(import.meta.url);

/** Folder of Pretendard's variable dynamic subset (stylesheet and woff2 slices). */
export function pretendardDir(): string {
  return path.join(path.dirname(require.resolve('pretendard/package.json')), 'dist/web/variable');
}

export function sliceFile(id: number): string {
  return path.join(pretendardDir(), 'woff2-dynamic-subset', `PretendardVariable.subset.${id}.woff2`);
}

/** The slices and their ranges, read from Pretendard's dynamic-subset stylesheet. */
export function parseSlices(css: string): Slice[] {
  const slices: Slice[] = [];
  for (const m of css.matchAll(/subset\.(\d+)\.woff2[^}]*?unicode-range:\s*([^;}]+)/g)) {
    const ranges = m[2]!.split(',').map((part): [number, number] => {
      const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
    });
    slices.push({ id: Number(m[1]), ranges });
  }
  return slices;
}

let slicesCache: Slice[] | undefined;
export function pretendardSlices(): Slice[] {
  return (slicesCache ??= parseSlices(readFileSync(path.join(pretendardDir(), 'pretendardvariable-dynamic-subset.css'), 'utf8')));
}

let covered: Set<number> | undefined;
/** Whether Pretendard has a glyph for a code point (the union of its slices' ranges). */
export function pretendardCovers(c: number): boolean {
  if (!covered) {
    covered = new Set();
    for (const slice of pretendardSlices()) for (const [a, b] of slice.ranges) for (let x = a; x <= b; x++) covered.add(x);
  }
  return covered.has(c);
}

const hex = (n: number) => n.toString(16);

/**
 * @font-face rules for the characters in `text` (counted: more frequent characters keep their
 * slice first when the stylesheet would exceed maxCssBytes).
 */
export function planFont(text: string, slices: Slice[] = pretendardSlices(), maxCssBytes = 14_000): FontPlan {
  const owner = new Map<number, number>();
  for (const slice of slices) for (const [a, b] of slice.ranges) for (let c = a; c <= b; c++) owner.set(c, slice.id);
  const counts = new Map<number, number>();
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (owner.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const used = [...counts.keys()].sort((a, b) => a - b);
  // Runs of used characters per slice, merged while no other slice's used character lies between.
  const runs = new Map<number, Array<[number, number]>>();
  const weight = new Map<number, number>();
  let previousOwner: number | undefined;
  for (const c of used) {
    const id = owner.get(c)!;
    weight.set(id, (weight.get(id) ?? 0) + counts.get(c)!);
    let list = runs.get(id);
    if (!list) runs.set(id, (list = []));
    const last = list[list.length - 1];
    if (last && previousOwner === id) last[1] = c;
    else list.push([c, c]);
    previousOwner = id;
  }
  const rule = (id: number) =>
    `@font-face{font-family:"${PRETENDARD_FAMILY}";font-style:normal;font-weight:45 920;font-display:swap;` +
    `src:url(${id}.woff2)format("woff2");unicode-range:` +
    runs.get(id)!.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(',') +
    '}\n';
  const byWeight = [...runs.keys()].sort((a, b) => weight.get(b)! - weight.get(a)! || a - b);
  const kept: number[] = [];
  const dropped: number[] = [];
  let size = 0;
  for (const id of byWeight) {
    const bytes = Buffer.byteLength(rule(id));
    if (size + bytes > maxCssBytes && kept.length > 0) dropped.push(id);
    else {
      kept.push(id);
      size += bytes;
    }
  }
  // Pretendard's own order (the file's), so rules are stable between builds.
  const order = new Map(slices.map((s, i) => [s.id, i]));
  kept.sort((a, b) => order.get(a)! - order.get(b)!);
  return { css: kept.map(rule).join(''), slices: kept, dropped };
}
