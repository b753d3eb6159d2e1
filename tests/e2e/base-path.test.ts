// The site the browser tests use (tests/e2e/site.ts, built once per run), published under a base
// path as a GitHub Pages project site: a crawl finds no broken link, anchor or asset on any page
// (404 page included), and in Chromium no page, nor the search it opens, requests anything that
// fails or lies outside the base.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForTests, launchChromium, newKoreanContext, requireChromium } from '../helpers/browser.ts';
import { crawlSite, type CrawlResult } from '../helpers/crawl.ts';
import { watchContext } from '../helpers/page-watch.ts';
import { serveDir, type StaticServer } from '../helpers/serve.ts';
import { e2eSite } from './site.ts';

const BASE = '/some-repo/';
const MISSING = '없는/페이지/';
const lookup = chromiumForTests();
let server: StaticServer;
let crawl: CrawlResult;
let browser: Browser | undefined;

beforeAll(async () => {
  const site = await e2eSite({ base: BASE });
  server = await serveDir(site.dist, { base: BASE });
  crawl = await crawlSite({ start: server.url, base: BASE, notFound: [server.href(MISSING)] });
  if (lookup.found) browser = await launchChromium(lookup.executablePath);
}, 480_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the e2e site under /some-repo/', () => {
  it('a crawl from the home page finds no broken link, anchor or asset', () => {
    expect(crawl.problems.map((p) => `${p.on}: ${p.url} → ${p.problem}`)).toEqual([]);
    expect(crawl.pages.size).toBeGreaterThanOrEqual(5);
    expect(crawl.pages).toContain(`${BASE}llm-소개/`);
  });

  it('in Chromium, no page (nor the search dialog) requests anything that fails or is outside the base', async (ctx) => {
    requireChromium(ctx, lookup);
    const context = await newKoreanContext(browser!);
    const watch = await watchContext(context);
    const failed: string[] = [];
    context.on('response', (response) => {
      const url = new URL(response.url());
      const missingPage = decodeURIComponent(url.pathname) === `${BASE}${MISSING}`;
      if (response.status() >= 400 && !missingPage) failed.push(`${response.status()} ${decodeURIComponent(url.pathname)}`);
    });
    // The 404 page in a page of its own: its document's 404 is the one console error it may log.
    const missing = await context.newPage();
    await missing.goto(server.href(MISSING), { waitUntil: 'networkidle' });
    await missing.close();
    const ownError = (e: string) => e.includes('status of 404') && e.includes(encodeURI(`${BASE}${MISSING}`));
    const page = await context.newPage();
    for (const path of crawl.pages) {
      await page.goto(new URL(encodeURI(path), server.origin).href, { waitUntil: 'networkidle' });
    }
    // The search loads its code and Pagefind's index on first use.
    await page.goto(server.href('llm-소개/'), { waitUntil: 'networkidle' });
    await page.locator('[data-search-open]').first().click();
    await page.locator('.search-input').fill('검색');
    await page.locator('#search-dialog[data-search-state="ready"]').waitFor({ state: 'attached' });
    await page.locator('.search-results a').first().waitFor();
    const outside = watch.requests
      .map((r) => new URL(r.url))
      .filter((u) => u.protocol.startsWith('http') && !decodeURIComponent(u.pathname).startsWith(BASE))
      .map((u) => u.pathname);
    try {
      expect(failed).toEqual([]);
      expect(outside).toEqual([]);
      expect(watch.requests.some((r) => r.url.includes('/pagefind/'))).toBe(true);
      expect(watch.foreignRequests).toEqual([]);
      expect(watch.consoleErrors.filter((e) => !ownError(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
