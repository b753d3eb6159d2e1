// The fast path gives the same site: notes rendered on worker threads (src/markdown/processor.ts,
// NOTES_RENDER_WORKERS=2) and in process (NOTES_RENDER_WORKERS=0) build byte-identical dist/
// folders, and the plugins' warnings reach the build's output from the workers too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, cleanup, listFiles, prepareSite } from './build-site.ts';

const FIXTURES = ['github-parity', 'note-links', 'check-warnings'];
const workDirs: string[] = [];
afterAll(() => workDirs.forEach(cleanup));

/** The note warnings a build printed (file:line and message), sorted. */
const warnings = ({ output, workDir }: { output: string; workDir: string }) =>
  output
    .replaceAll(path.basename(workDir), '<work>')
    .split('\n')
    .filter((l) => /\[WARN\]|warning/i.test(l) && /\.mdx?:\d+/.test(l))
    .map((l) => l.replace(/^\S*\d\d:\d\d:\d\d\s*/, '').trim())
    .sort();

describe('render workers', () => {
  for (const fixture of FIXTURES) {
    it(`build ${fixture} byte for byte as the in-process renderer does`, async () => {
      const results = [];
      for (const workers of ['0', '2']) {
        const { workDir } = prepareSite(fixture);
        workDirs.push(workDir);
        const result = await buildSite(workDir, { env: { NOTES_RENDER_WORKERS: workers, NOTES_MERMAID: 'client' }, timeoutMs: 170_000 });
        expect(result.ok, result.output).toBe(true);
        results.push(result);
      }
      const [plain, fast] = results as [Awaited<ReturnType<typeof buildSite>>, Awaited<ReturnType<typeof buildSite>>];
      const files = listFiles(plain.dist);
      expect(listFiles(fast.dist)).toEqual(files);
      const differing = files.filter((f) => !readFileSync(path.join(plain.dist, f)).equals(readFileSync(path.join(fast.dist, f))));
      expect(differing).toEqual([]);
      expect(warnings(fast)).toEqual(warnings(plain));
      expect(fast.output).toMatch(/\[notes-render\] [1-9]\d* note\(s\) rendered on the main thread and 1 worker thread\(s\)/);
      expect(plain.output).not.toContain('[notes-render]');
    }, 360_000);
  }
});
