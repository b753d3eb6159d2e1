// Issue 14: a build that reuses Astro's content store (NOTES_CACHE_DIR kept between builds) gives
// the same site and the same diagnostics as a build without it, when only what a note depends on
// changes, never the note: an image added, replaced and removed, a linked note added and removed,
// a linked note's heading renamed, a file under public/ added and removed, the base path changed.
// Each step builds twice: with the kept store, then with an empty one; dist/ must be byte-identical.
import { cpSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, cleanup, diagnosticsOf, differingFiles, keepDist, listFiles, prepareSite, ROOT, SITES, type BuildResult } from './build-site.ts';

const IMAGES = path.join(SITES, 'note-links/content/images');
const NOTE = [
  '# 가',
  '',
  '![그림](./그림/fig.png)',
  '',
  '[나](./02-나.md)',
  '',
  '[다의 개요](./03-다.md#개요)',
  '',
  '[공개 파일](/extra.txt)',
  '',
  '[자료](./자료.txt)',
  '',
].join('\n');

const { workDir, content } = prepareSite();
const publicDir = path.join(workDir, 'public');
cpSync(path.join(ROOT, 'public'), publicDir, { recursive: true });
writeFileSync(path.join(content, '01-가.md'), NOTE);
writeFileSync(path.join(content, '03-다.md'), '# 다\n\n## 개요\n\n본문\n');
const noteBytes = readFileSync(path.join(content, '01-가.md'));

afterAll(() => cleanup(workDir));

/** Build with the kept store, then with none; both must agree. Returns the cached build's diagnostics. */
async function buildBoth(env: Record<string, string> = {}): Promise<{ diagnostics: string[]; page: string; output: string }> {
  const shared = { NOTES_PUBLIC_DIR: publicDir, ...env };
  const cached = await buildSite(workDir, { env: shared });
  expect(cached.ok, cached.output).toBe(true);
  const kept = keepDist(cached, workDir, 'cached').dist;
  const fresh = await buildSite(workDir, { env: { ...shared, NOTES_CACHE_DIR: path.join(workDir, 'cache-fresh') } });
  rmSync(path.join(workDir, 'cache-fresh'), { recursive: true, force: true });
  expect(fresh.ok, fresh.output).toBe(true);
  expect(diagnosticsOf(cached)).toEqual(diagnosticsOf(fresh));
  expect(differingFiles(fresh.dist, kept)).toEqual([]);
  // Only dependencies changed, never the note.
  expect(readFileSync(path.join(content, '01-가.md')).equals(noteBytes)).toBe(true);
  return { diagnostics: diagnosticsOf(cached), page: readFileSync(path.join(kept, '가', 'index.html'), 'utf8'), output: cached.output };
}

/** `01-가.md:3:1 missing-image` for each diagnostic. */
const codes = (diagnostics: string[]) => diagnostics.map((d) => /^(\S+) \w+ \[([\w-]+)\]/.exec(d)!.slice(1).map((p, i) => (i === 0 ? path.basename(p) : p)).join(' '));

describe('the content store kept between builds', { timeout: 600_000 }, () => {
  it('follows what a note links to and embeds, as a build without it does', async () => {
    // 1. Nothing the note points to exists yet.
    let built = await buildBoth();
    expect(codes(built.diagnostics)).toEqual(['01-가.md:11:1 missing-file', '01-가.md:3:1 missing-image', '01-가.md:5:1 missing-note', '01-가.md:9:1 broken-site-link']);

    // Nothing changed: every note comes from the store.
    const again = await buildSite(workDir, { env: { NOTES_PUBLIC_DIR: publicDir } });
    expect(again.output).not.toMatch(/rendered again/);
    expect(diagnosticsOf(again)).toEqual(built.diagnostics);

    // 2. Image, note, file and public file added; the linked heading renamed.
    mkdirSync(path.join(content, '그림'));
    cpSync(path.join(IMAGES, 'fig.png'), path.join(content, '그림', 'fig.png'));
    writeFileSync(path.join(content, '02-나.md'), '# 나\n');
    writeFileSync(path.join(content, '자료.txt'), '자료\n');
    writeFileSync(path.join(publicDir, 'extra.txt'), 'extra\n');
    writeFileSync(path.join(content, '03-다.md'), '# 다\n\n## 요약\n\n본문\n');
    built = await buildBoth();
    // Only the note whose dependencies changed is rendered again: the store is kept.
    expect(built.output).toMatch(/1 note\(s\) rendered again: files they link to or embed changed \([^)]*01-가\.md\)/);
    expect(built.output).not.toContain('every note is rendered again');
    expect(codes(built.diagnostics).map((d) => d.split(' ')[1])).toEqual(['missing-heading']);
    expect(built.page).toMatch(/<img[^>]*width="40"[^>]*height="30"|<img[^>]*height="30"[^>]*width="40"/);

    // 3. The image replaced by a different one (24 × 16).
    cpSync(path.join(IMAGES, '그림 2.png'), path.join(content, '그림', 'fig.png'));
    built = await buildBoth();
    expect(built.page).toMatch(/<img[^>]*width="24"/);

    // 4. Everything removed again: warnings at the note's lines, no Astro error, the build completes.
    unlinkSync(path.join(content, '그림', 'fig.png'));
    unlinkSync(path.join(content, '02-나.md'));
    unlinkSync(path.join(content, '자료.txt'));
    unlinkSync(path.join(publicDir, 'extra.txt'));
    built = await buildBoth();
    expect(codes(built.diagnostics).map((d) => d.split(' ')[1]).sort()).toEqual(['broken-site-link', 'missing-file', 'missing-heading', 'missing-image', 'missing-note']);
    expect(built.output).not.toContain('ImageNotFound');
    expect(built.page).not.toContain('<img');

    // 5. The base path changed.
    built = await buildBoth({ BASE_PATH: '/notes/' });
    expect(built.page).toContain('href="/notes/%EB%8B%A4/#%EA%B0%9C%EC%9A%94"');
    // (Astro clears its store itself when its config, the base included, changes.)
    expect(built.output).toMatch(/every note is rendered again|Clearing content store/);
  });
});
