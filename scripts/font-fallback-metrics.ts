// Prints the measurements behind the site's metric-matched fallback fonts (src/core/font-fallback.ts):
// Pretendard's (the installed package's variable font, at weights 400 and 700) and each system
// font's, read from its file, over the sample text (the seed note as a page shows it:
// sampleText()). Paste the printed constants into src/core/font-fallback.ts.
//
//   node_modules/.bin/node scripts/font-fallback-metrics.ts <fonts folder>
//
// The system fonts are not in the project; they come from Debian's packages, unpacked into a
// temporary folder (never installed), e.g.
//   apt-get download fonts-noto-cjk fonts-nanum && for f in *.deb; do dpkg-deb -x "$f" x; done
//   node_modules/.bin/node scripts/font-fallback-metrics.ts x/usr/share/fonts
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fallbackFaceRules, type FallbackSource, type FontMeasure } from '../src/core/font-fallback.ts';
import { pretendardVariableFile } from '../src/site/font-subset.ts';
import { measureFont, sfntBytes } from '../src/site/font-metrics.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The seed note's text as a page shows it: no link targets, comments or Markdown marks. */
export function sampleText(file = path.join(HERE, 'font-fallback-sample.md')): string {
  return readFileSync(file, 'utf8')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/^(#+|[-*]|\d+\.|=+)\s*/gm, '')
    .replace(/\*\*|\[|\]|`/g, '');
}

/** Pretendard, as the site's files are cut from it: regular (400) and bold (700). */
export async function measurePretendard(sample = sampleText()): Promise<{ regular: FontMeasure; bold: FontMeasure }> {
  const file = pretendardVariableFile();
  return { regular: await measureFont(file, sample, { wght: 400 }), bold: await measureFont(file, sample, { wght: 700 }) };
}

interface SystemFont {
  family: string;
  local: FallbackSource['local'];
  /** Path under the fonts folder and face index, per weight. */
  regular: [string, number];
  bold: [string, number];
}

// Face 1 of Debian's Noto Sans CJK collections is the KR face (checked below by its name).
const SYSTEM_FONTS: SystemFont[] = [
  {
    family: 'Notes Fallback Noto',
    local: { regular: ['Noto Sans CJK KR', 'NotoSansCJKkr-Regular'], bold: ['Noto Sans CJK KR Bold', 'NotoSansCJKkr-Bold'] },
    regular: ['opentype/noto/NotoSansCJK-Regular.ttc', 1],
    bold: ['opentype/noto/NotoSansCJK-Bold.ttc', 1],
  },
  {
    family: 'Notes Fallback Nanum',
    local: { regular: ['NanumGothic', '나눔고딕'], bold: ['NanumGothic Bold', 'NanumGothicBold', '나눔고딕 Bold'] },
    regular: ['truetype/nanum/NanumGothic.ttf', 0],
    bold: ['truetype/nanum/NanumGothicBold.ttf', 0],
  },
];

async function faceNames(file: string, index: number): Promise<string> {
  const hb = await import('harfbuzzjs');
  const face = new hb.Face(new hb.Blob(await sfntBytes(file)), index);
  return `full name "${face.getName(4, 'en')}", PostScript "${face.getName(6, 'en')}"`;
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: font-fallback-metrics.ts <fonts folder>');
  const sample = sampleText();
  const pretendard = await measurePretendard(sample);
  const sources: FallbackSource[] = [];
  for (const font of SYSTEM_FONTS) {
    const file = (rel: string) => path.join(dir, rel);
    const sha = (rel: string) => createHash('sha256').update(readFileSync(file(rel))).digest('hex').slice(0, 16);
    for (const [rel, index] of [font.regular, font.bold]) console.error(`${rel} #${index}: ${await faceNames(file(rel), index)}`);
    sources.push({
      family: font.family,
      local: font.local,
      file: { regular: `${font.regular[0]}#${font.regular[1]} sha256:${sha(font.regular[0])}`, bold: `${font.bold[0]}#${font.bold[1]} sha256:${sha(font.bold[0])}` },
      regular: await measureFont(file(font.regular[0]), sample, { index: font.regular[1] }),
      bold: await measureFont(file(font.bold[0]), sample, { index: font.bold[1] }),
    });
  }
  console.log(`export const PRETENDARD_MEASURE: { regular: FontMeasure; bold: FontMeasure } = ${JSON.stringify(pretendard, null, 2)};`);
  console.log(`export const FALLBACK_SOURCES: FallbackSource[] = ${JSON.stringify(sources, null, 2)};`);
  console.error('\nThe rules they give:\n' + fallbackFaceRules(pretendard, sources));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
