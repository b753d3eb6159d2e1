// The same content builds to the same site every time: two cold builds (render workers on, so
// notes finish in no fixed order) give byte-identical dist/ folders (pages, sitemap, search
// index) and the same diagnostics, whatever order the loader and the workers happened to take.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, cleanup, diagnosticsOf, differingFiles, keepDist, listFiles, prepareSite, SITES, type BuildResult } from './build-site.ts';
import { generateNotes } from './generate-notes.ts';

const workDirs: string[] = [];
afterAll(() => workDirs.forEach(cleanup));

describe('deterministic builds', () => {
  it('two cold builds of the same content give byte-identical dist/ and the same diagnostics', async () => {
    const { workDir, content } = prepareSite('e2e');
    workDirs.push(workDir);
    cpSync(path.join(SITES, 'check-warnings/content'), path.join(content, '09-경고'), { recursive: true });
    generateNotes(path.join(content, '10-생성'), 3, 15);

    const builds: BuildResult[] = [];
    for (let i = 0; i < 2; i++) {
      rmSync(path.join(workDir, 'cache'), { recursive: true, force: true });
      const result = await buildSite(workDir, { env: { NOTES_RENDER_WORKERS: '2' }, timeoutMs: 170_000 });
      expect(result.ok, result.output).toBe(true);
      builds.push(keepDist(result, workDir, String(i)));
    }
    const [a, b] = builds as [BuildResult, BuildResult];
    expect(listFiles(a.dist).length).toBeGreaterThan(60);
    expect(differingFiles(a.dist, b.dist)).toEqual([]);

    const found = diagnosticsOf(a, { hints: true });
    expect(found.length).toBeGreaterThan(3);
    expect(diagnosticsOf(b, { hints: true })).toEqual(found);
  }, 400_000);
});
