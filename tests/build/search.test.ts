// The search index and note metadata in a real build of tests/fixtures/sites/search (plus the seed
// note), at the root and under a base path: the Pagefind files in <outDir>/pagefind/, Korean
// queries against them with Pagefind's own code, the search dialog's code outside the page's
// first view, and the edit link / last-updated line.
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/site/search-index.ts';
import { openSiteSearch } from '../helpers/pagefind.ts';
import { buildSite, cleanup, prepareSite, readPage, ROOT, type BuildResult } from './build-site.ts';

const SEED = '01-llm-소개.md';
const REPO = 'https://github.com/owner/notes';
const builds: Record<'root' | 'based', BuildResult | undefined> = { root: undefined, based: undefined };

async function build(env: Record<string, string>): Promise<BuildResult> {
  const { workDir, content } = prepareSite('search');
  copyFileSync(path.join(ROOT, 'content', SEED), path.join(content, SEED));
  const site = await buildSite(workDir, { env: { REPOSITORY_URL: REPO, NOTES_REPO_BRANCH: 'main', ...env } });
  if (!site.ok) console.error(site.output);
  return site;
}

beforeAll(async () => {
  builds.based = await build({ BASE_PATH: '/some-repo/' });
  builds.root = await build({ BASE_PATH: '' });
}, 480_000);

afterAll(() => {
  for (const b of Object.values(builds)) if (b?.ok) cleanup(b.workDir);
});

describe.each([
  ['root', '/'],
  ['based', '/some-repo/'],
] as const)('search index, site at %s', (which, base) => {
  const site = () => builds[which]!;

  it('builds and reports the index', () => {
    expect(site().ok, site().output).toBe(true);
    expect(site().output).toMatch(/search index: 3 note page\(s\)/);
  });

  it('writes pagefind/ with only what the dialog loads', () => {
    const dir = path.join(site().dist, 'pagefind');
    const files = readdirSync(dir, { recursive: true }).map(String);
    expect(files).toContain('pagefind.js');
    expect(files).toContain('pagefind-entry.json');
    expect(files.some((f) => /^pagefind\.ko_\w+\.pf_meta$/.test(f))).toBe(true);
    expect(files.some((f) => f.startsWith('index') && f.endsWith('.pf_index'))).toBe(true);
    expect(files.some((f) => /pagefind-(ui|component-ui|modular-ui|highlight|worker)\./.test(f))).toBe(false);
  });

  it('indexes the searchable part of each page as Pagefind indexes the whole page', async () => {
    // searchablePart hands Pagefind the head and the data-pagefind-body element only.
    const copy = path.join(mkdtempSync(path.join(tmpdir(), 'search-whole-')), 'dist');
    try {
      cpSync(site().dist, copy, { recursive: true });
      await buildSearchIndex(copy, { wholePages: true });
      const files = (dir: string) =>
        readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
          .sort();
      const built = path.join(site().dist, 'pagefind');
      const whole = path.join(copy, 'pagefind');
      expect(files(whole)).toEqual(files(built));
      expect(files(built).filter((f) => !readFileSync(path.join(built, f)).equals(readFileSync(path.join(whole, f))))).toEqual([]);
    } finally {
      rmSync(path.dirname(copy), { recursive: true, force: true });
    }
  }, 60_000);

  it('finds Korean words (with and without particles) and links under the base', async () => {
    const search = await openSiteSearch(site().dist, base);
    try {
      const attention = await search.search('어텐션');
      expect(attention.map((n) => n.title)).toEqual(['LLM 소개']);
      expect(attention[0]!.url).toBe(`${base}${encodeURIComponent('llm-소개')}/`);
      // A section link goes to a heading id that exists on the page.
      const section = attention[0]!.sections.find((s) => s.anchorId);
      expect(section).toBeDefined();
      expect(readPage(site().dist, 'llm-소개/')).toContain(`id="${section!.anchorId}"`);

      const transformer = (await search.search('트랜스포머')).map((n) => n.title);
      expect(transformer).toContain('인코더와 디코더'); // only has 트랜스포머의
      expect(transformer).toContain('LLM 소개');
      expect((await search.search('위치 인코딩'))[0]?.sections.map((s) => decodeURIComponent(s.url))).toContain(
        `${base}심화/인코더-디코더/#위치-인코딩`,
      );
      // The home page is not in the index.
      expect(await search.search('공부')).toEqual([]);
    } finally {
      search.close();
    }
  });

  it('marks the note text for the index with the note title', () => {
    const html = readPage(site().dist, 'llm-소개/');
    expect(html).toMatch(/<article class="note"[^>]* data-pagefind-body/);
    expect(html).toContain('data-pagefind-meta="title:LLM 소개"');
    expect(readPage(site().dist, '')).not.toContain('data-pagefind-body');
  });

  it('loads no script on first view: the search code is only named, under the base', () => {
    const html = readPage(site().dist, 'llm-소개/');
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/);
    expect(html).not.toMatch(/<link\b[^>]*modulepreload/);
    const module = /<dialog id="search-dialog"[^>]*\bdata-module="([^"]+)"/.exec(html)?.[1];
    expect(module, 'the header has the search dialog').toBeDefined();
    expect(module!.startsWith(`${base}_astro/search`)).toBe(true);
    expect(existsSync(path.join(site().dist, module!.slice(base.length)))).toBe(true);
    // The page's one inline snippet opens the dialog and imports data-module on first open.
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts.filter((s) => s.includes('search-dialog'))).toHaveLength(1);
    expect(scripts.join('')).toMatch(/import\(g\.dataset\.module\)/);
    expect(Buffer.byteLength(scripts.join(''))).toBeLessThan(1024);
  });

  it('shows the edit link; outside git, no date and one log line', () => {
    const html = readPage(site().dist, '심화/인코더-디코더/');
    const edit = /<a class="note-edit"[^>]* href="([^"]+)"/.exec(html)?.[1] ?? /<a [^>]*href="([^"]+)"[^>]*class="note-edit"/.exec(html)?.[1];
    expect(edit).toBe(`${REPO}/edit/main/content/${encodeURIComponent('02-심화')}/${encodeURIComponent('01-인코더-디코더.md')}`);
    expect(html).toContain('GitHub에서 편집');
    expect(html).not.toContain('마지막 수정');
    expect(site().output.match(/\[notes-git\] last-updated dates left out: .* is not in a git repository/g)).toHaveLength(1);
  });
});
