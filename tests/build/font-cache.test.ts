// A build with an empty font cache (a fresh clone) plans its font files as soon as the notes are
// loaded and cuts them while Vite bundles; the pages plan them again and take those cuts
// (src/site/font-files.ts). Each file is cut once, and a build with the cache filled gives the
// same site. A site with few files is cut by a process that does not optimize the compressor, one
// with more by one that does (src/site/font-process.ts FEW_CUTS): the same bytes either way.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEW_CUTS } from '../../src/site/font-process.ts';
import { buildSite, cleanup, differingFiles, keepDist, prepareSite, type BuildResult } from './build-site.ts';

interface Builds {
  cold: BuildResult;
  warm: BuildResult;
  cache: string;
}

/** Two builds of `content` files sharing a font cache that starts empty. */
async function buildTwice(files: Record<string, string>): Promise<Builds> {
  const { workDir, content } = prepareSite();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(content, name), text);
  const cache = path.join(workDir, 'fonts');
  const env = { NOTES_FONT_CACHE_DIR: cache, NOTES_STRICT: '1' };
  const cold = keepDist(await buildSite(workDir, { env }), workDir, 'cold');
  const warm = await buildSite(workDir, { env });
  return { cold, warm, cache };
}

const woff2 = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.woff2'));

/** Every Hangul syllable from `from`, `count` of them, a line of 50 each. */
function syllables(from: number, count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i += 50) {
    lines.push(Array.from({ length: Math.min(50, count - i) }, (_, j) => String.fromCharCode(0xac00 + from + i + j)).join(''));
  }
  return lines.join('\n\n');
}

let few: Builds;
let many: Builds;

beforeAll(async () => {
  few = await buildTwice({ '01-노트.md': '# 첫 노트\n\n한국어 본문입니다.\n' });
  // 1600 characters no page frame shows: the first file and six more.
  many = await buildTwice({ '01-노트.md': `# 많은 글자\n\n${syllables(3000, 1600)}\n` });
}, 600_000);

afterAll(() => {
  for (const b of [few, many]) if (b?.cold.ok && b.warm.ok) cleanup(b.cold.workDir);
});

describe.each([
  ['few', () => few, (n: number) => n <= FEW_CUTS],
  ['many', () => many, (n: number) => n > FEW_CUTS],
] as const)('a build with an empty font cache, %s files', (_, builds, expectedCount) => {
  it('builds, then builds the same site from the filled cache', () => {
    const { cold, warm } = builds();
    expect(cold.ok, cold.output).toBe(true);
    expect(warm.ok, warm.output).toBe(true);
    expect(differingFiles(cold.dist, warm.dist)).toEqual([]);
  });

  it('cuts each file of the site once', () => {
    const { cold, cache } = builds();
    const site = woff2(path.join(cold.dist, 'fonts'));
    expect(expectedCount(site.length), `${site.length} files`).toBe(true);
    // The cache holds a file per cut (named by the whole key; the site by its first 12 characters)
    // and the cmap; a second plan that differed from the first would have left more.
    const cached = woff2(cache);
    expect(cached.map((f) => `${f.slice(0, 12)}.woff2`).sort()).toEqual([...site].sort());
    expect(readdirSync(cache).filter((f) => !f.endsWith('.woff2'))).toEqual([expect.stringMatching(/\.cmap\.json$/)]);
  });
});
