// The metric-matched fallback fonts (src/core/font-fallback.ts): the rules computed from measured
// fonts, Pretendard's measures as the installed package gives them, and --font-sans listing the
// adjusted faces.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measurePretendard } from '../../scripts/font-fallback-metrics.ts';
import { FALLBACK_SOURCES, fallbackFaceRule, fallbackFaceRules, type FontMeasure, PRETENDARD_MEASURE, sizeAdjust } from '../../src/core/font-fallback.ts';

const measure = (advance: FontMeasure['advance'], count: FontMeasure['count'], upem = 1000, asc = 900, desc = -250): FontMeasure => ({
  upem,
  hhea: { ascender: asc, descender: desc, lineGap: 0 },
  typo: { ascender: asc, descender: desc, lineGap: 0 },
  win: { ascent: asc, descent: -desc },
  useTypoMetrics: false,
  advance,
  count,
});

describe('fallback faces', () => {
  it('scales the fallback so the sample is as wide as in the target, weighting kinds by the target\'s counts', () => {
    const target = measure({ hangul: 0.8, latin: 0.5, other: 0.3 }, { hangul: 3, latin: 1, other: 0 });
    const fallback = measure({ hangul: 1, latin: 0.5, other: 0.25 }, { hangul: 3, latin: 1, other: 0 });
    // (3·0.8 + 0.5) / (3·1 + 0.5) = 2.9 / 3.5
    expect(sizeAdjust(target, fallback)).toBeCloseTo(2.9 / 3.5, 12);
  });

  it('writes one rule: size-adjust, and the target\'s vertical metrics divided by it', () => {
    const target = measure({ hangul: 0.8, latin: 0, other: 0 }, { hangul: 1, latin: 0, other: 0 }, 2000, 1800, -400);
    const fallback = measure({ hangul: 1, latin: 0, other: 0 }, { hangul: 1, latin: 0, other: 0 });
    expect(fallbackFaceRule('F', ['A', 'A-Regular'], '1 599', target, fallback)).toBe(
      '@font-face{font-family:"F";font-style:normal;font-weight:1 599;src:local("A"),local("A-Regular");' +
        'size-adjust:80.00%;ascent-override:112.50%;descent-override:25.00%;line-gap-override:0.00%}\n',
    );
  });

  it('has Pretendard\'s measures as the installed package\'s variable font gives them', async () => {
    expect(await measurePretendard()).toEqual(PRETENDARD_MEASURE);
  });

  it('gives each measured system font a regular and a bold face, Hangul syllables apart, with the numbers the script printed', () => {
    const css = fallbackFaceRules(PRETENDARD_MEASURE);
    expect(FALLBACK_SOURCES.map((s) => s.family)).toEqual(['Notes Fallback Noto', 'Notes Fallback Nanum']);
    // Noto Sans CJK KR's Hangul syllables are 1 em wide with 0.92 em advances, Pretendard's
    // 1770/2048 em: 93.94 %. Its Latin and punctuation, weighted as the seed note uses them: 99.18 %
    // (scripts/font-fallback-metrics.ts prints both).
    const local = 'src:local("Noto Sans CJK KR"),local("NotoSansCJKkr-Regular");';
    expect(css).toContain(
      `@font-face{font-family:"Notes Fallback Noto";font-style:normal;font-weight:1 599;${local}size-adjust:99.18%;ascent-override:96.00%;descent-override:24.32%;line-gap-override:0.00%}\n` +
        `@font-face{font-family:"Notes Fallback Noto";font-style:normal;font-weight:1 599;${local}size-adjust:93.94%;ascent-override:101.36%;descent-override:25.68%;line-gap-override:0.00%;unicode-range:U+AC00-D7A3}\n`,
    );
    expect(PRETENDARD_MEASURE.regular.advance.hangul).toBe(1770 / 2048);
    expect(css.match(/@font-face/g)).toHaveLength(4 * FALLBACK_SOURCES.length);
    expect(css).not.toMatch(/NaN|Infinity/);
  });

  it('scales a face of Hangul syllables by the Hangul advances alone', () => {
    const noto = FALLBACK_SOURCES[0]!.regular;
    expect(sizeAdjust(PRETENDARD_MEASURE.regular, noto, ['hangul'])).toBeCloseTo(1770 / 2048 / 0.92, 12);
  });

  it('lists the adjusted faces in --font-sans after Notes Sans and a local Pretendard, before the unadjusted system fonts', () => {
    const tokens = readFileSync(path.join(import.meta.dirname, '../../src/styles/tokens.css'), 'utf8');
    const families = /--font-sans:([^;]+);/.exec(tokens)![1]!.split(',').map((f) => f.trim().replace(/^'|'$/g, ''));
    expect(families.slice(0, 3 + FALLBACK_SOURCES.length)).toEqual(['Notes Sans', 'Pretendard Variable', 'Pretendard', ...FALLBACK_SOURCES.map((s) => s.family)]);
  });
});
