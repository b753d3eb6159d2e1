/**
 * The reading experience in real Chromium (issue 3): TOC links, theme switch with no flash,
 * narrow screens, copy buttons, no console error or foreign request, axe-core, screenshots.
 * Runs against the e2e fixture site, built once per run (tests/e2e/site.ts).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../build/build-site.ts';
import { chromiumForTests, launchChromium, newKoreanContext, requireChromium } from '../helpers/browser';
import { watchContext, type PageWatch } from '../helpers/page-watch';
import { serveDir, type StaticServer } from '../helpers/serve';
import { e2eSite, SEED_PAGE } from './site';

const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');
const CODE_PAGE = '트랜스포머/어텐션-메커니즘/';

const lookup = chromiumForTests();
let server: StaticServer;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!lookup.found) return;
  const site = await e2eSite();
  server = await serveDir(site.dist, { base: site.base });
  browser = await launchChromium(lookup.executablePath);
}, 480_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh context with the page watch; closes it and asserts it stayed clean. */
async function withPage(
  options: BrowserContextOptions,
  run: (page: Page, context: BrowserContext, watch: PageWatch) => Promise<void>,
): Promise<void> {
  const context = await newKoreanContext(browser!, options);
  try {
    const watch = await watchContext(context);
    const page = await context.newPage();
    await run(page, context, watch);
    watch.assertClean();
  } finally {
    await context.close();
  }
}

/** Forget the console's report of the 404 status of the page itself (expected on the 404 page). */
function forgetOwn404(watch: PageWatch, page: Page): void {
  const own = (e: string) => e.includes('status of 404') && e.includes(page.url());
  const kept = watch.consoleErrors.filter((e) => !own(e));
  watch.consoleErrors.splice(0, watch.consoleErrors.length, ...kept);
}

const hash = (page: Page) => decodeURIComponent(new URL(page.url()).hash);

/** The heading's top edge relative to the viewport (0 = at the top). */
async function headingTop(page: Page, id: string): Promise<number> {
  return page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, id);
}

describe('table of contents links', () => {
  test('an entry of the in-text TOC moves to its heading and sets the hash', async (ctx) => {
    requireChromium(ctx, lookup);
    await withPage({ reducedMotion: 'reduce' }, async (page) => {
      await page.goto(server.href(SEED_PAGE));
      const link = page.locator('article .note-toc a', { hasText: 'LLM 작동 원리' });
      await link.click();
      await expect.poll(() => hash(page)).toBe('#llm-작동-원리');
      const top = await headingTop(page, 'llm-작동-원리');
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(200);
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    });
  });

  test('an entry of the on-page TOC beside the text moves to its heading and sets the hash', async (ctx) => {
    requireChromium(ctx, lookup);
    await withPage({ reducedMotion: 'reduce' }, async (page) => {
      await page.goto(server.href(SEED_PAGE));
      const side = page.locator('nav.page-toc');
      await expect.poll(() => side.isVisible()).toBe(true);
      // Beside the text, not above it.
      const [tocBox, articleBox] = await Promise.all([side.boundingBox(), page.locator('article.note').boundingBox()]);
      expect(tocBox!.x).toBeGreaterThan(articleBox!.x + articleBox!.width - 1);
      await side.getByRole('link', { name: '도메인 특화 LLM' }).click();
      await expect.poll(() => hash(page)).toBe('#도메인-특화-llm');
      const top = await headingTop(page, '도메인-특화-llm');
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(200);
    });
  });

  test('the on-page TOC honours the omit markers and lists levels 2–3', async (ctx) => {
    requireChromium(ctx, lookup);
    await withPage({}, async (page) => {
      await page.goto(server.href(CODE_PAGE));
      const entries = await page.locator('nav.page-toc a').allTextContents();
      expect(entries).toEqual(['스케일드 닷 프로덕트 어텐션', '멀티 헤드 어텐션', '헤드 수와 차원', '구현', '참고 자료']);
    });
  });

  test('on a narrow screen the on-page TOC is a closed block above the text that opens', async (ctx) => {
    requireChromium(ctx, lookup);
    await withPage({ viewport: { width: 375, height: 800 }, reducedMotion: 'reduce' }, async (page) => {
      await page.goto(server.href(SEED_PAGE));
      const link = page.locator('nav.page-toc a', { hasText: '챗봇' });
      expect(await link.isVisible()).toBe(false);
      await page.locator('nav.page-toc summary').click();
      await link.click();
      await expect.poll(() => hash(page)).toBe('#챗봇');
    });
  });
});

describe('theme', () => {
  test('follows the system setting when nothing is stored', async (ctx) => {
    requireChromium(ctx, lookup);
    await withPage({ colorScheme: 'dark' }, async (page) => {
      await page.goto(server.href(SEED_PAGE));
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(21, 23, 28)');
      expect(await page.locator('input[name="theme"][value="system"]').isChecked()).toBe(true);
    });
  });

  test('the switch persists across a reload, with the stored background on first paint', async (ctx) => {
    requireChromium(ctx, lookup);
    await withPage({ colorScheme: 'light' }, async (page, context) => {
      // Record the page's state in the first animation frame, i.e. just before the first paint.
      await context.addInitScript(() => {
        requestAnimationFrame(() => {
          (window as unknown as { firstFrame: unknown }).firstFrame = {
            theme: document.documentElement.dataset.theme ?? null,
            background: getComputedStyle(document.documentElement).backgroundColor,
          };
        });
      });
      await page.goto(server.href(SEED_PAGE));
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(255, 255, 255)');
      await page.getByRole('radio', { name: '어두운 테마' }).check();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(21, 23, 28)');

      await page.reload();
      await page.waitForFunction(() => 'firstFrame' in window);
      expect(await page.evaluate(() => (window as unknown as { firstFrame: unknown }).firstFrame)).toEqual({
        theme: 'dark',
        background: 'rgb(21, 23, 28)',
      });
      expect(await page.getByRole('radio', { name: '어두운 테마' }).isChecked()).toBe(true);

      // Another page of the site remembers it too; "system" goes back to the system's light.
      await page.goto(server.href(''));
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await page.getByRole('radio', { name: '시스템 설정 따르기' }).check();
      await page.reload();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(255, 255, 255)');
    });
  });
});

describe('narrow screen (375 px)', () => {
  test('no horizontal scroll; the sidebar opens and closes from its button; the current page is marked', async (ctx) => {
    requireChromium(ctx, lookup);
    await withPage({ viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true }, async (page) => {
      for (const p of [SEED_PAGE, CODE_PAGE, '']) {
        await page.goto(server.href(p), { waitUntil: 'networkidle' });
        const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        expect(widths[0], p).toBeLessThanOrEqual(widths[1]!);
      }
      await page.goto(server.href(SEED_PAGE), { waitUntil: 'networkidle' });
      const sidebar = page.getByRole('navigation', { name: '노트 목록' });
      const open = page.getByRole('button', { name: '노트 목록 열기' });
      expect(await sidebar.isVisible()).toBe(false);
      await open.click();
      await expect.poll(() => sidebar.isVisible()).toBe(true);
      const current = sidebar.locator('a[aria-current="page"]');
      expect(await current.count()).toBe(1);
      expect(await current.textContent()).toContain('LLM 소개');
      expect(await current.isVisible()).toBe(true);
      await sidebar.getByRole('button', { name: '노트 목록 닫기' }).click();
      await expect.poll(() => sidebar.isVisible()).toBe(false);
      // Escape closes it too; keyboard focus goes back to the page.
      await open.click();
      await expect.poll(() => sidebar.isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => sidebar.isVisible()).toBe(false);
      // Following a link in the open sidebar goes to that note.
      await open.click();
      await sidebar.getByRole('link', { name: /트랜스포머/ }).click();
      await page.waitForURL(/%EC%96%B4%ED%85%90%EC%85%98/);
      expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`${new URL(server.url).pathname}${CODE_PAGE}`);
    });
  });

  test('wide tables and long words scroll or wrap inside the text column', async (ctx) => {
    requireChromium(ctx, lookup);
    await withPage({ viewport: { width: 375, height: 800 } }, async (page) => {
      await page.goto(server.href(CODE_PAGE));
      const table = page.locator('article table');
      const sizes = await table.evaluate((t) => [t.scrollWidth, t.clientWidth]);
      expect(sizes[0]).toBeGreaterThan(sizes[1]!);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    });
  });
});

describe('sidebar, keyboard and structure', () => {
  test('wide screens show the sidebar with only the current section expanded', async (ctx) => {
    requireChromium(ctx, lookup);
    await withPage({}, async (page) => {
      await page.goto(server.href(CODE_PAGE));
      const sidebar = page.getByRole('navigation', { name: '노트 목록' });
      expect(await sidebar.isVisible()).toBe(true);
      expect(await sidebar.locator('a[aria-current="page"]').textContent()).toBe('어텐션 메커니즘');
      expect(await sidebar.getByRole('link', { name: '임베딩' }).isVisible()).toBe(true);
      // The other section is one link to its first note.
      const tools = sidebar.getByRole('link', { name: /도구/ });
      expect(await tools.getAttribute('href')).toBe(`${new URL(server.url).pathname}도구/git-기본/`);
      expect(await sidebar.getByRole('link', { name: 'Git 기본 명령' }).count()).toBe(0);
      // Previous / next.
      const pager = page.getByRole('navigation', { name: '이전 노트와 다음 노트' });
      expect(await pager.getByRole('link').allTextContents()).toEqual([expect.stringContaining('LLM 소개'), expect.stringContaining('임베딩')]);
    });
  });

  test('the first Tab reaches the skip link, which moves focus to the main content', async (ctx) => {
    requireChromium(ctx, lookup);
    await withPage({}, async (page) => {
      await page.goto(server.href(SEED_PAGE));
      await page.keyboard.press('Tab');
      const skip = page.locator(':focus');
      expect(await skip.textContent()).toBe('본문으로 건너뛰기');
      expect(await skip.isVisible()).toBe(true);
      await page.keyboard.press('Enter');
      expect(hash(page)).toBe('#site:main');
      await page.keyboard.press('Tab');
      // The next stop is inside <main> (the on-page TOC or the text).
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
    });
  });

  test('code blocks are highlighted and get a copy button that copies the code', async (ctx) => {
    requireChromium(ctx, lookup);
    await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
      await page.goto(server.href(CODE_PAGE));
      const block = page.locator('.code-block').first();
      expect(await page.locator('.code-block').count()).toBe(2);
      const button = block.getByRole('button', { name: '복사' });
      await block.hover();
      await button.click();
      await expect.poll(() => button.textContent()).toBe('복사됨');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toContain('def attention(q, k, v, mask=None):');
      expect(copied).not.toContain('복사');
      // Highlighted in both themes: a keyword's colour changes with the theme.
      const keyword = block.locator('span', { hasText: /^def$/ }).first();
      const light = await keyword.evaluate((el) => getComputedStyle(el).color);
      await page.getByRole('radio', { name: '어두운 테마' }).check();
      const dark = await keyword.evaluate((el) => getComputedStyle(el).color);
      expect(light).not.toBe(dark);
    });
  });

  test('the 404 page is in Korean, links home under the base and opens search', async (ctx) => {
    requireChromium(ctx, lookup);
    await withPage({}, async (page, _context, watch) => {
      const response = await page.goto(server.href('없는/주소/'));
      expect(response?.status()).toBe(404);
      forgetOwn404(watch, page);
      expect(await page.locator('h1').textContent()).toBe('페이지를 찾을 수 없습니다');
      const home = page.getByRole('link', { name: '노트 목록으로 돌아가기' });
      expect(await home.getAttribute('href')).toBe(new URL(server.url).pathname);
      await page.locator('main').getByRole('button', { name: '노트 검색하기' }).click();
      await expect.poll(() => page.locator('#search-dialog').isVisible()).toBe(true);
      // Opening loads the search code and Pagefind's index metadata; leaving before they arrive
      // would abort them (and fail the page watch for a reason that is not the page's).
      await page.locator('#search-dialog[data-search-state="ready"]').waitFor({ state: 'attached' });
      await page.keyboard.press('Escape');
      await home.click();
      await page.waitForURL(server.url);
    });
  });
});

describe('first view of the seed note', () => {
  test('requests no script file; reports the bytes it loads by type (fonts: only the site\'s own files for the characters it shows)', async (ctx) => {
    requireChromium(ctx, lookup);
    await withPage({}, async (page) => {
      const loaded: Array<{ type: string; url: string; bytes: number }> = [];
      page.on('response', async (response) => {
        const body = await response.body().catch(() => Buffer.alloc(0));
        loaded.push({ type: response.request().resourceType(), url: response.url(), bytes: body.length });
      });
      await page.goto(server.href(SEED_PAGE), { waitUntil: 'networkidle' });
      await page.evaluate(() => document.fonts.ready);
      await page.waitForLoadState('networkidle');
      const byType = new Map<string, number>();
      for (const r of loaded) byType.set(r.type, (byType.get(r.type) ?? 0) + r.bytes);
      const fonts = loaded.filter((r) => r.type === 'font');
      console.info(
        `[reading] seed page first view: ${[...byType].map(([t, b]) => `${t} ${b} B`).join(', ')}; ${fonts.length} font files`,
      );
      expect(loaded.filter((r) => r.type === 'script')).toEqual([]);
      expect(fonts.length).toBeGreaterThan(0);
      // The site's own files, named by content, each fetched once (the preload is reused).
      for (const f of fonts) expect(f.url).toMatch(/\/fonts\/[0-9a-f]{12}\.woff2$/);
      expect(new Set(fonts.map((f) => f.url)).size).toBe(fonts.length);
      // Every Hangul syllable, letter and digit the page shows is in a loaded face of the site font.
      const missing = await page.evaluate(() => {
        const loaded = [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Notes Sans' && f.status === 'loaded');
        const ranges = loaded.flatMap((f) =>
          f.unicodeRange.split(',').map((part) => {
            const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
            return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as const;
          }),
        );
        return [...new Set(document.body.innerText)].filter(
          (ch) => /[\p{Script=Hangul}A-Za-z0-9]/u.test(ch) && !ranges.some(([a, b]) => ch.codePointAt(0)! >= a && ch.codePointAt(0)! <= b),
        );
      });
      expect(missing).toEqual([]);
    });
  });
});

describe('accessibility (axe-core): no serious or critical violation', () => {
  for (const theme of ['light', 'dark'] as const) {
    for (const [name, target] of [
      ['home', ''],
      ['seed note', SEED_PAGE],
      ['code note', CODE_PAGE],
      ['404', '없는-페이지/'],
    ] as const) {
      test(`${name}, ${theme}`, async (ctx) => {
        requireChromium(ctx, lookup);
        await withPage({ colorScheme: theme }, async (page, _context, watch) => {
          await page.goto(server.href(target));
          if (name === '404') forgetOwn404(watch, page);
          await page.evaluate(() => document.fonts.ready);
          const results = await new AxeBuilder({ page }).analyze();
          const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          expect(
            bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n  ')}`),
          ).toEqual([]);
        });
      });
    }
  }
});

describe('screenshots of the seed note (test-results/screenshots/)', () => {
  test('light and dark at 1280 and 375 px', async (ctx) => {
    requireChromium(ctx, lookup);
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      for (const width of [1280, 375]) {
        await withPage({ colorScheme: theme, viewport: { width, height: width > 400 ? 900 : 812 } }, async (page) => {
          for (const [name, target] of [
            ['seed', SEED_PAGE],
            ['code', CODE_PAGE],
          ] as const) {
            await page.goto(server.href(target));
            await page.evaluate(() => document.fonts.ready);
            await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${theme}-${width}.png`), fullPage: true });
          }
        });
      }
    }
  });
});
