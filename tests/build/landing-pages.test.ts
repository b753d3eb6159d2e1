// Issue 7 item 5: a folder's README.md / index.md is that section's landing page (the folder's
// URL, first in its section), and content/README.md is the home page's intro, as GitHub shows them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleOf, buildSite, cleanup, listFiles, pageExists, prepareSite, readPage, type BuildResult } from './build-site.ts';

let site: BuildResult;

/** [decoded href, text] of every plain link. */
function links(html: string): [string, string][] {
  return [...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => [decodeURI(m[1]!), m[2]!]);
}

beforeAll(async () => {
  const { workDir } = prepareSite('landing-pages');
  site = await buildSite(workDir, { env: { NOTES_STRICT: '1' } });
  if (!site.ok) console.error(site.output);
}, 480_000);

afterAll(() => {
  if (site?.ok) cleanup(site.workDir);
});

describe('README.md and index.md as landing pages', () => {
  it('builds strictly', () => {
    expect(site.ok, site.output).toBe(true);
  });

  it('makes no tag pages when no note has tags (issue 13)', () => {
    expect(listFiles(site.dist).filter((f) => f.startsWith('tags/'))).toEqual([]);
  });

  it('gives a folder’s README.md or index.md the folder’s URL, and makes no /readme/ or /index/ page', () => {
    expect(pageExists(site.dist, '검색/')).toBe(true);
    expect(pageExists(site.dist, '빈-섹션/')).toBe(true);
    expect(articleOf(readPage(site.dist, '검색/'))).toContain('이 섹션은 검색을 다룹니다.');
    expect(articleOf(readPage(site.dist, '빈-섹션/'))).toContain('노트는 아직 없습니다.');
    const pages = listFiles(site.dist).filter((f) => f.endsWith('index.html'));
    expect(pages.filter((f) => /(^|\/)(readme|index)\/index\.html$/i.test(f))).toEqual([]);
  });

  it('shows content/README.md as the home page’s intro, with its own h1 only, and links resolved', () => {
    const home = readPage(site.dist, '');
    expect(home.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(home).toMatch(/<h1 id="나의-llm-공부-노트">나의 LLM 공부 노트<\/h1>/);
    expect(home).toContain('소개 문단입니다.');
    expect(home).toContain('markdown-alert markdown-alert-tip');
    expect(links(home)).toContainEqual(['/검색/', '검색']);
    // Still the list of every note, the intro not among them.
    expect(home).toContain('첫 노트');
    expect(home).toContain('BM25');
  });

  it('lists a section’s landing page first, and links to ./README.md reach the folder page', () => {
    const home = readPage(site.dist, '');
    expect(home.indexOf('검색 섹션')).toBeGreaterThan(-1);
    expect(home.indexOf('검색 섹션')).toBeLessThan(home.indexOf('BM25'));
    expect(links(articleOf(readPage(site.dist, '검색/bm25/')))).toContainEqual(['/검색/', '섹션 소개']);
  });
});
