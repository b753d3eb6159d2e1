// The search dialog's result HTML and Korean texts (src/browser/search-render.ts).
import { describe, expect, it } from 'vitest';
import { escapeHtml, pickSections, renderNote, TEXT } from '../../src/browser/search-render.ts';

const sub = (title: string, id: string | undefined, hits: number) => ({
  title,
  url: id ? `/b/n/#${encodeURIComponent(id)}` : '/b/n/',
  excerpt: `…<mark>${title}</mark>…`,
  locations: Array.from({ length: hits }, (_, i) => i),
  ...(id ? { anchor: { element: 'h2', id, location: 0 } } : {}),
});

describe('search results', () => {
  it('keep the sections with the most hits, in page order, and never the page itself', () => {
    const subs = [sub('페이지', undefined, 9), sub('첫째', 'a', 1), sub('둘째', 'b', 5), sub('셋째', 'c', 2), sub('넷째', 'd', 4)];
    expect(pickSections(subs).map((s) => s.title)).toEqual(['둘째', '셋째', '넷째']);
  });

  it('link the note and its headings, escaping titles but keeping Pagefind’s <mark>', () => {
    const html = renderNote({
      url: '/b/n/',
      excerpt: '요약',
      meta: { title: '<b>LLM</b> & 소개' },
      sub_results: [sub('페이지', undefined, 1), sub('어텐션 "설명"', '어텐션', 2)],
    });
    expect(html).toContain('<a class="search-link search-note" href="/b/n/"><span class="search-title">&#60;b&#62;LLM&#60;/b&#62; &#38; 소개</span>');
    expect(html).toContain(`href="/b/n/#${encodeURIComponent('어텐션')}"`);
    expect(html).toContain('어텐션 &#34;설명&#34;');
    expect(html).toContain('<mark>');
  });

  it('show the note excerpt when no heading matched', () => {
    const html = renderNote({ url: '/n/', excerpt: '<mark>토큰</mark> 설명', meta: { title: '노트' }, sub_results: [sub('노트', undefined, 1)] });
    expect(html).toContain('<span class="search-excerpt"><mark>토큰</mark> 설명</span>');
    expect(html).not.toContain('search-sections');
  });

  it('fall back to the decoded URL without a title', () => {
    expect(renderNote({ url: '/%EB%85%B8%ED%8A%B8/', excerpt: '', meta: {}, sub_results: [] })).toContain('>/노트/<');
  });

  it('speak Korean', () => {
    expect(TEXT.empty).toBe('결과 없음');
    expect(TEXT.count(3)).toBe('노트 3개 찾음');
    expect(escapeHtml(`<'&">`)).toBe('&#60;&#39;&#38;&#34;&#62;');
  });
});
