/**
 * Korean search, measured the way a reader meets it: the query set of tests/fixtures/search/
 * queries.ts typed into the search dialog of the built tests/fixtures/sites/search-ko site (plus
 * the seed note) in real Chromium, through the site's own search bundle and Pagefind index.
 * For each query: recall@5 (every relevant note among the first five) and precision (nothing
 * else listed), the notes that must lead, and the order of a standalone word over a compound.
 * Then excerpts: the matched part of a compound is marked, no indexing token shows, sections
 * link to headings; and the hints for an empty or particle-only query.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HINT_QUERIES, NOTE, QUERIES } from '../fixtures/search/queries.ts';
import { chromiumForTests, launchChromium, newKoreanContext, requireChromium } from '../helpers/browser.ts';
import { watchContext, type PageWatch } from '../helpers/page-watch.ts';
import { askDialog, openSearchDialog } from '../helpers/search-dialog.ts';
import { serveDir, type StaticServer } from '../helpers/serve.ts';
import { e2eSite } from './site.ts';

const lookup = chromiumForTests();
let browser: Browser | undefined;
let server: StaticServer | undefined;
let context: BrowserContext | undefined;
let watch: PageWatch | undefined;
let page: Page | undefined;

beforeAll(async () => {
  if (!lookup.found) return;
  const site = await e2eSite({ fixture: 'search-ko' });
  server = await serveDir(site.dist);
  browser = await launchChromium(lookup.executablePath);
  context = await newKoreanContext(browser);
  watch = await watchContext(context);
  page = await context.newPage();
  await page.goto(server.href(''), { waitUntil: 'networkidle' });
  await openSearchDialog(page);
}, 480_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('Korean query set in the search dialog', () => {
  test(`has at least 40 queries of every kind`, () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(40);
    for (const kind of ['compound part', 'particle', 'stem', 'latin', 'mixed', 'absent']) {
      expect(QUERIES.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(4);
    }
  });

  test.for(QUERIES.map((q) => [`${q.kind}: ${q.query.normalize('NFC')}`, q] as const))('%s', async ([, q], ctx) => {
    requireChromium(ctx, lookup);
    const answer = await askDialog(page!, q.query);
    const top5 = answer.titles.slice(0, 5);
    // Recall@5: every relevant note in the first five.
    expect(q.expect.filter((t) => !top5.includes(t)), `missing from the top 5: ${JSON.stringify(answer.titles)}`).toEqual([]);
    // Precision: nothing listed that lacks the word.
    expect(answer.titles.filter((t) => !q.expect.includes(t)), 'listed but not relevant').toEqual([]);
    expect(answer.state).toBe(q.expect.length === 0 ? 'empty' : 'done');
    if (q.first) expect(new Set(answer.titles.slice(0, q.first.length))).toEqual(new Set(q.first));
    for (const [a, b] of q.above ?? []) expect(answer.titles.indexOf(a), `${a} above ${b}`).toBeLessThan(answer.titles.indexOf(b));
  });

  test('marks the part of a compound in the excerpt (파인<mark>튜닝</mark>) and never shows an indexing token', async (ctx) => {
    requireChromium(ctx, lookup);
    const answer = await askDialog(page!, '플렉서티');
    const all = answer.excerpts.flat().join('\n');
    expect(all).toContain('퍼<mark>플렉서티</mark>');
    for (const q of QUERIES) {
      const a = await askDialog(page!, q.query);
      expect(a.excerpts.flat().join(' ')).not.toContain('⁅');
      expect(await page!.locator('.search-results').textContent()).not.toContain('⁅');
    }
  });

  test('links a hit to the heading it is under', async (ctx) => {
    requireChromium(ctx, lookup);
    const answer = await askDialog(page!, '순위화');
    expect(answer.titles).toEqual([NOTE.rag]);
    expect(answer.sections[0]).toContain('/언어모델/검색-증강-생성/#재순위화');
    expect(answer.excerpts[0]!.join(' ')).toContain('재<mark>순위화</mark>');
  });

  test.for(HINT_QUERIES)('`%s` shows a hint instead of results', async (query, ctx) => {
    requireChromium(ctx, lookup);
    const answer = await askDialog(page!, query);
    expect(answer.state).toBe('hint');
    expect(answer.titles).toEqual([]);
    expect(answer.status).toMatch(/조사만으로는|입력하세요/);
  });

  test('no console error and no request leaving the machine', (ctx) => {
    requireChromium(ctx, lookup);
    watch!.assertClean();
  });
});
