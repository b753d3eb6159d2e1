// The search index (src/site/search-index.ts) built by the real Pagefind binary over a small
// hand-written site, and searched from Node with Pagefind's own browser code: Korean queries,
// note titles, heading anchors, what is left out of the index and of the output.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex, isSearchablePage, isUnusedBundleFile, pageUrl, searchablePart, type SearchIndexResult } from '../../src/site/search-index.ts';
import { openSiteSearch, type SiteSearch } from '../helpers/pagefind.ts';

function page(title: string, body: string, article = true): string {
  const main = article
    ? `<article class="note" data-pagefind-body data-pagefind-meta="title:${title}">${body}</article>`
    : body;
  return `<!doctype html><html lang="ko"><head><title>${title} · 공부 노트</title></head><body><header><a href="/">공부 노트</a> 사이트머리말</header><main>${main}</main></body></html>`;
}

/** A heading as the site renders it: the anchor link beside it, outside the search index. */
const heading = (level: number, id: string, text: string) =>
  `<div class="heading-wrapper level-h${level}"><h${level} id="${id}">${text}</h${level}>` +
  `<a class="heading-anchor" data-pagefind-ignore href="#${id}"><span aria-hidden="true">#</span><span class="sr-only">‘${text}’ 절로 가는 링크</span></a></div>`;

let dir: string;
let result: SearchIndexResult;
let site: SiteSearch;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'search-index-'));
  const write = (rel: string, html: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), html);
  };
  write('index.html', page('공부 노트', '<h1>공부 노트</h1><p>홈목록전용단어 어텐션</p>', false));
  write('404.html', page('찾을 수 없음', '<h1>페이지를 찾을 수 없습니다</h1><p>없는단어</p>', false));
  write(
    'llm-소개/index.html',
    page(
      'LLM 소개',
      `${heading(1, 'llm-소개', 'LLM 소개')}${heading(1, 'llm', 'LLM')}<p>대부분 트랜스포머 아키텍처에서 파생된 모델.</p>` +
        `${heading(2, '어텐션-메커니즘', '어텐션 메커니즘')}<p>셀프 어텐션은 입력의 다른 부분에 가중치를 준다.</p>`,
    ),
  );
  write(
    '심화/인코더-디코더/index.html',
    page('인코더와 디코더', '<h1 id="인코더와-디코더">인코더와 디코더</h1><p>트랜스포머의 핵심은 인코더와 디코더를 쌓은 구조다.</p>'),
  );
  write('심화/토크나이저/index.html', page('토크나이저 정리', '<h2 id="bpe">바이트 페어<br> 인코딩</h2><p>글자 쌍을 합친다.</p>'));
  write(
    '심화/자기회귀/index.html',
    page('자기회귀 디코딩', `${heading(2, '생성', '생성')}<p>자기회귀 모델은 파인튜닝을 거쳐 결과를 저장한다.</p>`),
  );
  result = await buildSearchIndex(dir);
  site = await openSiteSearch(dir, '/some-repo/');
}, 60_000);

afterAll(() => {
  site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('search index helpers', () => {
  it('maps built files to percent-encoded page URLs', () => {
    expect(pageUrl('index.html')).toBe('/');
    expect(pageUrl('llm-소개/index.html')).toBe('/llm-%EC%86%8C%EA%B0%9C/');
    expect(pageUrl('심화/토크나이저/index.html')).toBe(`/${encodeURIComponent('심화')}/${encodeURIComponent('토크나이저')}/`);
    expect(pageUrl('404.html')).toBe('/404.html');
    // Decomposed Hangul in a file name is composed (Astro's URLs are NFC).
    expect(pageUrl(`${'노트'.normalize('NFD')}/index.html`)).toBe(pageUrl('노트/index.html'));
  });

  it('indexes only pages that mark their searchable part', () => {
    expect(isSearchablePage('<article class="note" data-pagefind-body data-x>')).toBe(true);
    expect(isSearchablePage('<article data-pagefind-body="">')).toBe(true);
    expect(isSearchablePage('<p>data-pagefind-body is an attribute</p>')).toBe(false);
    expect(isSearchablePage('<main><h1>홈</h1></main>')).toBe(false);
  });

  it('leaves out the bundles the site does not load', () => {
    for (const f of ['pagefind-ui.js', 'pagefind-ui.css', 'pagefind-modular-ui.js', 'pagefind-component-ui.css', 'pagefind-highlight.js', 'pagefind-worker.js']) {
      expect(isUnusedBundleFile(f), f).toBe(true);
    }
    for (const f of ['pagefind.js', 'pagefind-entry.json', 'wasm.unknown.pagefind', 'pagefind.ko_1.pf_meta']) expect(isUnusedBundleFile(f), f).toBe(false);
  });
});

describe('an index built by Pagefind', () => {
  it('holds the three note pages and only the files the search dialog loads', () => {
    expect(result.pages).toBe(4);
    const files = readdirSync(path.join(dir, 'pagefind'), { recursive: true }).map(String).sort();
    expect(files).toContain('pagefind.js');
    expect(files).toContain('pagefind-entry.json');
    expect(files.some((f) => /^pagefind\.ko_\w+\.pf_meta$/.test(f))).toBe(true);
    expect(files.some((f) => /^wasm\..+\.pagefind$/.test(f))).toBe(true);
    expect(files.filter((f) => isUnusedBundleFile(path.basename(f)))).toEqual([]);
    expect(result.indexBytes).toBeGreaterThan(0);
    expect(result.bytes).toBeGreaterThan(result.indexBytes);
  });

  it('`어텐션` finds "LLM 소개" (title from the note, URL under the base)', async () => {
    const found = await site.search('어텐션');
    expect(found.map((n) => n.title)).toEqual(['LLM 소개']);
    expect(found[0]!.url).toBe('/some-repo/llm-%EC%86%8C%EA%B0%9C/');
  });

  it('links a match to its heading', async () => {
    const [note] = await site.search('가중치');
    const section = note!.sections.find((s) => s.anchorId);
    expect(section?.title).toBe('어텐션 메커니즘');
    expect(decodeURIComponent(section!.url)).toBe('/some-repo/llm-소개/#어텐션-메커니즘');
  });

  it('`트랜스포머` finds the note that only has `트랜스포머의`', async () => {
    const titles = (await site.search('트랜스포머')).map((n) => n.title);
    expect(titles).toContain('인코더와 디코더');
    expect(titles).toContain('LLM 소개');
  });

  it('a query with a particle (`어텐션을`, `트랜스포머는`) still finds the bare word', async () => {
    expect((await site.search('어텐션을')).map((n) => n.title)).toContain('LLM 소개');
    expect((await site.search('트랜스포머는')).map((n) => n.title)).toContain('LLM 소개');
  });

  // As the site writes it: a space after the <br> (src/markdown/rehype-heading-breaks.ts).
  it('a <br> in a heading is a space in its search result (issue 13)', async () => {
    const [note] = await site.search('글자');
    expect(note!.sections.find((s) => s.anchorId)?.title).toBe('바이트 페어 인코딩');
  });

  it('finds a word inside a compound and marks that part, with no indexing token shown', async () => {
    const [note, ...rest] = await site.search('튜닝을');
    expect(rest).toEqual([]);
    expect(note!.title).toBe('자기회귀 디코딩');
    expect(note!.sections[0]!.excerpt).toContain('파인<mark>튜닝</mark>을');
    expect(JSON.stringify(note)).not.toContain('⁅');
    expect((await site.search('회귀')).map((n) => n.title)).toEqual(['자기회귀 디코딩']);
  });

  it('does not take 저장 for 저자, and needs every word of the query', async () => {
    expect(await site.search('저자')).toEqual([]);
    expect((await site.search('저장')).map((n) => n.title)).toEqual(['자기회귀 디코딩']);
    expect(await site.search('회귀 어텐션')).toEqual([]);
  });

  it('titles come from data-pagefind-meta, also for a note without an h1', async () => {
    expect((await site.search('바이트')).map((n) => n.title)).toEqual(['토크나이저 정리']);
  });

  it('does not index the home page, the 404 page or the header', async () => {
    expect(await site.search('홈목록전용단어')).toEqual([]);
    expect(await site.search('없는단어')).toEqual([]);
    expect(await site.search('사이트머리말')).toEqual([]);
    // Heading anchor links carry data-pagefind-ignore.
    expect(await site.search('절로')).toEqual([]);
  });
});

describe('searchablePart', () => {
  const head = '<!doctype html><html lang="ko"><head><title>노트</title></head>';
  it('keeps the head and the data-pagefind-body element, nested tags included', () => {
    const article = '<article class="note" data-pagefind-body><article><p>안</p></article><p>본문</p></article>';
    const html = `${head}<body class="x"><nav><a href="/">목록</a></nav><main>${article}<aside>옆</aside></main><script>1</script></body></html>`;
    expect(searchablePart(html)).toBe(`${head}<body class="x">${article}</body></html>`);
  });

  it('gives the whole page when the element holds a comment, a script or raw text, or has no end', () => {
    for (const inner of ['<!-- </article> -->', '<script>"</article>"</script>', '<textarea></article></textarea>']) {
      const html = `${head}<body><article data-pagefind-body><p>가</p>${inner}</article></body></html>`;
      expect(searchablePart(html)).toBe(html);
    }
    const open = `${head}<body><article data-pagefind-body><p>가</p></body></html>`;
    expect(searchablePart(open)).toBe(open);
    const none = `${head}<body><main>가</main></body></html>`;
    expect(searchablePart(none)).toBe(none);
  });
});
