// Builds one fixture site holding every good case and inspects dist/.
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articleOf,
  buildSite,
  cleanup,
  listFiles,
  pageExists,
  prepareSite,
  readPage,
  ROOT,
  type BuildResult,
} from './build-site.ts';

const NFD_NAME = '노트.md'.normalize('NFD');
let site: BuildResult;

beforeAll(async () => {
  const { workDir, content } = prepareSite('good');
  // The seed note, byte for byte.
  copyFileSync(path.join(ROOT, 'content/01-llm-소개.md'), path.join(content, '01-llm-소개.md'));
  // CRLF and BOM twins of the LF note, written here because git may normalise line endings.
  const lf = readFileSync(path.join(content, '10-줄바꿈.md'), 'utf8');
  expect(lf).not.toContain('\r');
  writeFileSync(path.join(content, '11-줄바꿈-crlf.md'), lf.replaceAll('\n', '\r\n'));
  writeFileSync(path.join(content, '12-줄바꿈-bom.md'), `\uFEFF${lf}`);
  // A decomposed (macOS) Hangul file name, written here because git may normalise names.
  writeFileSync(path.join(content, NFD_NAME), '# 맥에서 저장한 노트\n\n자모가 분리된 파일 이름.\n');
  expect(readdirSync(content)).toContain(NFD_NAME);
  // Strict: the fixture notes must not give a single warning either.
  site = await buildSite(workDir, { env: { NOTES_STRICT: '1' } });
  if (!site.ok) console.error(site.output);
}, 480_000);

afterAll(() => {
  if (site?.ok) cleanup(site.workDir);
});

function hrefs(html: string): string[] {
  return [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]!);
}

describe('the good fixture site', () => {
  it('builds', () => {
    expect(site.ok, site.output).toBe(true);
  });

  it('builds the seed note at its Korean URL with lang="ko" and only its own h1s', () => {
    const html = readPage(site.dist, 'llm-소개/');
    expect(html).toMatch(/<html lang="ko"/);
    expect(html).toMatch(/<title>LLM 소개[^<]*<\/title>/);
    // The seed has two h1s (the setext title and `# LLM`); the page adds none.
    expect(html.match(/<h1[\s>]/g)).toHaveLength(2);
    expect(articleOf(html)).toMatch(/^<div class="heading-wrapper level-h1"><h1 id="llm-소개--">/);
    expect(hrefs(html)).toContain('/');
  });

  it('writes exactly the expected pages (drafts left out of production)', () => {
    const pages = listFiles(site.dist).filter((f) => f.endsWith('.html'));
    expect(pages).toEqual(
      [
        '404.html',
        'index.html',
        'llm-소개/index.html',
        '줄바꿈/index.html',
        '줄바꿈-crlf/index.html',
        '줄바꿈-bom/index.html',
        '빈-노트/index.html',
        '제목-없음/index.html',
        'mdx-노트/index.html',
        'custom/페이지/index.html',
        '노트/index.html',
        '검색/소개/index.html',
        '검색/둘째/index.html',
        '검색/심화/깊이/index.html',
      ].sort(),
    );
  });

  it('gives the NFD file name the NFC URL', () => {
    expect(pageExists(site.dist, '노트')).toBe(true);
    for (const file of listFiles(site.dist)) expect(file.normalize('NFC')).toBe(file);
    expect(readPage(site.dist, '노트/')).toContain('맥에서 저장한 노트');
  });

  it('renders the BOM note exactly as the LF note', () => {
    const lf = articleOf(readPage(site.dist, '줄바꿈/'));
    expect(lf).toContain('<h1');
    expect(lf).toContain('안쪽 항목');
    expect(articleOf(readPage(site.dist, '줄바꿈-bom/'))).toBe(lf);
    expect(readPage(site.dist, '줄바꿈-bom/')).toContain('<meta name="description" content="줄 끝 문자와 BOM 시험용 노트"');
  });

  it('renders the CRLF note byte for byte as the LF note', () => {
    expect(articleOf(readPage(site.dist, '줄바꿈-crlf/'))).toBe(articleOf(readPage(site.dist, '줄바꿈/')));
    expect(readPage(site.dist, '줄바꿈-crlf/')).toContain('<meta name="description" content="줄 끝 문자와 BOM 시험용 노트"');
  });

  it('builds an empty note and a note without a heading, titled by file name', () => {
    const empty = readPage(site.dist, '빈-노트/');
    expect(empty).toMatch(/<title>빈-노트 /);
    expect(articleOf(empty)).toMatch(/^<h1[^>]*>빈-노트<\/h1>$/);
    const noHeading = readPage(site.dist, '제목-없음/');
    expect(articleOf(noHeading)).toMatch(/^<h1[^>]*>제목-없음<\/h1><p>제목 없는 노트입니다.<\/p>/);
  });

  it('uses the frontmatter slug and title', () => {
    const html = readPage(site.dist, 'custom/페이지/');
    expect(html).toMatch(/<title>직접 정한 주소 /);
    expect(articleOf(html)).toMatch(/^<h1[^>]*>직접 정한 주소<\/h1>/);
    expect(readPage(site.dist, '검색/둘째/')).toMatch(/<title>앞머리 제목 /);
  });

  it('renders MDX without the marker and without a second h1', () => {
    const html = readPage(site.dist, 'mdx-노트/');
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).not.toContain('omit in toc');
    expect(html).toContain('상자 안 글');
  });

  it('lists every note on the index, grouped by section, in order, with links', () => {
    const html = readPage(site.dist, '');
    expect(html).toMatch(/<html lang="ko"/);
    const main = /<main[\s\S]*<\/main>/.exec(html)![0];
    expect(hrefs(main)).toEqual([
      '/llm-소개/',
      '/줄바꿈/',
      '/줄바꿈-crlf/',
      '/줄바꿈-bom/',
      '/빈-노트/',
      '/제목-없음/',
      '/mdx-노트/',
      '/custom/페이지/',
      '/노트/',
      '/검색/소개/',
      '/검색/둘째/',
      '/검색/심화/깊이/',
    ]);
    expect(html).toContain('>LLM 소개</a>');
    expect(html).toMatch(/<h2[^>]*>검색<\/h2>/);
    expect(html).toMatch(/<h2[^>]*>검색 \/ 심화<\/h2>/);
    expect(html).not.toContain('초안');
  });

  it('has a Korean 404 page with a link home', () => {
    const html = readFileSync(path.join(site.dist, '404.html'), 'utf8');
    expect(html).toMatch(/<html lang="ko"/);
    expect(html).toContain('페이지를 찾을 수 없습니다');
    expect(hrefs(html)).toContain('/');
  });

  it('links every internal page that exists', () => {
    for (const page of listFiles(site.dist).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(path.join(site.dist, page), 'utf8');
      for (const href of hrefs(html).filter((h) => h.startsWith('/'))) {
        const target = decodeURIComponent(href.split('#')[0]!);
        expect(pageExists(site.dist, target), `${page} → ${href}`).toBe(true);
      }
    }
  });

  it('shows the seed note\'s authored TOC exactly: entries, order, nesting and decoded hrefs', () => {
    const seed = readFileSync(path.join(ROOT, 'content/01-llm-소개.md'), 'utf8');
    const authored = [...seed.matchAll(/^( *)- \[([^\]]+)\]\(#([^)]+)\)$/gm)].map((m) => `${m[1]!.length / 2} ${m[2]} #${m[3]}`);
    expect(authored).toHaveLength(12);
    const toc = /<ul class="note-toc"[^>]*>([\s\S]*?)<\/ul>\s*<div class="heading-wrapper level-h1"><h1 id="llm">/.exec(articleOf(readPage(site.dist, 'llm-소개/')))?.[1] ?? '';
    const rendered: string[] = [];
    let depth = -1;
    for (const token of toc.matchAll(/<(\/?)ul[^>]*>|<a href="#([^"]*)">([^<]*)<\/a>/g)) {
      if (token[0].startsWith('<ul')) depth++;
      else if (token[0] === '</ul>') depth--;
      else rendered.push(`${depth + 1} ${token[3]} #${decodeURIComponent(token[2]!)}`);
    }
    expect(rendered).toEqual(authored);
  });

  it('resolves every # link on every page to an id on that page, and never shows the omit marker', () => {
    const pages = listFiles(site.dist).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) {
      const html = readFileSync(path.join(site.dist, page), 'utf8');
      const ids = new Set([...html.matchAll(/\bid="([^"]*)"/g)].map((m) => m[1]!));
      for (const href of hrefs(html).filter((h) => h.startsWith('#') && h.length > 1)) {
        expect(ids.has(decodeURIComponent(href.slice(1))), `${page} → ${href}`).toBe(true);
      }
      expect(html, page).not.toMatch(/omit (in|from) toc/i);
    }
  });
});
