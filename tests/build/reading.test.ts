// The reading layout's page structure and budgets (issue 3), on a generated site of 1000 notes
// (20 sections × 50) plus the seed note, built with a site URL and a repository:
//   - a note page's HTML stays small whatever the number of notes (only the current section is
//     expanded in the sidebar), and reports the numbers;
//   - first-view JavaScript is the inline snippet only (< 1 KB for the theme snippet), CSS < 30 KB,
//     every asset from the site itself;
//   - sidebar, on-page TOC, prev/next, metadata, sitemap, font stylesheet.
import { copyFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THEME_SNIPPET } from '../../src/browser/theme-snippet.ts';
import { fallbackFaceRules, PRETENDARD_MEASURE } from '../../src/core/font-fallback.ts';
import { KEPT_NAME_IDS } from '../../src/core/font-names.ts';
import { pretendardVariableFile } from '../../src/site/font-subset.ts';
import { cmapOf, namesOf, shownText } from '../helpers/font.ts';
import { buildSite, cleanup, prepareSite, readPage, ROOT, type BuildResult } from './build-site.ts';
import { generateNotes } from './generate-notes.ts';

const SITE_URL = 'https://notes.example.com';
const REPO = 'https://github.com/example/notes';
const SEED = 'llm-소개/';
const MIDDLE = '주제-10/노트-25/';
let site: BuildResult;
let notes = 0;

beforeAll(async () => {
  const { workDir, content } = prepareSite();
  notes = generateNotes(content, 20, 50);
  copyFileSync(path.join(ROOT, 'content/01-llm-소개.md'), path.join(content, '01-llm-소개.md'));
  site = await buildSite(workDir, { env: { SITE_URL, REPOSITORY_URL: REPO }, timeoutMs: 400_000 });
  if (!site.ok) console.error(site.output);
}, 420_000);

afterAll(() => {
  if (site?.ok) cleanup(site.workDir);
});

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const stylesheets = (html: string) => [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
const scripts = (html: string) => [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attrs: m[1]!, body: m[2]! }));
const sizeOf = (dist: string, url: string) => statSync(path.join(dist, decodeURI(url))).size;
const sidebarOf = (html: string) => /<nav id="site-sidebar"[\s\S]*?<\/nav>/.exec(html)![0];

describe(`a site of 1000 generated notes and the seed`, () => {
  it('builds', () => {
    expect(site.ok, site.output).toBe(true);
    expect(notes).toBe(1000);
  });

  it('keeps a note page under 40 KB of HTML: the sidebar lists only the current section', () => {
    const html = readPage(site.dist, MIDDLE);
    const seed = readPage(site.dist, SEED);
    const sidebar = sidebarOf(html);
    console.info(
      `[reading] note page HTML at ${notes + 1} notes: ${bytes(html)} B (sidebar ${bytes(sidebar)} B); seed page ${bytes(seed)} B; home ${bytes(readPage(site.dist, ''))} B`,
    );
    expect(bytes(html)).toBeLessThan(40_000);
    expect(bytes(seed)).toBeLessThan(40_000);
    // Current section: its 50 notes are windowed around the current one (25 shown).
    expect(sidebar).toContain('aria-current="page"');
    expect(sidebar.match(/aria-current="page"/g)).toHaveLength(1);
    expect(sidebar).toMatch(/<a href="\/주제-10\/노트-25\/" aria-current="page">노트 10-25<\/a>/);
    expect((sidebar.match(/href="\/주제-10\//g) ?? []).length).toBe(25);
    // Other sections: one link each, to their first note.
    expect(sidebar).toContain('href="/주제-11/노트-1/"');
    expect(sidebar).not.toContain('href="/주제-11/노트-2/"');
  });

  it('loads no script on first view beyond one inline snippet under 1 KB', () => {
    expect(bytes(THEME_SNIPPET)).toBeLessThan(1024);
    for (const page of [SEED, MIDDLE, '']) {
      const html = readPage(site.dist, page);
      const all = scripts(html);
      expect(all.filter((s) => /\bsrc=/.test(s.attrs)), page).toEqual([]);
      expect(all.some((s) => s.body === THEME_SNIPPET), page).toBe(true);
      const inline = all.reduce((n, s) => n + bytes(s.body), 0);
      console.info(`[reading] ${page || '/'}: inline script ${inline} B (theme snippet ${bytes(THEME_SNIPPET)} B)`);
      expect(inline, page).toBeLessThan(1024);
      // The theme snippet runs before any stylesheet: the stored theme is applied before first paint.
      expect(html.indexOf(THEME_SNIPPET), page).toBeLessThan(html.indexOf('<link rel="stylesheet"'));
    }
  });

  it('keeps a note page under 30 KB of CSS, all from the site itself', () => {
    const html = readPage(site.dist, SEED);
    const sheets = stylesheets(html);
    const inlineCss = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].reduce((n, m) => n + bytes(m[1]!), 0);
    const total = sheets.reduce((n, href) => n + sizeOf(site.dist, href), 0) + inlineCss;
    console.info(`[reading] seed page CSS: ${total} B (${sheets.map((h) => `${h} ${sizeOf(site.dist, h)}`).join(', ')}; inline ${inlineCss})`);
    expect(total).toBeLessThan(30_000);
    for (const page of [SEED, MIDDLE, '', '404.html']) {
      const page_html = readPage(site.dist, page);
      const urls = [...page_html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      const foreign = urls.filter((u) => /^(https?:)?\/\//.test(u) && !u.startsWith(SITE_URL) && !u.startsWith(REPO));
      expect(foreign, page).toEqual([]);
    }
  });

  it('serves the Korean font from the site, cut to its characters: every character a page shows is in the file its unicode-range names', async () => {
    const css = readFileSync(path.join(site.dist, 'fonts/notes-sans.css'), 'utf8');
    const files = readdirSync(path.join(site.dist, 'fonts')).filter((f) => f.endsWith('.woff2'));
    // A cut of Pretendard is a modified version: another name, Pretendard credited.
    expect(css).toContain('Notes Sans: Pretendard (https://github.com/orioncactus/pretendard, SIL Open Font License 1.1');
    // The licence comes with the files.
    expect(css).toContain('LICENSE.txt next to this file');
    expect(readFileSync(path.join(site.dist, 'fonts/LICENSE.txt'), 'utf8')).toMatch(/Reserved Font Name Pretendard[\s\S]*SIL OPEN FONT LICENSE Version 1\.1/);
    // One rule per file, then the metric-matched system fonts (src/core/font-fallback.ts), as measured.
    const fallbacks = fallbackFaceRules(PRETENDARD_MEASURE);
    expect(css.endsWith(fallbacks)).toBe(true);
    expect([...css.slice(0, -fallbacks.length).matchAll(/font-family:"([^"]+)"/g)].map((m) => m[1])).toEqual(Array(files.length).fill('Notes Sans'));
    expect(css).toContain('font-display:swap');
    const rules = [...css.matchAll(/url\(([^)]+)\)format\("woff2"\);unicode-range:([^}]+)\}/g)].map((m) => ({
      file: m[1]!,
      ranges: m[2]!.split(',').map((part) => {
        const [a, b] = part.replace('U+', '').split('-');
        return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as const;
      }),
    }));
    expect(rules.map((r) => r.file).sort()).toEqual([...files].sort());
    // What each file really holds (its cmap), read with the subsetter's own HarfBuzz.
    const cmaps = new Map<string, Set<number>>();
    for (const file of files) cmaps.set(file, await cmapOf(path.join(site.dist, 'fonts', file)));
    // Each file names itself Notes Sans; Pretendard only in the kept notices (copyright, licence…).
    for (const file of files) {
      const names = await namesOf(path.join(site.dist, 'fonts', file));
      expect(names.filter((r) => r.nameID === 1).map((r) => r.value), file).toEqual(['Notes Sans Variable']);
      expect(names.some((r) => r.nameID === 13 && r.value.includes('SIL Open Font License')), file).toBe(true);
      expect(names.filter((r) => r.value.includes('Pretendard') && !KEPT_NAME_IDS.has(r.nameID)), file).toEqual([]);
    }
    // A rule lists only characters its file holds; no character is listed for two files.
    const owner = new Map<number, string>();
    for (const rule of rules) {
      const listed = rule.ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));
      const cmap = cmaps.get(rule.file)!;
      expect(listed.filter((c) => !cmap.has(c)).map((c) => `U+${c.toString(16)}`), rule.file).toEqual([]);
      for (const c of listed) {
        expect(owner.get(c), `U+${c.toString(16)}`).toBeUndefined();
        owner.set(c, rule.file);
      }
    }
    // Every page: each character it shows that Pretendard has is in one of the site's files.
    const pretendard = await cmapOf(pretendardVariableFile());
    const pretendardCovers = (c: number) => pretendard.has(c);
    let pages = 0;
    const perPage: number[] = [];
    for (const entry of readdirSync(site.dist, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
      pages++;
      const text = shownText(readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
      const missing = [...new Set(text)].filter((ch) => pretendardCovers(ch.codePointAt(0)!) && !owner.has(ch.codePointAt(0)!));
      expect(missing, path.relative(site.dist, path.join(entry.parentPath, entry.name))).toEqual([]);
      perPage.push(new Set([...text].map((ch) => owner.get(ch.codePointAt(0)!)).filter(Boolean)).size);
    }
    expect(pages).toBeGreaterThan(notes);
    const sizes = files.map((f) => statSync(path.join(site.dist, 'fonts', f)).size);
    const seedFiles = new Set([...shownText(readPage(site.dist, SEED))].map((ch) => owner.get(ch.codePointAt(0)!)).filter(Boolean));
    console.info(
      `[reading] font: stylesheet ${bytes(css)} B, ${files.length} files (${sizes.map((b) => `${(b / 1024).toFixed(1)} KB`).join(', ')}); ` +
        `seed page uses ${seedFiles.size}; pages using 1/2/3+ files: ${[1, 2].map((n) => perPage.filter((p) => p === n).length).join('/')}/${perPage.filter((p) => p > 2).length}`,
    );
  });

  it('gives every page a title, description, canonical URL and Open Graph tags; a sitemap lists every note', () => {
    const html = readPage(site.dist, SEED);
    expect(html).toMatch(/<title>LLM 소개 · 공부 노트<\/title>/);
    expect(html).toMatch(/<meta name="description" content="대부분 트랜스포머 아키텍처에서 파생된 AI 모델로/);
    expect(html).toContain(`<link rel="canonical" href="${SITE_URL}/llm-%EC%86%8C%EA%B0%9C/">`);
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toContain('<meta property="og:title" content="LLM 소개">');
    expect(html).toContain(`<meta property="og:url" content="${SITE_URL}/llm-%EC%86%8C%EA%B0%9C/">`);
    const sitemap = readFileSync(path.join(site.dist, 'sitemap.xml'), 'utf8');
    expect(sitemap.match(/<loc>/g)).toHaveLength(notes + 2);
    expect(sitemap).toContain(`<loc>${SITE_URL}/</loc>`);
    expect(sitemap).toContain(`<loc>${SITE_URL}/llm-%EC%86%8C%EA%B0%9C/</loc>`);
    const notFound = readPage(site.dist, '404.html');
    expect(notFound).toContain('<meta name="robots" content="noindex">');
    expect(notFound).not.toContain('rel="canonical"');
  });

  it('has the header, landmarks, skip link, on-page TOC and prev/next', () => {
    const html = readPage(site.dist, SEED);
    expect(html).toMatch(/<html lang="ko"/);
    expect(html).toMatch(/<a class="skip-link"[^>]* href="#site:main"|<a href="#site:main" class="skip-link"/);
    expect(html).toMatch(/<main id="site:main"/);
    expect(html).toContain(`href="${REPO}"`);
    expect(html).toMatch(/<nav class="page-toc"[^>]*aria-label="이 페이지의 목차"/);
    // The side TOC: levels 2–3 of the seed, omitted headings left out, hrefs equal to the ids.
    const toc = /<nav class="page-toc"[\s\S]*?<\/nav>/.exec(html)![0];
    const links = [...toc.matchAll(/href="#([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!));
    expect(links).toEqual([
      'llm-이란',
      'llm-정의',
      'llm-주요-특징',
      'llm-작동-원리',
      '현재-많이-사용되는-llm',
      '도메인-특화-llm',
      'llm-애플리케이션',
      '전통적-nlp-작업',
      '자유로운-텍스트-생성',
      '정보-검색신경망-의미-기반-검색',
      '챗봇',
    ]);
    for (const id of links) expect(html).toContain(`id="${id}"`);
    // The seed comes first: no previous, the first generated note next.
    const pager = /<nav class="pager"[\s\S]*?<\/nav>/.exec(html)![0];
    expect(pager).not.toContain('rel="prev"');
    expect(pager).toMatch(/href="\/주제-1\/노트-1\/" rel="next"/);
  });

  it('lists every section and note on the home page with one-line descriptions', () => {
    const html = readPage(site.dist, '');
    expect(html.match(/<section aria-labelledby="section-\d+"/g)).toHaveLength(21);
    expect(html).toContain('<p>대부분 트랜스포머 아키텍처에서 파생된 AI 모델로, 사람의 언어, 코드 등을 이해하고 생성하기 위해 설계</p>');
    expect(html).toMatch(/<h2 id="section-1"[^>]*>주제 1<\/h2>/); // the folder 주제-1, read as words (issue 13)
  });
});
