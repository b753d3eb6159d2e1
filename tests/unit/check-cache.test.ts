// `npm run check` reuses a note's result while nothing it depends on changed
// (src/commands/check-cache.ts): the note itself, the notes its links look into, the files that exist.
// Every case compares the cached run with a run without the cache.

import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkNotes } from '../../src/commands/check.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function tempContent(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'notes-check-cache-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A cached run, checked against an uncached one; gives the messages and how many were reused. */
async function run(dir: string, files?: string[]): Promise<{ messages: string[]; reused: number }> {
  const options = { root: ROOT, ...(files ? { files: files.map((f) => path.join(dir, f)) } : {}) };
  const cached = await checkNotes(dir, { ...options, cache: true });
  const fresh = await checkNotes(dir, options);
  expect(cached.diagnostics).toEqual(fresh.diagnostics);
  expect(cached.files).toBe(fresh.files);
  return { messages: cached.diagnostics.map((d) => `${path.basename(d.file)}:${d.line ?? ''} ${d.code}`), reused: cached.reused };
}

describe('the check cache', () => {
  it('reuses unchanged notes and re-checks an edited one', async () => {
    const dir = tempContent({
      '01-가.md': '# 가\n\n## 개요\n\n본문\n',
      '02-나.md': '# 나\n\n## 요약\n\n[없는 절](#없음)\n',
    });
    expect(await run(dir)).toEqual({ messages: ['02-나.md:5 broken-fragment'], reused: 0 });
    expect(await run(dir)).toEqual({ messages: ['02-나.md:5 broken-fragment'], reused: 2 });
    writeFileSync(path.join(dir, '02-나.md'), '# 나\n\n## 요약\n\n[요약](#요약)\n');
    expect(await run(dir)).toEqual({ messages: [], reused: 1 });
  });

  it('re-checks a note when a note it links into changes its headings', async () => {
    const dir = tempContent({
      '01-가.md': '# 가\n\n## 개요\n',
      '02-나.md': '# 나\n\n[가의 개요](./01-가.md#개요)\n',
      '03-다.md': '# 다\n\n본문\n',
    });
    expect(await run(dir)).toEqual({ messages: [], reused: 0 });
    writeFileSync(path.join(dir, '01-가.md'), '# 가\n\n## 들어가며\n');
    // 가 changed, 나 links into it; 다 is kept.
    expect(await run(dir)).toEqual({ messages: ['02-나.md:3 missing-heading'], reused: 1 });
    expect(await run(dir)).toEqual({ messages: ['02-나.md:3 missing-heading'], reused: 3 });
  });

  it('re-checks every note when a file appears, disappears or is renamed', async () => {
    const dir = tempContent({
      '01-가.md': '# 가\n\n![그림](./그림.png)\n\n[다](./03-다.md)\n',
      '02-나.md': '# 나\n',
    });
    expect((await run(dir)).messages).toEqual(['01-가.md:3 missing-image', '01-가.md:5 missing-note']);
    writeFileSync(path.join(dir, '그림.png'), 'png');
    expect(await run(dir)).toEqual({ messages: ['01-가.md:5 missing-note'], reused: 0 });
    writeFileSync(path.join(dir, '03-다.md'), '# 다\n');
    expect(await run(dir)).toEqual({ messages: [], reused: 0 });
    renameSync(path.join(dir, '03-다.md'), path.join(dir, '04-다.md'));
    expect((await run(dir)).messages).toEqual(['01-가.md:5 missing-note']);
  });

  it("re-checks every note when the Markdown All in One settings change (they shape the TOCs)", async () => {
    const dir = tempContent({ '01-가.md': '# 가 <!-- omit in toc -->\n\n- [하나](#하나)\n- [둘](#둘)\n\n## 하나\n\n## 둘\n' });
    expect(await run(dir)).toEqual({ messages: [], reused: 0 });
    expect(await run(dir)).toEqual({ messages: [], reused: 1 });
    mkdirSync(path.join(dir, '.vscode'));
    writeFileSync(path.join(dir, '.vscode', 'settings.json'), '{ "markdown.extension.toc.unorderedList.marker": "*" }');
    expect(await run(dir)).toEqual({ messages: ['01-가.md:3 stale-toc'], reused: 0 });
  });

  it('finds URL clashes between a cached note and a changed one', async () => {
    const dir = tempContent({ '01-가.md': '---\nslug: 같은\n---\n# 가\n', '02-나.md': '# 나\n' });
    expect(await run(dir)).toEqual({ messages: [], reused: 0 });
    writeFileSync(path.join(dir, '02-나.md'), '---\nslug: 같은\n---\n# 나\n');
    expect(await run(dir)).toEqual({ messages: ['02-나.md: duplicate-url'], reused: 1 });
    // Checking one file still reads every note's URL (a clash names the later file).
    expect(await run(dir, ['01-가.md'])).toEqual({ messages: ['02-나.md: duplicate-url'], reused: 1 });
    expect(await run(dir, ['02-나.md'])).toEqual({ messages: ['02-나.md: duplicate-url'], reused: 1 });
  });

  it('gives the fixture sites the same messages from the cache as without it', async () => {
    for (const name of ['check-warnings', 'github-parity-bad', 'mdx-syntax', 'bad-yaml', 'note-links-bad']) {
      const dir = mkdtempSync(path.join(tmpdir(), 'notes-check-cache-'));
      temps.push(dir);
      cpSync(path.join(ROOT, 'tests/fixtures/sites', name, 'content'), dir, { recursive: true });
      const first = await run(dir);
      const second = await run(dir);
      expect(second.messages, name).toEqual(first.messages);
      expect(second.reused, name).toBeGreaterThan(0);
      appendFileSync(path.join(dir, '.hidden-change'), 'x'); // hidden files are not the site's
      expect((await run(dir)).reused, name).toBe(second.reused);
    }
  });

  // Issue 14: only what a note depends on changes, never the note.
  const NOTE = '# 가\n\n![그림](./그림/fig.png)\n\n[나](./02-나.md)\n\n[다의 개요](./03-다.md#개요)\n\n[공개 파일](/extra.txt)\n\n[자료](./자료.txt)\n';
  const IMAGES = path.join(ROOT, 'tests/fixtures/sites/note-links/content/images');

  it('follows the images, notes, files and public/ files a note points to', async () => {
    const publicDir = mkdtempSync(path.join(tmpdir(), 'notes-check-public-'));
    temps.push(publicDir);
    const saved = process.env.NOTES_PUBLIC_DIR;
    process.env.NOTES_PUBLIC_DIR = publicDir;
    try {
      const dir = tempContent({ '01-가.md': NOTE, '03-다.md': '# 다\n\n## 개요\n' });
      const missing = ['01-가.md:3 missing-image', '01-가.md:5 missing-note', '01-가.md:9 broken-site-link', '01-가.md:11 missing-file'];
      expect((await run(dir)).messages).toEqual(missing);
      mkdirSync(path.join(dir, '그림'));
      cpSync(path.join(IMAGES, 'fig.png'), path.join(dir, '그림', 'fig.png'));
      writeFileSync(path.join(dir, '02-나.md'), '# 나\n');
      writeFileSync(path.join(dir, '자료.txt'), '자료\n');
      writeFileSync(path.join(publicDir, 'extra.txt'), 'extra\n');
      expect((await run(dir)).messages).toEqual([]);
      cpSync(path.join(IMAGES, '그림 2.png'), path.join(dir, '그림', 'fig.png'));
      expect((await run(dir)).messages).toEqual([]);
      writeFileSync(path.join(dir, '03-다.md'), '# 다\n\n## 요약\n');
      expect((await run(dir)).messages).toEqual(['01-가.md:7 missing-heading']);
      for (const file of [path.join(dir, '그림', 'fig.png'), path.join(dir, '02-나.md'), path.join(dir, '자료.txt'), path.join(publicDir, 'extra.txt')]) unlinkSync(file);
      expect((await run(dir)).messages).toEqual([...missing.slice(0, 2), '01-가.md:7 missing-heading', ...missing.slice(2)]);
    } finally {
      if (saved === undefined) delete process.env.NOTES_PUBLIC_DIR;
      else process.env.NOTES_PUBLIC_DIR = saved;
    }
  });

  it('checks again when the base path changes (npm run check)', () => {
    const dir = tempContent({ '01-가.md': '# 가\n\n[나](/notes/나/)\n', '02-나.md': '# 나\n' });
    const check = (base: string, ...args: string[]) => {
      const result = spawnSync(path.join(ROOT, 'node_modules/.bin/node'), ['scripts/check.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, NOTES_CONTENT_DIR: dir, BASE_PATH: base, NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      return result.stdout.split('\n').filter((line) => / (warning|error) \[/.test(line));
    };
    for (const base of ['/notes/', '/', '/notes/']) {
      const cached = check(base);
      expect(cached).toEqual(check(base, '--no-cache'));
      expect(cached.length).toBe(base === '/' ? 1 : 0);
    }
  });
});
