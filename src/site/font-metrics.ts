// Reads from a font file what a metric-matched fallback needs (src/core/font-fallback.ts): the
// vertical metrics and how wide a text comes out, shaped by HarfBuzz as a browser shapes it
// (kerning included). Used by scripts/font-fallback-metrics.ts for the system fonts and by the unit
// test that re-measures Pretendard.
import { readFileSync } from 'node:fs';
import type { FontMeasure, TextWidths } from '../core/font-fallback.ts';

/** What a text is counted as: Hangul syllables, Latin letters and digits, everything else. */
function kindOf(c: number): keyof TextWidths | undefined {
  if (c >= 0xac00 && c <= 0xd7a3) return 'hangul';
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return 'latin';
  if (c > 0x20) return 'other';
  return c === 0x20 ? 'other' : undefined;
}

/** The file's bytes as an sfnt (woff and woff2 decompressed; ttf, otf and ttc as they are). */
export async function sfntBytes(file: string): Promise<Uint8Array> {
  const bytes = readFileSync(file);
  if (!/^wOF[F2]$/.test(bytes.subarray(0, 4).toString('latin1'))) return bytes;
  const fontverter = (await import('fontverter')).default;
  return fontverter.convert(bytes, 'sfnt');
}

const int16 = (t: Uint8Array, at: number) => new DataView(t.buffer, t.byteOffset, t.byteLength).getInt16(at);
const uint16 = (t: Uint8Array, at: number) => new DataView(t.buffer, t.byteOffset, t.byteLength).getUint16(at);

/**
 * Measures face `index` of `file` (woff2, otf, ttf or ttc) at weight `wght` (variable fonts) over
 * `sample`: per kind of character, the mean advance in em per character, weighted by how often each
 * character occurs (each line shaped as a run, so kerning counts). Characters the font lacks are
 * left out of its means.
 */
export async function measureFont(file: string, sample: string, { index = 0, wght }: { index?: number; wght?: number } = {}): Promise<FontMeasure> {
  const hb = await import('harfbuzzjs');
  const face = new hb.Face(new hb.Blob(await sfntBytes(file)), index);
  const font = new hb.Font(face);
  if (wght !== undefined) font.setVariations([new hb.Variation('wght', wght)]);
  const hhea = face.referenceTable('hhea')!.slice(); // a copy: the view dies when HarfBuzz's memory grows
  const os2 = face.referenceTable('OS/2')!.slice();
  const sums: TextWidths = { hangul: 0, latin: 0, other: 0 };
  const counts: TextWidths = { hangul: 0, latin: 0, other: 0 };
  for (const line of sample.split('\n')) {
    if (!line.trim()) continue;
    const buffer = new hb.Buffer();
    buffer.addText(line);
    buffer.guessSegmentProperties();
    hb.shape(font, buffer);
    const codePoints = [...line].map((ch) => ch.codePointAt(0)!);
    // Cluster values are UTF-16 offsets into the line.
    const atOffset = new Map<number, number>();
    let offset = 0;
    for (const c of codePoints) {
      atOffset.set(offset, c);
      offset += c > 0xffff ? 2 : 1;
    }
    for (const g of buffer.getGlyphInfosAndPositions()) {
      const c = atOffset.get(g.cluster);
      const kind = c === undefined ? undefined : kindOf(c);
      if (!kind || g.codepoint === 0) continue; // .notdef: the font lacks it
      sums[kind] += g.xAdvance ?? 0;
      counts[kind]++;
    }
  }
  const em = (k: keyof TextWidths) => (counts[k] ? sums[k] / counts[k] / face.upem : 0);
  return {
    upem: face.upem,
    hhea: { ascender: int16(hhea, 4), descender: int16(hhea, 6), lineGap: int16(hhea, 8) },
    typo: { ascender: int16(os2, 68), descender: int16(os2, 70), lineGap: int16(os2, 72) },
    win: { ascent: uint16(os2, 74), descent: uint16(os2, 76) },
    useTypoMetrics: (uint16(os2, 62) & (1 << 7)) !== 0,
    advance: { hangul: em('hangul'), latin: em('latin'), other: em('other') },
    count: counts,
  };
}
