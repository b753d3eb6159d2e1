// Issue 7: everything GitHub renders in a note, the site renders too. Builds the github-parity
// fixture site (a note with every construct, a math-only note, a plain note, an MDX note)
// strictly, and the github-parity-bad site (each bad input once) leniently and strictly.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/markdown/remark-mermaid.ts';
import { articleOf, buildSite, cleanup, listFiles, prepareSite, readPage, type BuildResult } from './build-site.ts';

const ALL = '깃허브-문법/';
const MATH_ONLY = '수식만/';
const PLAIN = '평범한-노트/';
const MDX = 'mdx-문법/';
const buildTimeMermaid = Boolean(findChromium());
const BASE = '/gp-notes/';

let site: BuildResult;
let buildMs = 0;

beforeAll(async () => {
  const { workDir } = prepareSite('github-parity');
  const started = Date.now();
  // Under a base path, as on GitHub Pages: KaTeX's stylesheet and fonts must follow it.
  site = await buildSite(workDir, { env: { NOTES_STRICT: '1', BASE_PATH: BASE } });
  buildMs = Date.now() - started;
  if (!site.ok) console.error(site.output);
}, 480_000);

afterAll(() => {
  if (site?.ok) cleanup(site.workDir);
});

/** Text of the article with tags removed (roughly what a reader sees). */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|math|svg)\b[\s\S]*?<\/\1>/g, '')
    .replace(/<annotation[\s\S]*?<\/annotation>/g, '')
    .replace(/<[^>]+>/g, '');
}

/** Every <script> element of a page, whole. */
function scripts(html: string): string[] {
  return [...html.matchAll(/<script\b[\s\S]*?<\/script>/g)].map((m) => m[0]);
}

/** The scripts a plain note page has (the site's own: theme, search), which every page may have. */
function siteScripts(): string[] {
  return scripts(readPage(site.dist, PLAIN));
}

function stylesheets(html: string): string[] {
  return [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
}

describe('the github-parity fixture site', () => {
  it('builds strictly (no warning), reporting how long it took', () => {
    expect(site.ok, site.output).toBe(true);
    console.info(`[github-parity] strict build with ${buildTimeMermaid ? 'build-time' : 'browser'} Mermaid: ${buildMs} ms`);
  });

  it('renders math with KaTeX at build time: markup present, no $ delimiters left, no script', () => {
    for (const page of [ALL, MATH_ONLY, MDX]) {
      const html = readPage(site.dist, page);
      const article = articleOf(html);
      expect(article, page).toContain('<span class="katex">');
      expect(article, page).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML">');
      expect(visibleText(article), page).not.toMatch(/\$(?!5)/);
      expect(article, page).not.toContain('language-math');
      expect(scripts(html), page).toEqual(siteScripts());
    }
    expect(articleOf(readPage(site.dist, ALL))).toContain('<span class="katex-display">');
    // \$5 stays a dollar sign.
    expect(visibleText(articleOf(readPage(site.dist, MATH_ONLY)))).toContain('가격은 $5 입니다.');
  });

  it('links KaTeX’s stylesheet only on pages with math, and serves it with its fonts', () => {
    const [css, ...others] = stylesheets(readPage(site.dist, MATH_ONLY)).filter((href) => href.includes('katex'));
    expect(css).toMatch(/^\/gp-notes\/_astro\/katex\.min\.[\w-]+\.css$/);
    expect(others).toEqual([]);
    expect(stylesheets(readPage(site.dist, ALL))).toContain(css);
    expect(stylesheets(readPage(site.dist, PLAIN)).some((href) => href.includes('katex'))).toBe(false);
    expect(stylesheets(readPage(site.dist, '')).some((href) => href.includes('katex'))).toBe(false);
    const text = readFileSync(path.join(site.dist, css!.slice(BASE.length)), 'utf8');
    const fonts = [...text.matchAll(/url\(([^)]+\.woff2)\)/g)].map((m) => m[1]!);
    expect(fonts.length).toBeGreaterThanOrEqual(10);
    const files = new Set(listFiles(site.dist).map((f) => `${BASE}${f}`));
    for (const font of fonts) expect(files, font).toContain(font);
    expect(text).not.toMatch(/https?:\/\//);
  });

  it('renders the five alerts with their class, Korean title and icon; a plain quote stays a blockquote', () => {
    const article = articleOf(readPage(site.dist, ALL));
    const titles = { note: '참고', tip: '팁', important: '중요', warning: '경고', caution: '주의' };
    for (const [type, title] of Object.entries(titles)) {
      expect(article).toMatch(
        new RegExp(
          `<div class="markdown-alert markdown-alert-${type}" role="note" aria-label="${title}">\\s*<p class="markdown-alert-title"><svg class="octicon [^"]+" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path d="[^"]+"></path></svg>${title}</p>`,
        ),
      );
    }
    expect(article).toContain('<blockquote>\n<p>그냥 인용문입니다.</p>\n</blockquote>');
    expect(articleOf(readPage(site.dist, MDX))).toContain('markdown-alert markdown-alert-tip');
  });

  it('renders Mermaid as inline SVG (light and dark) at build time, or a lazily rendered container', () => {
    for (const page of [ALL, MDX]) {
      const html = readPage(site.dist, page);
      const article = articleOf(html);
      if (buildTimeMermaid) {
        expect(article, page).toMatch(/<figure class="mermaid-diagram" data-mermaid="svg"[^>]*><div class="mermaid-light"><svg id="user-content-mermaid-light-0"/);
        expect(article, page).toMatch(/<div class="mermaid-dark"><svg id="user-content-mermaid-dark-0"/);
        expect(scripts(html), page).toEqual(siteScripts());
      } else {
        expect(article, page).toContain('<figure class="mermaid-diagram mermaid-client" data-mermaid="client"');
        expect(scripts(html).length, page).toBe(siteScripts().length + 1);
      }
      expect(article, page).not.toContain('language-mermaid');
    }
    expect(articleOf(readPage(site.dist, ALL))).toContain('토큰화');
  });

  it('keeps footnote links resolving, with Korean labels and ids that do not collide with headings', () => {
    const html = readPage(site.dist, ALL);
    const article = articleOf(html);
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
    const refs = [...article.matchAll(/<a href="#(user-content-fn[^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(4);
    for (const ref of refs) expect(ids, ref).toContain(ref);
    expect(article).toContain('<h2 class="footnotes-label" id="footnote-label">각주</h2>');
    expect(article).toContain('aria-label="본문의 1번 각주 위치로 돌아가기"');
    expect(articleOf(readPage(site.dist, MDX))).toContain('id="user-content-fn-1"');
  });

  it('turns :shortcodes: into emoji', () => {
    const text = visibleText(articleOf(readPage(site.dist, ALL)));
    expect(text).toContain('이모지: 🚀 👍 🎉');
    expect(text).not.toContain(':rocket:');
    expect(visibleText(articleOf(readPage(site.dist, MDX)))).toContain('✨');
  });

  it('renders GFM and the HTML GitHub allows', () => {
    const article = articleOf(readPage(site.dist, ALL));
    expect(article).toContain('<th align="right">매개변수</th>');
    expect(article).toContain('<input type="checkbox" checked disabled>');
    expect(article).toContain('<del>틀린 설명</del>');
    expect(article).toContain('<a href="https://example.com">https://example.com</a>');
    expect(article).toMatch(/<details>\s*<summary>펼쳐 보기<\/summary>/);
    expect(article).toContain('<kbd>Ctrl</kbd>');
    expect(article).toContain('H<sub>2</sub>O');
    expect(article).toContain('mc<sup>2</sup>');
    expect(article).toMatch(/<img [^>]*alt="밝은 테마 그림"[^>]*class="gh-light-mode-only"|<img [^>]*class="gh-light-mode-only"[^>]*alt="밝은 테마 그림"/);
    expect(article).toMatch(/class="gh-dark-mode-only"/);
    expect(article).not.toContain('#gh-dark-mode-only');
  });

  it('costs plain notes nothing: no KaTeX, no Mermaid, no script of ours', () => {
    const html = readPage(site.dist, PLAIN);
    expect(scripts(html).join('\n')).not.toMatch(/mermaid|katex/i);
    expect(stylesheets(html).some((href) => href.includes('katex'))).toBe(false);
    expect(articleOf(html)).not.toMatch(/katex|mermaid/);
  });
});

describe('bad input in the github-parity constructs', () => {
  const expected = [
    /content\/01-잘못된-문법\.md:3:\d+ warning \[math-unbalanced\]/,
    /content\/01-잘못된-문법\.md:5:\d+ warning \[math-error\] formula does not parse/,
    /content\/01-잘못된-문법\.md:7:1 warning \[unknown-alert\] \[!FOO\]/,
    /content\/01-잘못된-문법\.md:10 warning \[mermaid-error\]/,
    /content\/01-잘못된-문법\.md:15:\d+ warning \[unknown-emoji\] :not_a_real_emoji:/,
  ];

  it('the page builds, each problem a warning with file and line', async () => {
    const { workDir } = prepareSite('github-parity-bad');
    const result = await buildSite(workDir);
    try {
      expect(result.ok, result.output).toBe(true);
      for (const pattern of expected) {
        if (!buildTimeMermaid && pattern.source.includes('mermaid')) continue;
        expect(result.output).toMatch(pattern);
      }
      const article = articleOf(readPage(result.dist, '잘못된-문법/'));
      expect(article).toContain('가격은 $5 입니다.');
      expect(article).toContain('class="katex-error"');
      expect(article).toMatch(/<blockquote>\s*<p>\[!FOO\]/);
      expect(article).toContain(':not_a_real_emoji:');
      if (buildTimeMermaid) {
        expect(article).toContain('<figure class="mermaid-diagram mermaid-error" data-mermaid="error">');
        expect(visibleText(article)).toMatch(/다이어그램을 그리지 못했습니다\. Parse error: Expecting [^\n]*\s*flowchart LR\s+A -->/);
      }
    } finally {
      cleanup(workDir);
    }
  }, 480_000);

  it('strict mode fails the build', async () => {
    const { workDir } = prepareSite('github-parity-bad');
    const result = await buildSite(workDir, { env: { NOTES_STRICT: '1' } });
    cleanup(workDir);
    expect(result.ok, result.output).toBe(false);
    expect(result.output).toMatch(expected[2]!);
  }, 480_000);
});
