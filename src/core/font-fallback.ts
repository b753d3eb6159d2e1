// Metric-matched fallbacks for the site's font. Until "Notes Sans" (Pretendard cut to the site's
// characters) arrives, text paints in a system font; where that font's text is wider or narrower,
// lines wrap differently and the page shifts when the font swaps in. Each fallback here is an
// @font-face over a system font (`src: local(…)`) scaled with `size-adjust` so that Korean text as
// the site shows it comes out as wide as in Pretendard, and with the vertical metrics overridden to
// Pretendard's, so the swap moves as little as possible.
//
// The numbers are measured from the font files, never set by hand: `scripts/font-fallback-metrics.ts`
// shapes the sample text (the seed note, scripts/font-fallback-sample.md) with HarfBuzz in each font
// and prints the `FALLBACK_SOURCES` entries below; the unit test re-measures Pretendard from the
// installed package. Fonts whose files cannot be had here (Apple SD Gothic Neo, Malgun Gothic) have
// no entry: they stay unadjusted in --font-sans.

/** Mean advance (em per character) by kind of character. */
export interface TextWidths {
  hangul: number;
  latin: number;
  other: number;
}

/** What scripts/font-fallback-metrics.ts reads from a font file (src/site/font-metrics.ts). */
export interface FontMeasure {
  upem: number;
  hhea: { ascender: number; descender: number; lineGap: number };
  typo: { ascender: number; descender: number; lineGap: number };
  win: { ascent: number; descent: number };
  useTypoMetrics: boolean;
  advance: TextWidths;
  /** Glyphs counted per kind. */
  count: TextWidths;
}

/** A system font to adjust, with what was measured from its file. */
export interface FallbackSource {
  /** The family name of the adjusted face (what --font-sans lists). */
  family: string;
  /** `local()` names: full name and PostScript name of the face, per weight. */
  local: { regular: string[]; bold: string[] };
  /** Where the measured file came from. */
  file: { regular: string; bold: string };
  regular: FontMeasure;
  bold: FontMeasure;
}

/** Weights the regular face covers; the bold face covers the rest (site: 400 … 750). */
export const BOLD_FROM = 600;

type Kind = keyof TextWidths;

/**
 * The factor that makes `fallback`'s text of the given kinds as wide as `target`'s: the ratio of
 * their widths over the sample's mix of those characters (weights: how many of each kind the
 * target shaped).
 */
export function sizeAdjust(target: FontMeasure, fallback: FontMeasure, kinds: readonly Kind[] = ['hangul', 'latin', 'other']): number {
  const width = (m: FontMeasure) => kinds.reduce((sum, k) => sum + target.count[k] * m.advance[k], 0);
  return width(target) / width(fallback);
}

/**
 * Hangul syllables get a face of their own: a system font's Hangul and Latin differ from
 * Pretendard's by different factors (Noto Sans CJK KR: Hangul 6.5 % wider, Latin 2.5 % wider), so
 * one factor for both leaves Korean lines wider and Latin narrower. Same family, later rule: a
 * browser checks it first for the characters of its range.
 */
const HANGUL_SYLLABLES = 'U+AC00-D7A3';

/**
 * The ascent, descent and line gap a browser takes from a font, in em: OS/2's typographic values
 * when the font asks for them (USE_TYPO_METRICS), else hhea's (Chromium and Firefox on Linux and
 * macOS; Pretendard's hhea and win values agree, so Windows reads the same).
 */
export function verticalMetrics(m: FontMeasure): { ascent: number; descent: number; lineGap: number } {
  const v = m.useTypoMetrics ? m.typo : m.hhea;
  return { ascent: v.ascender / m.upem, descent: -v.descender / m.upem, lineGap: v.lineGap / m.upem };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/** One adjusted face: `fallback` made to measure like `target` for the given kinds of characters. */
export function fallbackFaceRule(
  family: string,
  local: readonly string[],
  weight: string,
  target: FontMeasure,
  fallback: FontMeasure,
  { kinds, range }: { kinds?: readonly Kind[]; range?: string } = {},
): string {
  const scale = sizeAdjust(target, fallback, kinds);
  const v = verticalMetrics(target);
  // The overrides are scaled by size-adjust, so Pretendard's metrics are divided by it.
  return (
    `@font-face{font-family:"${family}";font-style:normal;font-weight:${weight};` +
    `src:${local.map((name) => `local("${name}")`).join(',')};` +
    `size-adjust:${pct(scale)};ascent-override:${pct(v.ascent / scale)};descent-override:${pct(v.descent / scale)};line-gap-override:${pct(v.lineGap / scale)}` +
    `${range ? `;unicode-range:${range}` : ''}}\n`
  );
}

/**
 * The @font-face rules of every fallback against Pretendard's measures: regular and bold, each as
 * a face for everything but Hangul syllables (scaled by the sample's Latin and other characters)
 * and one for Hangul syllables.
 */
export function fallbackFaceRules(pretendard: { regular: FontMeasure; bold: FontMeasure }, sources: readonly FallbackSource[] = FALLBACK_SOURCES): string {
  const rules: string[] = [];
  for (const s of sources) {
    for (const [weight, local, target, fallback] of [
      [`1 ${BOLD_FROM - 1}`, s.local.regular, pretendard.regular, s.regular],
      [`${BOLD_FROM} 1000`, s.local.bold, pretendard.bold, s.bold],
    ] as const) {
      rules.push(fallbackFaceRule(s.family, local, weight, target, fallback, { kinds: ['latin', 'other'] }));
      rules.push(fallbackFaceRule(s.family, local, weight, target, fallback, { kinds: ['hangul'], range: HANGUL_SYLLABLES }));
    }
  }
  return rules.join('');
}

// --- Measured by scripts/font-fallback-metrics.ts (do not edit by hand) ---
export const PRETENDARD_MEASURE: { regular: FontMeasure; bold: FontMeasure } = {
  "regular": {
    "upem": 2048,
    "hhea": {
      "ascender": 1950,
      "descender": -494,
      "lineGap": 0
    },
    "typo": {
      "ascender": 1950,
      "descender": -494,
      "lineGap": 0
    },
    "win": {
      "ascent": 1950,
      "descent": 494
    },
    "useTypoMetrics": true,
    "advance": {
      "hangul": 0.8642578125,
      "latin": 0.5380127656700289,
      "other": 0.2768571790170753
    },
    "count": {
      "hangul": 866,
      "latin": 347,
      "other": 571
    }
  },
  "bold": {
    "upem": 2048,
    "hhea": {
      "ascender": 1950,
      "descender": -494,
      "lineGap": 0
    },
    "typo": {
      "ascender": 1950,
      "descender": -494,
      "lineGap": 0
    },
    "win": {
      "ascent": 1950,
      "descent": 494
    },
    "useTypoMetrics": true,
    "advance": {
      "hangul": 0.8642578125,
      "latin": 0.5653452584654178,
      "other": 0.2683956326619965
    },
    "count": {
      "hangul": 866,
      "latin": 347,
      "other": 571
    }
  }
};
export const FALLBACK_SOURCES: FallbackSource[] = [
  {
    "family": "Notes Fallback Noto",
    "local": {
      "regular": [
        "Noto Sans CJK KR",
        "NotoSansCJKkr-Regular"
      ],
      "bold": [
        "Noto Sans CJK KR Bold",
        "NotoSansCJKkr-Bold"
      ]
    },
    "file": {
      "regular": "opentype/noto/NotoSansCJK-Regular.ttc#1 sha256:b76b0433203017ca",
      "bold": "opentype/noto/NotoSansCJK-Bold.ttc#1 sha256:faa5f3656a78b2e2"
    },
    "regular": {
      "upem": 1000,
      "hhea": {
        "ascender": 1160,
        "descender": -288,
        "lineGap": 0
      },
      "typo": {
        "ascender": 880,
        "descender": -120,
        "lineGap": 0
      },
      "win": {
        "ascent": 1160,
        "descent": 288
      },
      "useTypoMetrics": false,
      "advance": {
        "hangul": 0.92,
        "latin": 0.5519942363112392,
        "other": 0.273323992994746
      },
      "count": {
        "hangul": 866,
        "latin": 347,
        "other": 571
      }
    },
    "bold": {
      "upem": 1000,
      "hhea": {
        "ascender": 1160,
        "descender": -288,
        "lineGap": 0
      },
      "typo": {
        "ascender": 880,
        "descender": -120,
        "lineGap": 0
      },
      "win": {
        "ascent": 1160,
        "descent": 288
      },
      "useTypoMetrics": false,
      "advance": {
        "hangul": 0.92,
        "latin": 0.5844668587896253,
        "other": 0.2816900175131349
      },
      "count": {
        "hangul": 866,
        "latin": 347,
        "other": 571
      }
    }
  },
  {
    "family": "Notes Fallback Nanum",
    "local": {
      "regular": [
        "NanumGothic",
        "나눔고딕"
      ],
      "bold": [
        "NanumGothic Bold",
        "NanumGothicBold",
        "나눔고딕 Bold"
      ]
    },
    "file": {
      "regular": "truetype/nanum/NanumGothic.ttf#0 sha256:48a28e97b34fc8e5",
      "bold": "truetype/nanum/NanumGothicBold.ttf#0 sha256:454eb3f503f37778"
    },
    "regular": {
      "upem": 1000,
      "hhea": {
        "ascender": 920,
        "descender": -230,
        "lineGap": 0
      },
      "typo": {
        "ascender": 800,
        "descender": -200,
        "lineGap": 0
      },
      "win": {
        "ascent": 920,
        "descent": 230
      },
      "useTypoMetrics": false,
      "advance": {
        "hangul": 0.94,
        "latin": 0.5468876080691643,
        "other": 0.31122591943957967
      },
      "count": {
        "hangul": 866,
        "latin": 347,
        "other": 571
      }
    },
    "bold": {
      "upem": 1000,
      "hhea": {
        "ascender": 920,
        "descender": -230,
        "lineGap": 0
      },
      "typo": {
        "ascender": 800,
        "descender": -200,
        "lineGap": 0
      },
      "win": {
        "ascent": 920,
        "descent": 230
      },
      "useTypoMetrics": false,
      "advance": {
        "hangul": 0.94,
        "latin": 0.5468876080691643,
        "other": 0.31122591943957967
      },
      "count": {
        "hangul": 866,
        "latin": 347,
        "other": 571
      }
    }
  }
];
// --- end of what the script printed ---
