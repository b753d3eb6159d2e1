// Issue 4: the site published under a base path (GitHub Pages project site) has no broken link,
// anchor or asset; notes linking each other by relative path work on GitHub and on the site;
// broken links are reported with file, line and the nearest target, and fail a strict build.
import { cpSync, existsSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNotes } from '../../src/commands/check.ts';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { headingModel } from '../../src/syntax/headings.ts';
import { parseNote } from '../../src/syntax/parse.ts';
import { crawlSite, type CrawlResult } from '../helpers/crawl.ts';
import { serveDir, type StaticServer } from '../helpers/serve.ts';
import { buildSite, cleanup, listFiles, prepareSite, readPage, ROOT, type BuildResult } from './build-site.ts';

const BASE = '/some-repo/';
const SITE = 'https://kim.github.io';
const NFC_NAME = '03-한글-노트.md';
const NFD_NAME = NFC_NAME.normalize('NFD');

let site: BuildResult;
let content: string;
let server: StaticServer | undefined;
let crawl: CrawlResult;

beforeAll(async () => {
  const prepared = prepareSite('note-links');
  content = prepared.content;
  // The project's own notes too: the published site must pass the same crawl.
  for (const entry of readdirSync(path.join(ROOT, 'content'))) {
    cpSync(path.join(ROOT, 'content', entry), path.join(content, entry), { recursive: true });
  }
  // Saved on a Mac: a decomposed Hangul file name (made here: git may normalise names).
  renameSync(path.join(content, '심화', NFC_NAME), path.join(content, '심화', NFD_NAME));
  expect(readdirSync(path.join(content, '심화'))).toContain(NFD_NAME);
  site = await buildSite(prepared.workDir, { env: { BASE_PATH: BASE, SITE_URL: SITE, NOTES_STRICT: '1' } });
  if (!site.ok) {
    console.error(site.output);
    return;
  }
  server = await serveDir(site.dist, { base: BASE });
  // The 404 page is what GitHub Pages serves for any missing path, at any depth.
  crawl = await crawlSite({ start: server.url, base: BASE, site: SITE, extra: [server.href('sitemap.xml')], notFound: [server.href('없는/페이지/')] });
}, 480_000);

afterAll(async () => {
  await server?.close();
  if (site?.ok) cleanup(site.workDir);
});

/** Every link and image URL written in a note, with its line. */
function linksOf(file: string): Array<{ url: string; line: number; image: boolean }> {
  const { tree } = parseNote(readFileSync(file, 'utf8'), file);
  const found: Array<{ url: string; line: number; image: boolean }> = [];
  visit(tree as Root, (node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      found.push({ url: node.url, line: node.position?.start.line ?? 0, image: node.type === 'image' });
    }
  });
  return found;
}

function idsOf(file: string): Set<string> {
  const { tree, file: vfile } = parseNote(readFileSync(file, 'utf8'), file);
  return headingModel(tree, vfile).ids;
}

describe('the site under a base path (BASE_PATH=/some-repo/)', () => {
  it('builds strictly', () => {
    expect(site.ok, site.output).toBe(true);
  });

  it('a crawl from the home page reaches every note page and finds no broken link, anchor or asset', () => {
    const notePages = listFiles(site.dist)
      .filter((f) => f.endsWith('/index.html') && !f.startsWith('_') && !f.startsWith('pagefind/'))
      .map((f) => `${BASE}${f.slice(0, -'index.html'.length)}`);
    expect(notePages.length).toBeGreaterThanOrEqual(5);
    for (const page of notePages) expect(crawl.pages, page).toContain(page);
    expect(crawl.problems.map((p) => `${p.on}: ${p.url} → ${p.problem}`)).toEqual([]);
    // The crawl did look at assets, the 404 page and the images.
    expect([...crawl.checked].some((u) => u.startsWith(`${BASE}_astro/`))).toBe(true);
    expect(crawl.checked).toContain(`${BASE}_files/files/자료.txt`);
    // Raw HTML too: a README-style sized image and a link.
    expect(crawl.checked).toContain(`${BASE}_files/images/fig.png`);
    expect(crawl.checked).toContain(`${BASE}없는/페이지/`);
  });

  it('every internal URL on every page starts with the base', () => {
    for (const file of listFiles(site.dist).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(path.join(site.dist, file), 'utf8');
      for (const m of html.matchAll(/\s(?:href|src|action)="(\/[^"]*)"/g)) {
        expect(decodeURIComponent(m[1]!), `${file}: ${m[1]}`).toMatch(/^\/some-repo\//);
      }
    }
  });

  it('rewrites relative note links to page URLs under the base, keeping the fragment', () => {
    const html = readPage(site.dist, '검색-기초/');
    const hrefs = [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => decodeURIComponent(m[1]!));
    expect(hrefs).toContain('/some-repo/의미-기반-검색/#벡터-검색');
    expect(hrefs).toContain('/some-repo/심화/한글-노트/#정리');
    expect(hrefs).toContain('/some-repo/심화/예제/#예제-코드');
    expect(hrefs).toContain('/some-repo/의미-기반-검색/');
    expect(hrefs).toContain('/some-repo/검색-기초/#검색-기초');
    expect(hrefs).toContain('/some-repo/_files/files/자료.txt');
    expect(hrefs).toContain('https://github.com/');
    expect(hrefs).toContain('mailto:notes@example.com');
    expect(hrefs.filter((h) => /\.mdx?(#|$)/.test(h))).toEqual([]);
    // The MDX note and the NFD-named note link back.
    const mdx = readPage(site.dist, '심화/예제/');
    expect(decodeURIComponent(mdx)).toContain('href="/some-repo/의미-기반-검색/#벡터-검색"');
    expect(decodeURIComponent(readPage(site.dist, '심화/한글-노트/'))).toContain('href="/some-repo/검색-기초/#검색-기초"');
  });

  it('serves co-located images from the site with width and height', () => {
    const html = readPage(site.dist, '검색-기초/');
    const images = [...html.matchAll(/<img [^>]*>/g)].map((m) => m[0]).filter((t) => t.includes('그림'));
    expect(images).toHaveLength(2);
    expect(images[0]).toMatch(/width="40" height="30"/);
    expect(images[1]).toMatch(/width="24" height="16"/);
    for (const img of images) expect(img).toMatch(/src="\/some-repo\/_astro\//);
  });

  it('has .nojekyll, a 404.html at the root and directory pages', () => {
    expect(existsSync(path.join(site.dist, '.nojekyll'))).toBe(true);
    expect(existsSync(path.join(site.dist, '404.html'))).toBe(true);
    expect(existsSync(path.join(site.dist, '검색-기초/index.html'))).toBe(true);
  });
});

describe('the linked notes as Markdown on GitHub', () => {
  it('every relative link resolves to the source file on disk, and its fragment to a heading there', () => {
    const notes = listFiles(content).filter((f) => /\.mdx?$/.test(f) && !f.startsWith('01-llm'));
    expect(notes.map((f) => f.normalize('NFC'))).toContain(`심화/${NFC_NAME}`);
    let count = 0;
    for (const note of notes) {
      const file = path.join(content, note);
      for (const { url, line } of linksOf(file)) {
        if (/^[a-z]+:/i.test(url) || url.startsWith('/') || url.startsWith('#')) continue;
        const [pathPart, fragment] = url.split('#');
        // As GitHub does: percent-decoded, relative to the note's folder, byte for byte (no normalisation).
        const target = path.resolve(path.dirname(file), decodeURIComponent(pathPart!));
        expect(existsSync(target), `${note}:${line} ${url}`).toBe(true);
        if (fragment && /\.mdx?$/.test(target)) expect(idsOf(target), `${note}:${line} ${url}`).toContain(decodeURIComponent(fragment));
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(15);
  });
});

const EXPECTED = [
  'content/01-링크-오류.md:3:1 warning [missing-note] link ./없는-노트.md leads to no note (looked for content/없는-노트.md)',
  'content/01-링크-오류.md:5:1 warning [missing-heading] link ./02-대상.md#없는-제목: content/02-대상.md has no heading #없는-제목\n  hint: did you mean ./02-대상.md#있는-제목?',
  'content/01-링크-오류.md:7:1 warning [link-outside-content] link ../../etc/passwd leaves the notes folder (content/)',
  'content/01-링크-오류.md:9:1 warning [absolute-path] link /Users/kim/notes/02-대상.md is a path on your computer',
  'content/01-링크-오류.md:11:1 warning [missing-image] image ./images/없음.png is not there (looked for content/images/없음.png)',
  'content/01-링크-오류.md:13:1 warning [missing-note] link ./02-대산.md leads to no note (looked for content/02-대산.md)\n  hint: did you mean ./02-대상.md?',
  'content/01-링크-오류.md:15:1 warning [broken-site-link] link /없는-페이지/ leads to no page of this site',
];

describe('broken links', () => {
  let strict: BuildResult;
  let lenient: BuildResult;
  let workDir: string;

  beforeAll(async () => {
    workDir = prepareSite('note-links-bad').workDir;
    strict = await buildSite(workDir, { env: { BASE_PATH: BASE, NOTES_STRICT: '1' } });
    lenient = await buildSite(workDir, { env: { BASE_PATH: BASE } });
  }, 480_000);

  afterAll(() => cleanup(workDir));

  /** Messages name the note relative to the project root; the fixture lives in a temp dir. */
  const relabel = (output: string) => output.replaceAll(`${path.relative(ROOT, path.join(workDir, 'content'))}/`, 'content/');

  it('fail a strict build, each with file, line, the link and the nearest target', () => {
    expect(strict.ok).toBe(false);
    const output = relabel(strict.output);
    for (const message of EXPECTED) expect(output).toContain(message);
  });

  it('leave the rest of the site building in non-strict mode (a missing image shows its alt text)', () => {
    expect(lenient.ok, lenient.output).toBe(true);
    for (const message of EXPECTED) expect(relabel(lenient.output)).toContain(message.split('\n')[0]);
    const page = decodeURIComponent(readPage(lenient.dist, '링크-오류/'));
    expect(page).toContain('없는 그림');
    expect(page).toContain('href="/some-repo/대상/#있는-제목"');
    expect(decodeURIComponent(readPage(lenient.dist, '대상/'))).toContain('href="/some-repo/링크-오류/"');
  });

  it('npm run check reports the same link diagnostics', async () => {
    const result = await checkNotes(path.join(workDir, 'content'), { root: ROOT });
    const text = relabel(result.diagnostics.map(formatDiagnostic).join('\n'));
    for (const message of EXPECTED) expect(text).toContain(message);
    expect(result.diagnostics).toHaveLength(EXPECTED.length);
  });
});
