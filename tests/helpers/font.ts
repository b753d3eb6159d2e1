// Reading the site's font files and pages in tests: which characters a woff2 file holds (its cmap,
// read by src/site/font-subset.ts), its names, and the text a page shows.
import { readFileSync } from 'node:fs';
import fontverter from 'fontverter';
import { fontNames, type NameRecord } from '../../src/core/font-names.ts';
import { fontCharacters } from '../../src/site/font-subset.ts';

/** Code points a woff2 file maps to glyphs. */
export const cmapOf = (file: string): Promise<Set<number>> => fontCharacters(file);

/** The name records of a woff2 file. */
export const namesOf = async (file: string): Promise<NameRecord[]> => fontNames(await fontverter.convert(readFileSync(file), 'sfnt'));

/**
 * The text of an HTML page a browser may draw: everything outside tags, scripts and styles, with
 * entities decoded (over-counts text a page never shows, such as a closed dialog's; never under).
 */
export function shownText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_, n: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' })[n]!);
}
