// Cuts the site's font files out of Pretendard's variable woff2 with subset-font (HarfBuzz's
// subsetter), cached by content: the key is a hash of everything the output depends on — the
// source font's bytes, the subsetter's and HarfBuzz's versions, the options and the characters —
// so a rebuild with the same characters reads the file back, and a cached build gives exactly
// what a cache-less one gives.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { FONT_WEIGHTS } from '../core/font-subset-plan.ts';
import { pretendardDir } from '../core/font-slices.ts';

const require = createRequire(import.meta.url);

export type Subsetter = (font: Buffer, text: string, options: Record<string, unknown>) => Promise<Buffer>;

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
  targetFormat: 'woff2',
  variationAxes: { wght: { min: FONT_WEIGHTS.min, max: FONT_WEIGHTS.max } },
  noLayoutClosure: true,
} as const;

// HarfBuzz is resolved the way subset-font resolves it; its package.json is not exported, so it is
// found above its entry file.
function versionOf(pkg: string): string {
  const from = pkg === 'subset-font' ? require : createRequire(require.resolve('subset-font'));
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
  const fontverter = (await import('fontverter')).default;
  const { Blob, Face } = await import('harfbuzzjs');
  const face = new Face(new Blob(await fontverter.convert(sourceFont(file).bytes, 'sfnt')));
  return new Set(face.collectUnicodes());
}

export interface SubsetCacheOptions {
  /** Where cut files are kept (default node_modules/.cache/notes-fonts). */
  cacheDir?: string;
  /** The font to cut (default Pretendard's variable woff2). */
  fontFile?: string;
  /** The subsetter (default subset-font); tests pass a counting one. */
  subset?: Subsetter;
}

export function defaultFontCacheDir(): string {
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
        options: SUBSET_OPTIONS,
        chars,
      }),
    )
    .digest('hex');
}

/** The woff2 for exactly `chars` (ascending code points), from the cache when it was cut before. */
export async function subsetCached(chars: readonly number[], options: SubsetCacheOptions = {}): Promise<Buffer> {
  const font = sourceFont(options.fontFile ?? pretendardVariableFile());
  const dir = options.cacheDir ?? defaultFontCacheDir();
  const file = path.join(dir, `${subsetKey(font.hash, chars)}.woff2`);
  try {
    return readFileSync(file);
  } catch {
    // not cut yet
  }
  const subset: Subsetter = options.subset ?? (await import('subset-font')).default;
  const out = Buffer.from(await subset(font.bytes, String.fromCodePoint(...chars), { ...SUBSET_OPTIONS }));
  mkdirSync(dir, { recursive: true });
  // Written whole, then renamed: another build may read the same key.
  const partial = `${file}.${process.pid}.${threadId}`;
  writeFileSync(partial, out);
  renameSync(partial, file);
  return out;
}
