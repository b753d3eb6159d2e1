/**
 * Search in a real Chromium against the e2e site built under /some-repo/ and served on 127.0.0.1:
 * nothing of search loads on first view; the button, `/` and Ctrl/Cmd+K open the dialog; `어텐션`
 * lists "LLM 소개" and a result lands on the page and heading; typing `튜닝` finds 파인튜닝 with
 * the part marked; Korean texts; no console error and
 * no request leaving 127.0.0.1. Prints the bytes loaded on first view and on opening search.
 * Screenshots of the open dialog (light and dark, 1280 and 375 px) go to test-results/search/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../build/build-site.ts';
import { chromiumForTests, launchChromium, newKoreanContext, requireChromium } from '../helpers/browser.ts';
import { watchContext, type PageWatch } from '../helpers/page-watch.ts';
import { serveDir, type StaticServer } from '../helpers/serve.ts';
import { e2eSite, SEED_PAGE } from './site.ts';

const SHOTS = path.join(ROOT, 'test-results/search');
const BASE = '/some-repo/';
const lookup = chromiumForTests();
let browser: Browser | undefined;
let server: StaticServer | undefined;

beforeAll(async () => {
  if (!lookup.found) return;
  const site = await e2eSite({ base: BASE });
  server = await serveDir(site.dist, { base: BASE });
  browser = await launchChromium(lookup.executablePath);
  mkdirSync(SHOTS, { recursive: true });
}, 480_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Loaded {
  url: string;
  type: string;
  bytes: number;
}

async function open(path: string, options: Parameters<typeof newKoreanContext>[1] = {}) {
  const context = await newKoreanContext(browser!, options);
  const watch = await watchContext(context);
  const loaded: Loaded[] = [];
  const pending: Promise<void>[] = [];
  context.on('response', (response: Response) => {
    pending.push(
      response
        .body()
        .then((body) => void loaded.push({ url: response.url(), type: response.request().resourceType(), bytes: body.byteLength }))
        .catch(() => undefined),
    );
  });
  const page = await context.newPage();
  const response = await page.goto(server!.href(path), { waitUntil: 'networkidle' });
  expect(response?.status()).toBe(200);
  const settle = async () => {
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
  };
  return { context, watch, page, loaded, settle };
}

const isDialogOpen = (page: Page) => page.locator('#search-dialog').evaluate((d) => (d as HTMLDialogElement).open);
const scriptBytes = (list: Loaded[]) => list.filter((l) => l.type === 'script' || /\.m?js(\?|$)/.test(l.url)).reduce((n, l) => n + l.bytes, 0);

async function searchFor(page: Page, term: string): Promise<void> {
  await page.locator('#search-dialog[data-search-ready]').waitFor();
  await page.locator('.search-input').fill(term);
  await page.locator('#search-dialog[data-search-state="done"], #search-dialog[data-search-state="empty"]').waitFor();
}

async function finish(context: BrowserContext, watch: PageWatch): Promise<void> {
  try {
    watch.assertClean();
  } finally {
    await context.close();
  }
}

describe('search', () => {
  test('loads nothing on first view, then only its own files from the site when opened', async (ctx) => {
    requireChromium(ctx, lookup);
    const { context, watch, page, loaded, settle } = await open(SEED_PAGE);
    await settle();
    const firstView = [...loaded];
    expect(firstView.filter((l) => l.type === 'script'), 'no script on first view').toEqual([]);
    expect(firstView.some((l) => l.url.includes('pagefind') || l.url.includes('/_astro/search'))).toBe(false);
    expect(await isDialogOpen(page)).toBe(false);

    await page.getByRole('button', { name: '검색' }).click();
    expect(await isDialogOpen(page)).toBe(true);
    await searchFor(page, '어텐션');
    await settle();
    const opened = loaded.slice(firstView.length);
    const urls = opened.map((l) => decodeURIComponent(new URL(l.url).pathname));
    expect(urls.some((u) => /^\/some-repo\/_astro\/search-[\w-]+\.js$/.test(u))).toBe(true);
    expect(urls).toContain('/some-repo/pagefind/pagefind.js');
    expect(urls.every((u) => u.startsWith(BASE))).toBe(true);
    expect(urls.some((u) => /pagefind-(worker|ui|component-ui)/.test(u))).toBe(false);
    const searchJs = opened.find((l) => l.url.includes('/_astro/search'))!.bytes;
    console.info(
      `[search bytes] first view: ${scriptBytes(firstView)} B of script files (${firstView.length} requests); ` +
        `on open: ${scriptBytes(opened)} B of JS (search dialog ${searchJs} B + pagefind.js), ` +
        `${opened.reduce((n, l) => n + l.bytes, 0)} B in all over ${opened.length} requests (wasm, index, fragments)`,
    );
    await finish(context, watch);
  });

  test('`어텐션` lists "LLM 소개"; its heading result lands on the page at that heading', async (ctx) => {
    requireChromium(ctx, lookup);
    const { context, watch, page } = await open('');
    await page.keyboard.press('/');
    expect(await isDialogOpen(page)).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('placeholder'))).toBe('노트 검색');
    await searchFor(page, '어텐션');
    const hit = page.locator('.search-hit', { has: page.locator('.search-note', { hasText: 'LLM 소개' }) });
    await expect.poll(() => hit.count()).toBe(1);
    expect(await page.locator('.search-status').textContent()).toMatch(/^노트 \d+개 찾음$/);

    const section = hit.locator('a.search-section').first();
    const href = (await section.getAttribute('href'))!;
    expect(decodeURIComponent(href)).toMatch(/^\/some-repo\/llm-소개\/#.+/);
    const id = decodeURIComponent(href.split('#')[1]!);
    await Promise.all([page.waitForURL((u) => u.hash !== ''), section.click()]);
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`${BASE}${SEED_PAGE}`);
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#${id}`);
    expect(await page.locator(`[id="${id}"]`).count()).toBe(1);
    await expect.poll(() => page.locator(`[id="${id}"]`).evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBeLessThan(200);
    expect(await isDialogOpen(page)).toBe(false);
    await finish(context, watch);
  });

  test('the note result opens the note; keyboard: arrows and Enter', async (ctx) => {
    requireChromium(ctx, lookup);
    const { context, watch, page } = await open('');
    await page.keyboard.press('Control+k');
    await searchFor(page, 'LLM 소개');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('search-link'))).toBe(true);
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('search-input'))).toBe(true);
    const first = (await page.locator('a.search-link').first().getAttribute('href'))!;
    await Promise.all([page.waitForURL((u) => u.pathname !== BASE), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname + new URL(page.url()).hash).toBe(first);
    await finish(context, watch);
  });

  test('`/`, Ctrl+K and Meta+K open it; Escape closes it; `/` typed in the box is text', async (ctx) => {
    requireChromium(ctx, lookup);
    const { context, watch, page } = await open(SEED_PAGE);
    for (const key of ['/', 'Control+k', 'Meta+k', 'Control+K']) {
      await page.keyboard.press(key);
      expect(await isDialogOpen(page), key).toBe(true);
      await page.keyboard.press('Escape');
      expect(await isDialogOpen(page), `${key} then Escape`).toBe(false);
    }
    // Ctrl+K with the Korean layout in Hangul mode: the K key gives `ㅏ`.
    await page.evaluate(() =>
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ㅏ', code: 'KeyK', ctrlKey: true, bubbles: true, cancelable: true })),
    );
    expect(await isDialogOpen(page), 'Ctrl+ㅏ (KeyK)').toBe(true);
    await page.keyboard.press('Escape');
    expect(await isDialogOpen(page)).toBe(false);
    await page.keyboard.press('/');
    await page.locator('#search-dialog[data-search-ready]').waitFor();
    await page.keyboard.type('a/b');
    expect(await page.locator('.search-input').inputValue()).toBe('a/b');
    await page.keyboard.press('Escape');
    // Reopened: the query is kept and selected.
    await page.keyboard.press('/');
    await expect
      .poll(() =>
        page.evaluate(() => {
          const input = document.activeElement as HTMLInputElement;
          return [input.className, input.value, input.selectionStart, input.selectionEnd];
        }),
      )
      .toEqual(['search-input', 'a/b', 0, 3]);
    await finish(context, watch);
  });

  test('a key typed right after `/` reopens it stays typed (the reopened query is selected only if untouched)', async (ctx) => {
    requireChromium(ctx, lookup);
    const { context, watch, page } = await open(SEED_PAGE);
    await page.keyboard.press('/');
    await page.locator('#search-dialog[data-search-ready]').waitFor();
    await page.keyboard.type('abc');
    // `/` and a typed `x` in one task: the dialog's toggle event (and maybe the close event of the
    // Escape before) come after both, as on a busy machine.
    const selected = await page.evaluate(async () => {
      // Closed (its close event is queued), reopened with `/` and typed into, all in one task.
      (document.getElementById('search-dialog') as HTMLDialogElement).close();
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', code: 'Slash', bubbles: true, cancelable: true }));
      const input = document.querySelector<HTMLInputElement>('.search-input')!;
      input.setRangeText('x', input.value.length, input.value.length, 'end');
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return [input.value, input.selectionStart, input.selectionEnd, document.activeElement === input];
    });
    expect(selected).toEqual(['abcx', 4, 4, true]);
    await finish(context, watch);
  });

  test('typing a part of a compound (`튜닝`) lists the note that says 파인튜닝, with that part marked', async (ctx) => {
    requireChromium(ctx, lookup);
    const { context, watch, page } = await open(SEED_PAGE);
    await page.keyboard.press('/');
    await page.locator('#search-dialog[data-search-ready]').waitFor();
    await page.keyboard.type('튜닝', { delay: 30 });
    await page.waitForFunction(() => document.getElementById('search-dialog')?.dataset.searchQuery === '튜닝');
    const hit = page.locator('.search-hit', { has: page.locator('.search-note', { hasText: 'LLM 소개' }) });
    await expect.poll(() => hit.count()).toBe(1);
    const excerpt = await hit.locator('.search-excerpt').first().innerHTML();
    expect(excerpt).toContain('파인<mark>튜닝</mark>');
    expect(await page.locator('.search-results').textContent()).not.toContain('⁅');
    await finish(context, watch);
  });

  test('says 결과 없음 in Korean', async (ctx) => {
    requireChromium(ctx, lookup);
    const { context, watch, page } = await open(SEED_PAGE);
    await page.keyboard.press('/');
    await searchFor(page, '존재하지않는낱말');
    expect(await page.locator('.search-status').textContent()).toBe('‘존재하지않는낱말’: 결과 없음');
    expect(await page.locator('.search-hit').count()).toBe(0);
    await finish(context, watch);
  });

  for (const [theme, width] of [
    ['light', 1280],
    ['dark', 1280],
    ['light', 375],
    ['dark', 375],
  ] as const) {
    test(`dialog in ${theme} at ${width} px (screenshot), fits without horizontal scroll`, async (ctx) => {
      requireChromium(ctx, lookup);
      const { context, watch, page } = await open(SEED_PAGE, { viewport: { width, height: 800 }, colorScheme: theme });
      if (width < 500) await page.locator('.search-open').click();
      else await page.keyboard.press('/');
      await searchFor(page, '어텐션');
      const box = await page.locator('#search-dialog').boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(width + 0.5);
      const overflow = await page.locator('.search-results').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // Text and background come from the theme (not the same colour).
      const colours = await page.locator('#search-dialog').evaluate((el) => {
        const s = getComputedStyle(el);
        return [s.color, s.backgroundColor];
      });
      expect(colours[0]).not.toBe(colours[1]);
      await page.screenshot({ path: path.join(SHOTS, `search-${theme}-${width}.png`) });
      await finish(context, watch);
    });
  }
});
