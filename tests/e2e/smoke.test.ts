/**
 * Smoke test of the e2e harness itself (not of the site): the static server
 * and real Chromium against a tiny hand-made dist (tests/fixtures/static-smoke).
 */
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumForTests, findChromium, launchChromium, newKoreanContext, requireChromium } from '../helpers/browser';
import { watchContext } from '../helpers/page-watch';
import { serveDir, type StaticServer } from '../helpers/serve';

const FIXTURE = fileURLToPath(new URL('../fixtures/static-smoke/', import.meta.url));

describe('static server (tests/helpers/serve.ts)', () => {
  let root: StaticServer;
  let based: StaticServer;
  beforeAll(async () => {
    root = await serveDir(FIXTURE);
    based = await serveDir(FIXTURE, { base: '/some-repo/' });
  });
  afterAll(async () => {
    await root?.close();
    await based?.close();
  });

  test('listens on 127.0.0.1 and serves index.html for /', async () => {
    expect(root.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(root.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<title>공부 노트');
  });

  test('decodes percent-encoded Korean paths', async () => {
    const res = await fetch(`${root.origin}/llm-%EC%86%8C%EA%B0%9C/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>LLM 소개</title>');
    expect(root.href('llm-소개/')).toBe(`${root.origin}/llm-%EC%86%8C%EA%B0%9C/`);
  });

  test('redirects a directory without its trailing slash', async () => {
    const res = await fetch(`${root.origin}/llm-%EC%86%8C%EA%B0%9C`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/llm-%EC%86%8C%EA%B0%9C/');
  });

  test('sets content types', async () => {
    expect((await fetch(`${root.origin}/style.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${root.origin}/app.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  test('answers unknown paths with 404.html and status 404', async () => {
    const res = await fetch(`${root.origin}/%EC%97%86%EB%8A%94-%EB%85%B8%ED%8A%B8/`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('페이지를 찾을 수 없습니다');
  });

  test('refuses path traversal', async () => {
    const res = await fetch(`${root.origin}/..%2Fsmoke.test.ts`);
    expect([400, 404]).toContain(res.status);
  });

  test('serves under a base path only', async () => {
    expect(based.url).toBe(`${based.origin}/some-repo/`);
    expect((await fetch(based.url)).status).toBe(200);
    expect((await fetch(based.href('llm-소개/'))).status).toBe(200);
    expect((await fetch(`${based.origin}/`)).status).toBe(404);
    const bare = await fetch(`${based.origin}/some-repo`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/some-repo/');
  });
});

describe('Chromium lookup (tests/helpers/browser.ts)', () => {
  test('reports a reason when no Chromium can be found', () => {
    const lookup = findChromium({ CHROMIUM_PATH: '/nonexistent', NOTES_NO_SYSTEM_CHROMIUM: '1' });
    expect(lookup.found).toBe(false);
    if (!lookup.found) expect(lookup.reason).toContain('/nonexistent');
  });
});

describe('real Chromium against the fixture', () => {
  const lookup = chromiumForTests();
  let server: StaticServer;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await serveDir(FIXTURE);
    if (lookup.found) browser = await launchChromium(lookup.executablePath);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('shows the Korean page with no console error and only 127.0.0.1 requests', async (ctx) => {
    requireChromium(ctx, lookup);
    const context = await newKoreanContext(browser!);
    try {
      const watch = await watchContext(context);
      const page = await context.newPage();
      const response = await page.goto(server.url);
      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe('공부 노트 — 시험용 첫 화면');
      expect(await page.getAttribute('html', 'lang')).toBe('ko');
      expect(await page.getAttribute('html', 'data-ready')).toBe('yes');

      await Promise.all([page.waitForURL('**/llm-%EC%86%8C%EA%B0%9C/'), page.click('#to-note')]);
      expect(await page.title()).toBe('LLM 소개');
      expect(decodeURIComponent(new URL(page.url()).pathname)).toBe('/llm-소개/');

      expect(watch.requests.length).toBeGreaterThanOrEqual(4);
      watch.assertClean();
    } finally {
      await context.close();
    }
  });

  test('the page watch catches console errors and foreign requests', async (ctx) => {
    requireChromium(ctx, lookup);
    const context = await newKoreanContext(browser!);
    try {
      const watch = await watchContext(context);
      const page = await context.newPage();
      await page.goto(server.url);
      await page.evaluate(async () => {
        console.error('일부러 낸 오류');
        await fetch('http://example.invalid/x').catch(() => undefined);
      });
      expect(watch.consoleErrors.some((e) => e.includes('일부러 낸 오류'))).toBe(true);
      expect(watch.foreignRequests.map((r) => r.url)).toContain('http://example.invalid/x');
      expect(() => watch.assertClean()).toThrow(/host other than 127\.0\.0\.1/);
    } finally {
      await context.close();
    }
  });

  test('the page watch reports a request the page aborts, not one a navigation left behind', async (ctx) => {
    requireChromium(ctx, lookup);
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const context = await newKoreanContext(browser!);
    try {
      const watch = await watchContext(context);
      const page = await context.newPage();
      // Responses that never come: the request stays in flight until the page lets it go.
      await context.route(
        (url) => url.pathname === '/slow-font.woff2',
        async (route) => {
          await released;
          await route.fulfill({ status: 200, body: '' }).catch(() => undefined);
        },
      );
      await page.goto(server.url);
      let pending = page.waitForRequest('**/slow-font.woff2');
      await page.evaluate(() => void fetch('/slow-font.woff2').catch(() => undefined));
      await pending;
      let failed = page.waitForEvent('requestfailed');
      await page.reload();
      await failed;
      expect(watch.consoleErrors).toEqual([]);

      pending = page.waitForRequest('**/slow-font.woff2?mine');
      failed = page.waitForEvent('requestfailed');
      await page.evaluate(() => {
        const controller = new AbortController();
        (window as unknown as { stop: () => void }).stop = () => controller.abort();
        void fetch('/slow-font.woff2?mine', { signal: controller.signal }).catch(() => undefined);
      });
      await pending;
      await page.evaluate(() => (window as unknown as { stop: () => void }).stop());
      await failed;
      expect(watch.consoleErrors).toEqual([expect.stringMatching(/request failed: GET .*slow-font\.woff2\?mine \(net::ERR_ABORTED\)/)]);
    } finally {
      release();
      await context.close();
    }
  });
});
