// The render's fast paths change nothing in the site: the same content built with them (the
// default) and without them gives byte-identical dist/ folders and the same diagnostics. They are
// the native parse (src/markdown/native-parse.ts; NOTES_NATIVE_PARSE=0: micromark for every note)
// and rehype-raw only for trees with raw HTML (src/markdown/rehype-raw-when-needed.ts;
// NOTES_RAW=always). The content mixes the e2e site, the seed, the Markdown fixtures, notes with warnings, GitHub syntax
// (math, footnotes, alerts, raw HTML, Mermaid: notes that fall back to micromark and notes
// rehype-raw parses), links between notes and generated notes (scripts/bench-notes.ts: notes
// satteri parses and rehype-raw skips), enough for the render workers.
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBenchNotes } from '../../scripts/bench-notes.ts';
import { findChromium } from '../../src/markdown/remark-mermaid.ts';
import { buildSite, cleanup, diagnosticsOf, differingFiles, keepDist, listFiles, prepareSite, ROOT, SITES, type BuildResult } from './build-site.ts';

const workDirs: string[] = [];
afterAll(() => workDirs.forEach(cleanup));

/** The notes each parser took, summed over the render pool's summary lines (processor.ts). */
function parsedBy(result: BuildResult): { satteri: number; micromark: number } {
  const sums = { satteri: 0, micromark: 0 };
  for (const m of result.output.matchAll(/\[notes-render\] .* parsed by satteri (\d+), by micromark (\d+)/g)) {
    sums.satteri += Number(m[1]);
    sums.micromark += Number(m[2]);
  }
  return sums;
}

describe('fast paths', () => {
  it('build the same dist/ and diagnostics as micromark and rehype-raw on every note', async () => {
    const { workDir, content } = prepareSite('e2e');
    workDirs.push(workDir);
    cpSync(path.join(SITES, 'check-warnings/content'), path.join(content, '09-경고'), { recursive: true });
    cpSync(path.join(SITES, 'github-parity/content'), path.join(content, '08-깃허브'), { recursive: true });
    cpSync(path.join(SITES, 'note-links/content'), path.join(content, '07-링크'), { recursive: true });
    copyFileSync(path.join(ROOT, 'content/01-llm-소개.md'), path.join(content, '06-llm-소개.md'));
    // The Markdown fixtures as notes (all but the one with KaTeX errors, which fail a build).
    const fixtures = path.join(ROOT, 'tests/fixtures/markdown');
    mkdirSync(path.join(content, '05-조각'));
    for (const name of readdirSync(fixtures).filter((n) => n !== 'math-errors')) {
      const input = readdirSync(path.join(fixtures, name)).find((f) => f.startsWith('input.'))!;
      copyFileSync(path.join(fixtures, name, input), path.join(content, '05-조각', `${name}${path.extname(input)}`));
    }
    writeBenchNotes(path.join(content, '10-생성'), 60);

    const builds: BuildResult[] = [];
    // Mermaid as the build makes it (inline SVG where Chromium is found, as in CI): elements rehype-raw parses again.
    for (const fast of [true, false]) {
      rmSync(path.join(workDir, 'cache'), { recursive: true, force: true });
      const env = fast ? { NOTES_NATIVE_PARSE: '1', NOTES_RAW: 'auto' } : { NOTES_NATIVE_PARSE: '0', NOTES_RAW: 'always' };
      const result = await buildSite(workDir, { env, timeoutMs: 170_000 });
      expect(result.ok, result.output).toBe(true);
      builds.push(keepDist(result, workDir, fast ? 'fast' : 'reference'));
    }
    const [fast, reference] = builds as [BuildResult, BuildResult];
    expect(listFiles(reference.dist).length).toBeGreaterThan(80);
    expect(differingFiles(reference.dist, fast.dist)).toEqual([]);

    // Not a vacuous pass: the render pool's summary counts the notes each parser took (that rehype-raw
    // is skipped in Astro's own processor: tests/unit/rehype-raw-when-needed.test.ts).
    expect(parsedBy(fast).satteri).toBeGreaterThanOrEqual(60);
    expect(parsedBy(fast).micromark).toBeGreaterThan(0);
    expect(reference.output).toMatch(/\[notes-render\] .*; native parse off/);
    const pages = listFiles(fast.dist).filter((f) => f.endsWith('.html')).map((f) => readFileSync(path.join(fast.dist, f), 'utf8'));
    if (findChromium()) expect(pages.some((html) => html.includes('data-mermaid="svg"'))).toBe(true);

    const found = diagnosticsOf(reference, { hints: true });
    expect(found.length).toBeGreaterThan(3);
    expect(diagnosticsOf(fast, { hints: true })).toEqual(found);
  }, 400_000);
});
