// The site's own font files: which characters go to which file (src/core/font-subset-plan.ts), the
// weight range against the CSS, the subsetting and cmap caches (src/site/font-subset.ts) and the
// process that does the font work a cache lacks (src/site/font-process.ts).
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONT_WEIGHTS, fontFaceRule, planSubsetFiles, runsOf, type SiteText } from '../../src/core/font-subset-plan.ts';
import { cutFont, fontCharacters, fontCharactersCached, pretendardVariableFile, subsetCached, subsetFileName, subsetIsCached, type CmapReader, type Subsetter } from '../../src/site/font-subset.ts';
import { FontProcess } from '../../src/site/font-process.ts';
import { pretendardCovers } from '../../src/core/font-slices.ts';

const cp = (s: string) => [...s].map((c) => c.codePointAt(0)!);
const ascii = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => 0x20 + i);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('planSubsetFiles', () => {
  it('one file with exactly the site characters and printable ASCII while they are few; ranges exact', () => {
    const files = planSubsetFiles({ notes: ['가나 다', '가라'], everyPage: '목차', occasional: '' }, pretendardCovers);
    expect(files).toHaveLength(1);
    expect(files[0]!.chars).toEqual(sorted([...new Set([...ascii, ...cp('가나다라목차')])]));
    expect(files[0]!.ranges[0]).toEqual([0x20, 0x7e]);
    // Every range is a run of planned characters, and nothing else.
    const inRanges = files[0]!.ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));
    expect(inRanges).toEqual(files[0]!.chars);
  });

  it('leaves out what the font does not have, and control characters', () => {
    const [file] = planSubsetFiles({ notes: ['가\n\t😀'], everyPage: '', occasional: '' }, pretendardCovers);
    expect(file!.chars).not.toContain(0x1f600);
    expect(file!.chars).not.toContain(0x0a);
    expect(file!.chars).toContain(0xac00);
  });

  it('for many characters: the most shared first (ASCII, the page frame, then by notes using it, occasional text last), the rest in slices', () => {
    const hangul = (from: number, n: number) => String.fromCodePoint(...Array.from({ length: n }, (_, i) => 0xac00 + from + i));
    // 가…: in every note; the next 10: in one note each, one of them used more often.
    const common = hangul(0, 5);
    const notes = Array.from({ length: 10 }, (_, i) => common + hangul(100 + i, 1) + (i === 3 ? hangul(103, 1).repeat(5) : ''));
    const ui = hangul(500, 3);
    const occasional = hangul(600, 2) + common;
    const files = planSubsetFiles({ notes, everyPage: ui, occasional }, pretendardCovers, { firstChars: 95 + 3 + 5 + 1, sliceChars: 4 });
    expect(files[0]!.chars).toEqual(sorted([...ascii, ...cp(ui), ...cp(common), 0xac00 + 103]));
    expect(files.slice(1).map((f) => f.chars)).toEqual([
      [0xac00 + 100, 0xac00 + 101, 0xac00 + 102, 0xac00 + 104],
      [0xac00 + 105, 0xac00 + 106, 0xac00 + 107, 0xac00 + 108],
      [0xac00 + 109, 0xac00 + 600, 0xac00 + 601],
    ]);
    // Occasional-only characters stay out of the first file even when it has room.
    const roomy = planSubsetFiles({ notes, everyPage: ui, occasional }, pretendardCovers, { firstChars: 1000 });
    expect(roomy.map((f) => f.chars.length)).toEqual([95 + 3 + 5 + 10, 2]);
    expect(roomy[1]!.chars).toEqual([0xac00 + 600, 0xac00 + 601]);
    expect(files[1]!.ranges).toEqual([
      [0xac00 + 100, 0xac00 + 102],
      [0xac00 + 104, 0xac00 + 104],
    ]);
    // Each character in exactly one file.
    const all = files.flatMap((f) => f.chars);
    expect(new Set(all).size).toBe(all.length);
  });

  it('orders as the rule says, for any text: characters outside the BMP and lone surrogates are the code points they are', () => {
    // The rule, written plainly: pages (notes using it; the page frame counts as every note and
    // one more, the occasional text as none; printable ASCII as infinitely many), then uses,
    // then the code point.
    const reference = (text: SiteText, covers: (c: number) => boolean, o: { firstChars: number; sliceChars: number }) => {
      const pages = new Map<number, number>();
      const uses = new Map<number, number>();
      const count = (value: string, perPage: number) => {
        const seen = new Set<number>();
        for (const ch of value) {
          const c = ch.codePointAt(0)!;
          if (!covers(c)) continue;
          uses.set(c, (uses.get(c) ?? 0) + 1);
          if (!seen.has(c)) pages.set(c, (pages.get(c) ?? 0) + perPage);
          seen.add(c);
        }
      };
      for (const note of text.notes) count(note, 1);
      count(text.everyPage, text.notes.length + 1);
      count(text.occasional, 0);
      for (const c of ascii) if (covers(c)) (pages.set(c, Infinity), uses.set(c, uses.get(c) ?? 0));
      const ordered = [...pages.keys()].sort((a, b) => pages.get(b)! - pages.get(a)! || uses.get(b)! - uses.get(a)! || a - b);
      const first = Math.min(o.firstChars, ordered.filter((c) => pages.get(c)! > 0).length);
      const groups = [ordered.slice(0, first)];
      for (let i = first; i < ordered.length; i += o.sliceChars) groups.push(ordered.slice(i, i + o.sliceChars));
      return groups.filter((g) => g.length > 0).map((g) => sorted(g));
    };
    // A fixed pseudo-random sequence: Hangul, ASCII, emoji (some not covered), lone surrogates.
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = () => {
      const r = next();
      if (r < 0.1) return String.fromCodePoint(0x1f5f0 + Math.floor(next() * 40));
      if (r < 0.15) return String.fromCharCode(0xd800 + Math.floor(next() * 0x800));
      return String.fromCharCode(r < 0.5 ? 0x20 + Math.floor(next() * 200) : 0xac00 + Math.floor(next() * 300));
    };
    const text = () => Array.from({ length: Math.floor(next() * 60) }, pick).join('');
    const covers = (c: number) => c !== 0x7e && c !== 0xac05 && !(c >= 0x1f600 && c < 0x1f610) && c !== 0xd801;
    for (let k = 0; k < 200; k++) {
      const site: SiteText = { notes: Array.from({ length: Math.floor(next() * 20) }, text), everyPage: text(), occasional: text() };
      const o = { firstChars: 1 + Math.floor(next() * 60), sliceChars: 1 + Math.floor(next() * 30) };
      expect(planSubsetFiles(site, covers, o).map((f) => f.chars), JSON.stringify(site)).toEqual(reference(site, covers, o));
    }
  });

  it('writes an exact unicode-range', () => {
    expect(runsOf([0x41, 0x42, 0x43, 0xac00, 0xac02])).toEqual([
      [0x41, 0x43],
      [0xac00, 0xac00],
      [0xac02, 0xac02],
    ]);
    expect(fontFaceRule('F', 'a.woff2', runsOf([0x41, 0x42, 0xac00]))).toContain('unicode-range:U+41-42,U+ac00}');
    expect(fontFaceRule('F', 'a.woff2', [])).toContain('font-display:swap');
  });
});

describe('FONT_WEIGHTS', () => {
  it('spans every font-weight the site CSS uses', () => {
    const weights: number[] = [];
    for (const entry of readdirSync('src', { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(css|astro)$/.test(entry.name)) continue;
      for (const m of readFileSync(path.join(entry.parentPath, entry.name), 'utf8').matchAll(/font-weight:\s*([^;}\n]+)/g)) {
        const value = m[1]!.trim();
        weights.push(value === 'bold' ? 700 : value === 'normal' ? 400 : Number(value));
      }
    }
    expect(weights.length).toBeGreaterThan(5);
    for (const w of weights) expect(w >= FONT_WEIGHTS.min && w <= FONT_WEIGHTS.max, String(w)).toBe(true);
    // The body's weight is the default 400, written nowhere.
    expect(FONT_WEIGHTS.min).toBe(400);
    expect(Math.max(...weights)).toBe(FONT_WEIGHTS.max);
  });
});

describe('subsetCached', () => {
  it('cuts once per key; a cached cut is the same bytes; other characters are another key', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'font-cache-'));
    const calls: string[] = [];
    const subset: Subsetter = async (_font, text) => {
      calls.push(text);
      return Buffer.from(`cut:${text}`);
    };
    const first = await subsetCached(cp('가나'), { cacheDir, subset });
    const again = await subsetCached(cp('가나'), { cacheDir, subset });
    expect(again).toEqual(first);
    expect(calls).toEqual(['가나']);
    await subsetCached(cp('가다'), { cacheDir, subset });
    expect(calls).toEqual(['가나', '가다']);
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  it('cuts once for callers asking while the cut runs (another plan of the same build), and again after a failure', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'font-cache-'));
    let cuts = 0;
    let fail = true;
    const subset: Subsetter = async (_font, text) => {
      cuts++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (fail) throw new Error('cut failed');
      return Buffer.from(text);
    };
    const failing = [subsetCached(cp('가나'), { cacheDir, subset }), subsetCached(cp('가나'), { cacheDir, subset })];
    for (const r of await Promise.allSettled(failing)) expect(r.status).toBe('rejected');
    expect(cuts).toBe(1);
    fail = false;
    expect(subsetIsCached(cp('가나'), { cacheDir })).toBe(false);
    const [a, b] = await Promise.all([subsetCached(cp('가나'), { cacheDir, subset }), subsetCached(cp('가나'), { cacheDir, subset })]);
    expect(a).toBe(b);
    expect(cuts).toBe(2);
    expect(subsetIsCached(cp('가나'), { cacheDir })).toBe(true);
  });

  it('names a file by its key, before it is cut: the cache file a cut of those characters is kept in', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'font-cache-'));
    const name = subsetFileName(cp('가나'));
    expect(name).toMatch(/^[0-9a-f]{12}\.woff2$/);
    expect(subsetFileName(cp('가나'))).toBe(name);
    expect(subsetFileName(cp('가다'))).not.toBe(name);
    await subsetCached(cp('가나'), { cacheDir, subset: async (_font, text) => Buffer.from(text) });
    const [cached] = readdirSync(cacheDir);
    expect(cached!.slice(0, 12)).toBe(name.slice(0, 12));
  });

  it('gives the real subsetter the same bytes cached or not', { timeout: 60_000 }, async () => {
    const chars = sorted(cp('한글 ABC'));
    const cold = await subsetCached(chars, { cacheDir: mkdtempSync(path.join(tmpdir(), 'font-cache-')) });
    const dir = mkdtempSync(path.join(tmpdir(), 'font-cache-'));
    await subsetCached(chars, { cacheDir: dir });
    const warm = await subsetCached(chars, { cacheDir: dir });
    expect(warm.equals(cold)).toBe(true);
    expect(cold.subarray(0, 4).toString('latin1')).toBe('wOF2');
  });
});

describe('fontCharactersCached', () => {
  const counting = (chars: number[]) => {
    const reads: string[] = [];
    const read: CmapReader = async (file) => {
      reads.push(file);
      return chars;
    };
    return { reads, read };
  };

  it('reads the font once; a cached answer is the same set; other font bytes are another key', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'font-cache-'));
    const fontFile = path.join(mkdtempSync(path.join(tmpdir(), 'font-file-')), 'font.woff2');
    writeFileSync(fontFile, 'font one');
    // Runs of code points, a single one and the Hangul syllables' first and last included.
    const chars = [0x20, 0x21, 0x22, 0x41, 0xac00, 0xac01, 0xd7a3];
    const { reads, read } = counting(chars);
    const first = await fontCharactersCached({ cacheDir, fontFile, read });
    const again = await fontCharactersCached({ cacheDir, fontFile, read });
    expect(reads).toEqual([fontFile]);
    expect([...first].sort((a, b) => a - b)).toEqual(chars);
    expect(again).toEqual(first);
    // Other bytes (in another file: a build reads its font once) are another key.
    const changed = path.join(path.dirname(fontFile), 'changed.woff2');
    writeFileSync(changed, 'font two');
    await fontCharactersCached({ cacheDir, fontFile: changed, read });
    expect(reads).toEqual([fontFile, changed]);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.cmap.json'))).toHaveLength(2);
  });

  it('reads the font once for callers asking while it is read', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'font-cache-'));
    const fontFile = path.join(mkdtempSync(path.join(tmpdir(), 'font-file-')), 'font.woff2');
    writeFileSync(fontFile, 'font');
    const { reads, read } = counting([0x41]);
    const [a, b] = await Promise.all([fontCharactersCached({ cacheDir, fontFile, read }), fontCharactersCached({ cacheDir, fontFile, read })]);
    expect(a).toBe(b);
    expect(reads).toHaveLength(1);
  });

  it('reads the font again when the cached file is unreadable', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'font-cache-'));
    const fontFile = path.join(mkdtempSync(path.join(tmpdir(), 'font-file-')), 'font.woff2');
    writeFileSync(fontFile, 'font');
    const { reads, read } = counting([0x41]);
    await fontCharactersCached({ cacheDir, fontFile, read });
    const [cached] = readdirSync(cacheDir);
    writeFileSync(path.join(cacheDir, cached!), '[[65,');
    expect([...(await fontCharactersCached({ cacheDir, fontFile, read }))]).toEqual([0x41]);
    expect(reads).toHaveLength(2);
  });

  it("gives Pretendard's real cmap cached or not, read here or in the font process", { timeout: 60_000 }, async () => {
    const fontFile = path.join(mkdtempSync(path.join(tmpdir(), 'font-file-')), 'PretendardVariable.woff2');
    copyFileSync(pretendardVariableFile(), fontFile);
    const direct = await fontCharacters(fontFile);
    expect(direct.size).toBeGreaterThan(10_000);
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'font-cache-'));
    const fonts = new FontProcess();
    const optimizing = new FontProcess({ optimize: true });
    try {
      const cold = await fontCharactersCached({ cacheDir, fontFile, read: fonts.cmap });
      const warm = await fontCharactersCached({ cacheDir, fontFile, read: () => Promise.reject(new Error('read again')) });
      expect(cold).toEqual(direct);
      expect(warm).toEqual(direct);
      // A cut in the font process, whether it optimizes the compressor or not, is the cut made here.
      const text = '한글 ABC 글꼴';
      const here = await cutFont(readFileSync(fontFile), text);
      expect((await fonts.cut(readFileSync(fontFile), text)).equals(here)).toBe(true);
      expect((await optimizing.cut(readFileSync(fontFile), text)).equals(here)).toBe(true);
    } finally {
      await Promise.all([fonts.end(), optimizing.end()]);
    }
  });
});
