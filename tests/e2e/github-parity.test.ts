/**
 * Issue 7 in a real Chromium: the github-parity fixture note in light and dark at 1280 and 375 px
 * (screenshots in test-results/github-parity/, git-ignored), no console error and no request
 * leaving 127.0.0.1, no script on math pages, theme-specific content following `data-theme` and
 * the system preference, and Mermaid rendered in the browser when the build leaves it there.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, cleanup, prepareSite, ROOT, type BuildResult } from '../build/build-site.ts';
import { chromiumForTests, launchChromium, newKoreanContext, requireChromium } from '../helpers/browser.ts';
import { watchContext } from '../helpers/page-watch.ts';
import { serveDir, type StaticServer } from '../helpers/serve.ts';

const SHOTS = path.join(ROOT, 'test-results/github-parity');
const ALL = '깃허브-문법/';
const MATH_ONLY = '수식만/';
const MDX = 'mdx-문법/';
const PLAIN = '평범한-노트/';

const lookup = chromiumForTests();
let browser: Browser | undefined;
let site: BuildResult | undefined;
let server: StaticServer | undefined;

beforeAll(async () => {
  if (!lookup.found) return;
  const { workDir } = prepareSite('github-parity');
  site = await buildSite(workDir, { env: { NOTES_STRICT: '1' } });
  if (!site.ok) throw new Error(site.output);
  server = await serveDir(site.dist);
  browser = await launchChromium(lookup.executablePath);
  mkdirSync(SHOTS, { recursive: true });
}, 480_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (site?.ok) cleanup(site.workDir);
});

type Theme = 'light' | 'dark';

async function openNote(page: string, theme: Theme | null, width: number, colorScheme: Theme = theme ?? 'light') {
  const context = await newKoreanContext(browser!, { viewport: { width, height: 900 }, colorScheme });
  const watch = await watchContext(context);
  const tab = await context.newPage();
  const response = await tab.goto(server!.href(page), { waitUntil: 'networkidle' });
  expect(response?.status()).toBe(200);
  // The contract with the layout is the attribute alone (however the layout's theme switch
  // stores the reader's choice): set it once the page has loaded.
  if (theme) await tab.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
  await tab.evaluate(() => document.fonts.ready);
  return { context, watch, tab };
}

/** The script elements of a page and the script URLs it loaded (with no console error). */
async function pageScripts(page: string, site: StaticServer = server!): Promise<{ elements: number; urls: string[] }> {
  const context = await newKoreanContext(browser!);
  const watch = await watchContext(context);
  try {
    const tab = await context.newPage();
    await tab.goto(site.href(page), { waitUntil: 'networkidle' });
    const elements = await tab.locator('script').count();
    const urls = watch.requests.filter((r) => r.resourceType === 'script').map((r) => new URL(r.url).pathname).sort();
    watch.assertClean();
    return { elements, urls };
  } finally {
    await context.close();
  }
}

/** Whether the first element matching `selector` is rendered (has a box). */
async function shown(tab: Page, selector: string): Promise<boolean> {
  return tab.locator(selector).first().evaluate((el) => el.getClientRects().length > 0);
}

describe('the github-parity note in Chromium', () => {
  for (const theme of ['light', 'dark'] as const) {
    for (const width of [1280, 375]) {
      test(`${theme} at ${width}px: screenshot, no console error, only local requests`, async (ctx) => {
        requireChromium(ctx, lookup);
        const { context, watch, tab } = await openNote(ALL, theme, width);
        try {
          await tab.screenshot({ path: path.join(SHOTS, `note-${theme}-${width}.png`), fullPage: true });
          // KaTeX laid out with its own fonts (served from the site).
          expect(await tab.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
          expect(await tab.locator('.katex-display').count()).toBeGreaterThanOrEqual(2);
          // Alerts: Korean title, coloured border.
          await expect.poll(() => tab.locator('.markdown-alert-warning .markdown-alert-title').innerText()).toBe('경고');
          // The theme's diagram and image are the ones shown.
          const other = theme === 'light' ? 'dark' : 'light';
          expect(await shown(tab, `.mermaid-${theme} svg`)).toBe(true);
          expect(await shown(tab, `.mermaid-${other} svg`)).toBe(false);
          expect(await shown(tab, `img.gh-${theme}-mode-only`)).toBe(true);
          expect(await shown(tab, `img.gh-${other}-mode-only`)).toBe(false);
          // The page is no wider than the viewport (wide formulas and diagrams scroll inside).
          expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
          // Footnote links reach their targets.
          const href = await tab.locator('a[data-footnote-ref]').first().getAttribute('href');
          expect(await tab.locator(`[id="${href!.slice(1)}"]`).count()).toBe(1);
          watch.assertClean();
        } finally {
          await context.close();
        }
      });
    }
  }

  test('without data-theme the system preference decides; data-theme="light" overrides a dark system', async (ctx) => {
    requireChromium(ctx, lookup);
    for (const [theme, scheme, expected] of [
      [null, 'dark', 'dark'],
      [null, 'light', 'light'],
      ['light', 'dark', 'light'],
      ['dark', 'light', 'dark'],
    ] as const) {
      const { context, tab } = await openNote(ALL, theme, 1280, scheme);
      try {
        const label = `data-theme=${theme ?? '(none)'} system=${scheme}`;
        expect(await shown(tab, `.mermaid-${expected} svg`), label).toBe(true);
        expect(await shown(tab, `.mermaid-${expected === 'dark' ? 'light' : 'dark'} svg`), label).toBe(false);
        expect(await shown(tab, `img.gh-${expected}-mode-only`), label).toBe(true);
      } finally {
        await context.close();
      }
    }
  });

  test('math and build-time Mermaid pages load no script beyond the site’s own', async (ctx) => {
    requireChromium(ctx, lookup);
    const plain = await pageScripts(PLAIN);
    expect(plain.urls.join(' ')).not.toMatch(/mermaid|katex/i);
    for (const page of [ALL, MATH_ONLY, MDX]) {
      const loaded = await pageScripts(page);
      expect(loaded.elements, page).toBe(plain.elements);
      expect(loaded.urls, page).toEqual(plain.urls);
    }
  });
});

describe('Mermaid left to the browser (NOTES_MERMAID=client)', () => {
  let clientSite: BuildResult | undefined;
  let clientServer: StaticServer | undefined;

  beforeAll(async () => {
    if (!lookup.found) return;
    const { workDir } = prepareSite('github-parity');
    clientSite = await buildSite(workDir, { env: { NOTES_STRICT: '1', NOTES_MERMAID: 'client' } });
    if (!clientSite.ok) throw new Error(clientSite.output);
    clientServer = await serveDir(clientSite.dist);
  }, 480_000);

  afterAll(async () => {
    await clientServer?.close();
    if (clientSite?.ok) cleanup(clientSite.workDir);
  });

  test('renders the diagram when it scrolls into view, in the page theme, and re-renders on a theme change', async (ctx) => {
    requireChromium(ctx, lookup);
    const context = await newKoreanContext(browser!, { viewport: { width: 1280, height: 900 } });
    const watch = await watchContext(context);
    try {
      // As served: the diagram's source in a container, and one module script.
      const served = await (await fetch(clientServer!.href(ALL))).text();
      const plain = await (await fetch(clientServer!.href(PLAIN))).text();
      expect(served).toMatch(/<figure class="mermaid-diagram mermaid-client"[^>]*><pre class="mermaid-source">flowchart LR/);
      expect(served.match(/<script\b/g)?.length).toBe((plain.match(/<script\b/g)?.length ?? 0) + 1);
      const tab = await context.newPage();
      await tab.goto(clientServer!.href(ALL), { waitUntil: 'networkidle' });
      const diagram = tab.locator('.mermaid-client').first();
      await diagram.scrollIntoViewIfNeeded();
      await expect.poll(() => diagram.getAttribute('data-mermaid-rendered'), { timeout: 20_000 }).toBe('true');
      expect(await diagram.locator('svg').count()).toBe(1);
      expect(await diagram.innerText()).toContain('토큰화');
      await tab.screenshot({ path: path.join(SHOTS, 'note-client-mermaid-light-1280.png'), fullPage: true });

      const before = await diagram.locator('svg').getAttribute('id');
      await tab.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
      await expect.poll(() => diagram.locator('svg').getAttribute('id')).not.toBe(before);
      await tab.screenshot({ path: path.join(SHOTS, 'note-client-mermaid-dark-1280.png'), fullPage: true });
      watch.assertClean();
    } finally {
      await context.close();
    }
  });

  test('pages without a diagram load no Mermaid', async (ctx) => {
    requireChromium(ctx, lookup);
    const plain = await pageScripts(PLAIN, clientServer);
    const math = await pageScripts(MATH_ONLY, clientServer);
    expect(math).toEqual(plain);
    const withDiagram = await pageScripts(ALL, clientServer);
    expect(withDiagram.elements).toBe(plain.elements + 1);
  });
});
