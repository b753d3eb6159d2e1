// The native parse (src/markdown/native-parse.ts) changes nothing in the site: the same content
// built with it (the default) and without it (NOTES_NATIVE_PARSE=0, micromark for every note)
// gives byte-identical dist/ folders and the same diagnostics. The content mixes the e2e site,
// notes with warnings, GitHub syntax (math, footnotes, alerts: notes that fall back) and
// generated notes (scripts/bench-notes.ts: notes satteri parses), enough for the render workers.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBenchNotes } from '../../scripts/bench-notes.ts';
import { buildSite, cleanup, diagnosticsOf, differingFiles, keepDist, listFiles, prepareSite, SITES, type BuildResult } from './build-site.ts';

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

describe('native parse', () => {
  it('builds the same dist/ and diagnostics as micromark alone', async () => {
    const { workDir, content } = prepareSite('e2e');
    workDirs.push(workDir);
    cpSync(path.join(SITES, 'check-warnings/content'), path.join(content, '09-경고'), { recursive: true });
    cpSync(path.join(SITES, 'github-parity/content'), path.join(content, '08-깃허브'), { recursive: true });
    writeBenchNotes(path.join(content, '10-생성'), 60);

    const builds: BuildResult[] = [];
    for (const native of ['1', '0']) {
      rmSync(path.join(workDir, 'cache'), { recursive: true, force: true });
      const result = await buildSite(workDir, { env: { NOTES_NATIVE_PARSE: native, NOTES_MERMAID: 'client' }, timeoutMs: 170_000 });
      expect(result.ok, result.output).toBe(true);
      builds.push(keepDist(result, workDir, native));
    }
    const [withNative, micromark] = builds as [BuildResult, BuildResult];
    expect(listFiles(micromark.dist).length).toBeGreaterThan(80);
    expect(differingFiles(micromark.dist, withNative.dist)).toEqual([]);

    // Not a vacuous pass: the render pool's summary counts the notes each parser took.
    expect(parsedBy(withNative).satteri).toBeGreaterThanOrEqual(60);
    expect(parsedBy(withNative).micromark).toBeGreaterThan(0);
    expect(micromark.output).toMatch(/\[notes-render\] .*; native parse off/);

    const found = diagnosticsOf(micromark, { hints: true });
    expect(found.length).toBeGreaterThan(3);
    expect(diagnosticsOf(withNative, { hints: true })).toEqual(found);
  }, 400_000);
});
