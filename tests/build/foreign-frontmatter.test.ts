// Issue 13: notes written for other tools (Jekyll, Hugo, Docusaurus, Obsidian, Retype, VitePress)
// build as they are, strictly, under a base path; what each key became is on the pages.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, cleanup, pageExists, prepareSite, readPage, type BuildResult } from './build-site.ts';

let site: BuildResult;

beforeAll(async () => {
  const { workDir } = prepareSite('foreign-frontmatter');
  site = await buildSite(workDir, { env: { NOTES_STRICT: '1', SITE_URL: 'https://example.com', BASE_PATH: '/notes/' } });
  if (!site.ok) console.error(site.output);
}, 480_000);

afterAll(() => {
  if (site?.ok) cleanup(site.workDir);
});

const page = (p: string) => readPage(site.dist, p).replace(/ data-astro-cid-\w+/g, '');
const description = (html: string) => /<meta name="description" content="([^"]*)"/.exec(html)?.[1];
const tagsOf = (html: string) => [...(/<ul class="note-tags"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '').matchAll(/href="([^"]*)"[^>]*>#([^<]*)</g)].map((m) => [decodeURI(m[1]!), m[2]!]);

describe('frontmatter from other tools', () => {
  it('builds strictly: no error, no warning', () => {
    expect(site.ok, site.output).toBe(true);
    expect(site.output).not.toMatch(/\b(warning|error) \[/);
  });

  it('Jekyll post: permalink as the address, categories and tags, date (as written, 08:30 KST being the day before in UTC), excerpt, redirect_from; published: false left out', () => {
    const html = page('2024/01/transformer/');
    expect(html).toContain('<title>트랜스포머 정리 · ');
    expect(description(html)).toBe('어텐션만으로 만든 모델을 정리한 글');
    expect(tagsOf(html)).toEqual([
      ['/notes/tags/nlp/', 'nlp'],
      ['/notes/tags/attention/', 'attention'],
      ['/notes/tags/딥러닝/', '딥러닝'],
    ]);
    expect(html).toMatch(/작성: <time class="note-date" datetime="2024-01-15">2024년 1월 15일<\/time>/);
    expect(html).toContain('class="katex'); // use_math: math works anyway
    const redirect = page('old/transformer/');
    expect(redirect).toMatch(/http-equiv="refresh" content="0;url=\/notes\/2024\/01\/transformer\/"/);
    expect(redirect).toContain('<link rel="canonical" href="https://example.com/notes/2024/01/transformer/">');
    expect(redirect).toContain('이 노트는 옮겨졌습니다');
    expect(pageExists(site.dist, '01-15-transformer/')).toBe(false);
    expect(site.output).not.toContain('아직 쓰는 중');
    expect(existsSync(path.join(site.dist, '01-15-transformer'))).toBe(false);
    expect(page('')).not.toContain('아직 쓰는 중');
  });

  it('Hugo page: weight as order, summary, lastmod shown, aliases; TOML frontmatter too', () => {
    const html = page('hugo/rag/');
    expect(description(html)).toBe('검색 증강 생성의 기본');
    expect(html).toMatch(/마지막 수정: <time datetime="2023-04-02">2023년 4월 2일<\/time>/);
    expect(html).toMatch(/작성: <time class="note-date" datetime="2023-03-01">/);
    expect(tagsOf(html).map(([, name]) => name)).toEqual(['RAG', '검색', 'LLM']);
    expect(page('posts/rag-intro/')).toContain('url=/notes/hugo/rag/');
    const home = page('');
    expect(home.indexOf('RAG 입문')).toBeLessThan(home.indexOf('임베딩')); // weight 1 before weight 2
    expect(tagsOf(page('hugo/embedding/')).map(([, name]) => name)).toEqual(['검색']);
  });

  it('Docusaurus doc: slug as the address, sidebar_position as order, description, keywords, last_update', () => {
    const html = page('docs/getting-started/');
    expect(description(html)).toBe('문서 사이트 소개');
    expect(tagsOf(html).map(([, name]) => name)).toEqual(['docusaurus', '문서']);
    expect(html).toMatch(/마지막 수정: <time datetime="2024-05-06">/);
    const home = page('');
    expect(home.indexOf('>설치<')).toBeLessThan(home.indexOf('>시작하기<'));
  });

  it('Obsidian note: tags, aliases as redirect pages, created and updated', () => {
    const html = page('obsidian/프롬프트/');
    expect(tagsOf(html)).toEqual([
      ['/notes/tags/llm/', 'llm'],
      ['/notes/tags/프롬프트/', '프롬프트'],
    ]);
    expect(html).toMatch(/작성: <time class="note-date" datetime="2024-02-03">.*마지막 수정: <time datetime="2024-02-04">/);
    expect(decodeURI(page('프롬프트-엔지니어링/'))).toContain('http-equiv="refresh" content="0;url=/notes/obsidian/프롬프트/"');
  });

  it('Retype and VitePress pages: description, order, tags; their other keys do nothing', () => {
    expect(description(page('retype/guide/'))).toBe('Retype 페이지');
    expect(tagsOf(page('retype/guide/')).map(([, name]) => name)).toEqual(['guide', '문서']);
    const api = page('vitepress/api/');
    expect(description(api)).toBe('VitePress 페이지');
    expect(api).toContain('<title>API 레퍼런스 · ');
    expect(api).not.toContain('class="note-tags"');
    // A <br> in a heading: a space in the on-page TOC and after the break (issue 13).
    expect(api).toMatch(/<h2 id="함수목록">함수<br> 목록<\/h2>/);
    expect(api).toMatch(/<a href="#%ED%95%A8%EC%88%98%EB%AA%A9%EB%A1%9D"[^>]*>함수 목록<\/a>/);
  });

  it('tag pages: /tags/ with counts, /tags/<tag>/ with its notes, in the sitemap; redirects are not', () => {
    expect(page('')).toContain('<a href="/notes/tags/">태그 10개</a>');
    const index = page('tags/');
    expect(index).toContain('<a href="/notes/tags/검색/">검색 <span class="count">2</span></a>');
    expect(index).toContain('<a href="/notes/tags/llm/">LLM <span class="count">2</span></a>'); // LLM and llm: one tag
    const search = page('tags/검색/');
    expect(search).toContain('href="/notes/hugo/rag/"');
    expect(search).toContain('href="/notes/hugo/embedding/"');
    const sitemap = readPage(site.dist, 'sitemap.xml');
    expect(sitemap).toContain('<loc>https://example.com/notes/tags/</loc>');
    expect(sitemap).toContain(`<loc>https://example.com${encodeURI('/notes/tags/딥러닝/')}</loc>`);
    expect(sitemap).toContain('<loc>https://example.com/notes/2024/01/transformer/</loc>');
    expect(sitemap).not.toContain('old/transformer');
  });

  it('the web font covers the tag names (딥러닝 is written only in a frontmatter list)', () => {
    const ranges = [...readPage(site.dist, 'fonts/notes-sans.css').matchAll(/U\+([0-9a-f]+)(?:-([0-9a-f]+))?/gi)].map((m) => [
      parseInt(m[1]!, 16),
      parseInt(m[2] ?? m[1]!, 16),
    ]);
    const missing = [...'딥러닝'].filter((c) => !ranges.some(([a, b]) => c.codePointAt(0)! >= a! && c.codePointAt(0)! <= b!));
    expect(missing).toEqual([]);
  });
});
