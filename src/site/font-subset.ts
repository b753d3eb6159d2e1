// Cuts the site's font files out of Pretendard's variable woff2 with subset-font (HarfBuzz's
// subsetter), renames them (a cut is a modified version, which Pretendard's licence forbids to
// call Pretendard: src/core/font-names.ts) and compresses them to woff2, cached by content: the
// key is a hash of everything the output depends on — the source font's bytes, the subsetter's,
// HarfBuzz's and the compressor's versions, the options, the renaming and the characters — so a
// rebuild with the same characters reads the file back, and a cached build gives exactly what a
// cache-less one gives.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { FONT_WEIGHTS } from '../core/font-subset-plan.ts';
import { FONT_FAMILY, pretendardDir } from '../core/font-slices.ts';
import { FONT_NAMES_VERSION, renameFont, type FontRename } from '../core/font-names.ts';

const require = createRequire(import.meta.url);

/** A cut: the woff2 of `font` with the characters of `text`. */
export type Subsetter = (font: Buffer, text: string) => Promise<Buffer>;

/** Pretendard's whole variable font (every character, weights 45–920). */
export function pretendardVariableFile(): string {
  return path.join(pretendardDir(), 'woff2', 'PretendardVariable.woff2');
}

/**
 * The subsetter's options. No layout closure: glyphs reachable only through OpenType
 * substitutions (stylistic alternates, tabular figures, old-Hangul jamo composition) are left out —
 * a third of the file for the seed note (53 → 38 KB); every character keeps its own glyph, and
 * kerning between kept glyphs stays.
 */
export const SUBSET_OPTIONS = {
  targetFormat: 'sfnt',
  variationAxes: { wght: { min: FONT_WEIGHTS.min, max: FONT_WEIGHTS.max } },
  noLayoutClosure: true,
  // HarfBuzz keeps only name IDs 0–6 (and those fvar/STAT use) unless told: the licence's notice
  // (13, 14), trademark, credits and the typographic names (16, 17, 25, renamed) are kept too.
  preserveNameIds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 25],
} as const;

/** The cut files' name: "Pretendard" is reserved for the unmodified font (SIL OFL 1.1). */
export const SITE_FONT_RENAME: FontRename = { from: 'Pretendard', to: FONT_FAMILY, toPostScript: FONT_FAMILY.replace(/ /g, '') };

/** Subsets to an uncompressed font, renames it, compresses it to woff2. */
export const cutFont: Subsetter = async (font, text) => {
  const subsetFont = (await import('subset-font')).default;
  const fontverter = (await import('fontverter')).default;
  const sfnt = await subsetFont(await uncompressed(font), text, { ...SUBSET_OPTIONS, preserveNameIds: [...SUBSET_OPTIONS.preserveNameIds] });
  return fontverter.convert(Buffer.from(renameFont(sfnt, SITE_FONT_RENAME)), 'woff2');
};

let lastUncompressed: { font: Buffer; sfnt: Buffer } | undefined;

/**
 * The font as the uncompressed sfnt HarfBuzz reads, kept for the next call: subset-font would
 * decompress Pretendard's woff2 again for every cut and the cmap (~140 ms each); HarfBuzz is given
 * the same bytes either way.
 */
async function uncompressed(font: Buffer): Promise<Buffer> {
  if (lastUncompressed?.font.equals(font)) return lastUncompressed.sfnt;
  const fontverter = (await import('fontverter')).default;
  const sfnt = await fontverter.convert(font, 'sfnt');
  lastUncompressed = { font, sfnt };
  return sfnt;
}

// HarfBuzz and the woff2 compressor are resolved the way subset-font and fontverter resolve them;
// a package.json that is not exported is found above the entry file.
const RESOLVED_FROM: Record<string, string> = { harfbuzzjs: 'subset-font', wawoff2: 'fontverter' };
function versionOf(pkg: string): string {
  const parent = RESOLVED_FROM[pkg];
  const from = parent ? createRequire(require.resolve(parent)) : require;
  let dir = path.dirname(from.resolve(pkg));
  while (path.basename(dir) !== pkg && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

let fontBytes: { file: string; bytes: Buffer; hash: string } | undefined;
function sourceFont(file: string) {
  if (fontBytes?.file !== file) {
    const bytes = readFileSync(file);
    fontBytes = { file, bytes, hash: createHash('sha256').update(bytes).digest('hex') };
  }
  return fontBytes;
}

/**
 * The code points a font maps to glyphs (its cmap). Pretendard's slice stylesheet over-states its
 * coverage (a range may run over a code point it lacks, U+2236 say), so the plan asks the font.
 */
export async function fontCharacters(file: string = pretendardVariableFile()): Promise<Set<number>> {
  const { Blob, Face } = await import('harfbuzzjs');
  const face = new Face(new Blob(await uncompressed(sourceFont(file).bytes)));
  return new Set(face.collectUnicodes());
}

/** Reads a font file's cmap (default `fontCharacters`); the build reads it in a child process (font-process.ts). */
export type CmapReader = (file: string) => Promise<Iterable<number>>;

/** The cache key of a font's cmap: the font's bytes and the versions of what decodes and reads it. */
export function cmapKey(fontHash: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ cmap: 1, font: fontHash, harfbuzz: versionOf('harfbuzzjs'), fontverter: versionOf('fontverter'), woff2: versionOf('wawoff2') }))
    .digest('hex');
}

/**
 * `fontCharacters`, kept beside the cut files: decoding Pretendard's woff2 and loading HarfBuzz
 * cost about 200 ms and 60 MB that stay resident for the rest of the build, for an answer that
 * changes only with the font file or the packages. Kept as runs of code points (`[first, last]`).
 */
export function fontCharactersCached(options: Omit<SubsetCacheOptions, 'subset'> & { read?: CmapReader } = {}): Promise<Set<number>> {
  const fontFile = options.fontFile ?? pretendardVariableFile();
  const dir = options.cacheDir ?? defaultFontCacheDir();
  const file = path.join(dir, `${cmapKey(sourceFont(fontFile).hash)}.cmap.json`);
  return once(file, () => readCmap(file, dir, fontFile, options.read));
}

async function readCmap(file: string, dir: string, fontFile: string, read: CmapReader | undefined): Promise<Set<number>> {
  try {
    const runs = JSON.parse(readFileSync(file, 'utf8')) as Array<[number, number]>;
    const chars = new Set<number>();
    for (const [first, last] of runs) for (let c = first; c <= last; c++) chars.add(c);
    return chars;
  } catch {
    // not read yet (or unreadable): read the font
  }
  const chars = new Set(await (read ?? fontCharacters)(fontFile));
  const runs: Array<[number, number]> = [];
  for (const c of [...chars].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else runs.push([c, c]);
  }
  writeWhole(dir, file, JSON.stringify(runs));
  return chars;
}

// What is being read or cut, by cache file, for the whole process: the build plans its fonts once
// the notes are loaded (font-files.ts) and again when pages render, from another instance of
// these modules (the pages' bundle); the second plan gets the first one's cuts, not its own.
const IN_FLIGHT = Symbol.for('notes-site.font-cache-in-flight');
type InFlightHolder = { [IN_FLIGHT]?: Map<string, Promise<unknown>> };

/** `make()` for `file`, or the promise for it already in flight in this process. */
function once<T>(file: string, make: () => Promise<T>): Promise<T> {
  const holder = globalThis as InFlightHolder;
  const inFlight = (holder[IN_FLIGHT] ??= new Map());
  const pending = inFlight.get(file) as Promise<T> | undefined;
  if (pending) return pending;
  const made = make();
  inFlight.set(file, made);
  // Once settled, the file is on disk (or the next ask tries again).
  const settle = () => void inFlight.delete(file);
  made.then(settle, settle);
  return made;
}

/** Writes a cache file whole, then renames it: another build may read the same key. */
function writeWhole(dir: string, file: string, data: string | Buffer): void {
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.${process.pid}.${threadId}`;
  writeFileSync(partial, data);
  renameSync(partial, file);
}

export interface SubsetCacheOptions {
  /** Where cut files are kept (default node_modules/.cache/notes-fonts). */
  cacheDir?: string;
  /** The font to cut (default Pretendard's variable woff2). */
  fontFile?: string;
  /** The cut (default `cutFont`); tests pass a counting one. */
  subset?: Subsetter;
}

/** Where cut files are kept: NOTES_FONT_CACHE_DIR (the benchmark's copy of the site), else node_modules/.cache/notes-fonts. */
export function defaultFontCacheDir(): string {
  const configured = process.env.NOTES_FONT_CACHE_DIR?.trim();
  if (configured) return path.resolve(configured);
  return path.join(path.dirname(path.dirname(require.resolve('subset-font/package.json'))), '.cache', 'notes-fonts');
}

/** The cache key of a cut: everything its bytes depend on. */
export function subsetKey(fontHash: string, chars: readonly number[]): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        font: fontHash,
        subsetFont: versionOf('subset-font'),
        harfbuzz: versionOf('harfbuzzjs'),
        fontverter: versionOf('fontverter'),
        woff2: versionOf('wawoff2'),
        options: SUBSET_OPTIONS,
        rename: { ...SITE_FONT_RENAME, version: FONT_NAMES_VERSION },
        chars,
      }),
    )
    .digest('hex');
}

/**
 * The file name of the woff2 for `chars`: its cache key, everything its bytes depend on, so it is
 * known before the file is cut and changes exactly when the bytes may.
 */
export function subsetFileName(chars: readonly number[], fontFile: string = pretendardVariableFile()): string {
  return `${subsetKey(sourceFont(fontFile).hash, chars).slice(0, 12)}.woff2`;
}

function subsetCacheFile(chars: readonly number[], options: Omit<SubsetCacheOptions, 'subset'>): string {
  const font = sourceFont(options.fontFile ?? pretendardVariableFile());
  return path.join(options.cacheDir ?? defaultFontCacheDir(), `${subsetKey(font.hash, chars)}.woff2`);
}

/** Whether the font cache has the woff2 for `chars` (`subsetCached` would not cut it). */
export function subsetIsCached(chars: readonly number[], options: Omit<SubsetCacheOptions, 'subset'> = {}): boolean {
  return existsSync(subsetCacheFile(chars, options));
}

/** The woff2 for exactly `chars` (ascending code points), from the cache when it was cut before. */
export function subsetCached(chars: readonly number[], options: SubsetCacheOptions = {}): Promise<Buffer> {
  const file = subsetCacheFile(chars, options);
  const font = sourceFont(options.fontFile ?? pretendardVariableFile());
  return once(file, () => cutCached(file, path.dirname(file), font.bytes, chars, options.subset));
}

async function cutCached(file: string, dir: string, font: Buffer, chars: readonly number[], subset: Subsetter = cutFont): Promise<Buffer> {
  try {
    return readFileSync(file);
  } catch {
    // not cut yet
  }
  const out = Buffer.from(await subset(font, String.fromCodePoint(...chars)));
  writeWhole(dir, file, out);
  return out;
}
