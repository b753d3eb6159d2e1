// The search part of `npm run bench` (scripts/bench.ts): the site's index (Korean compound tokens,
// src/browser/korean-search.ts) next to Pagefind's default index of the same built notes (a copy of the
// output re-indexed with `compoundTokens: false`), both searched by the site's own dialog in
// Chromium. Per variant: index bytes on disk (meta, index and fragment files), the time to build
// the index, bytes fetched when search opens (pagefind.js, wasm, entry, meta), and per query, each
// in a fresh browser context (nothing cached): bytes fetched (index chunks and fragments) and
// the dialog's own query time (data-search-ms: query parsed, Pagefind search, fragments loaded,
// list rendered), median and p95 over the query set.
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildSearchIndex } from '../src/site/search-index.ts';
import { QUERIES } from '../tests/fixtures/search/queries.ts';
import { findChromium, launchChromium, newKoreanContext } from '../tests/helpers/browser.ts';
import { askDialog, openSearchDialog } from '../tests/helpers/search-dialog.ts';
import { serveDir } from '../tests/helpers/serve.ts';

/** The query set: the Korean search test's queries, plus words the generated notes use. */
export const BENCH_QUERIES = [
  ...QUERIES.map((q) => q.query),
  '트랜스포머', '어텐션을', '학습률', '임베딩', '파인튜닝', '토큰', 'GPT', '정규화', '말뭉치', '역전파', 'KV cache', '언어 모델',
];

export interface Spread {
  median: number;
  p95: number;
}

export interface SearchVariant {
  /** Bytes of the index proper on disk (.pf_meta, .pf_index, .pf_fragment). */
  indexBytes: number;
  indexFiles: number;
  /** Time to build the index over the built site (ms). */
  buildMs: number;
  /** Bytes fetched when the dialog opens and Pagefind starts. */
  openBytes?: number;
  /** Bytes fetched by one query (index chunks and fragments). */
  queryBytes?: Spread;
  /** The dialog's query time in Chromium (ms), each query the first in a fresh page. */
  queryMs?: Spread;
  /** The same, the queries typed one after another in one page (index chunks and fragments
   * already fetched stay loaded, as when a reader refines a query). */
  warmMs?: Spread;
  /** Notes listed, summed over the query set. */
  listed?: number;
}

export interface SearchBench {
  queries: number;
  ours: SearchVariant;
  plain: SearchVariant;
  /** Why there are no browser numbers. */
  skipped?: string;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { median: 0, p95: 0 };
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: Math.round(median * 10) / 10, p95: Math.round(at(0.95) * 10) / 10 };
}

function indexSize(dist: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  const dir = path.join(dist, 'pagefind');
  if (!existsSync(dir)) return { bytes, files };
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && /\.pf_(meta|index|fragment)$/.test(e.name)) {
      bytes += statSync(path.join(e.parentPath, e.name)).size;
      files++;
    }
  }
  return { bytes, files };
}

async function timedIndex(dist: string, compoundTokens: boolean): Promise<number> {
  const started = performance.now();
  await buildSearchIndex(dist, { compoundTokens });
  return Math.round(performance.now() - started);
}

/** Bytes of the Pagefind files a page fetched (Resource Timing), from entry `from` on. */
const PAGEFIND_BYTES = (from: number) =>
  performance
    .getEntriesByType('resource')
    .slice(from)
    .filter((e) => e.name.includes('/pagefind/'))
    .reduce((n, e) => n + (e as PerformanceResourceTiming).encodedBodySize, 0);

async function measureBrowser(
  dist: string,
  executablePath: string,
  queries: readonly string[],
): Promise<Required<Pick<SearchVariant, 'openBytes' | 'queryBytes' | 'queryMs' | 'warmMs' | 'listed'>>> {
  const server = await serveDir(dist);
  const browser = await launchChromium(executablePath);
  const opens: number[] = [];
  const bytes: number[] = [];
  const times: number[] = [];
  const warm: number[] = [];
  let listed = 0;
  try {
    const context = await newKoreanContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(server.href(''), { waitUntil: 'load' });
      await openSearchDialog(page);
      for (const query of queries) warm.push((await askDialog(page, query)).ms);
    } finally {
      await context.close();
    }
    for (const query of queries) {
      const context = await newKoreanContext(browser);
      try {
        const page = await context.newPage();
        await page.goto(server.href(''), { waitUntil: 'load' });
        await page.evaluate(() => performance.setResourceTimingBufferSize(100_000));
        await openSearchDialog(page);
        opens.push(await page.evaluate(PAGEFIND_BYTES, 0));
        const before = await page.evaluate(() => performance.getEntriesByType('resource').length);
        const answer = await askDialog(page, query);
        // Fragments load before the list renders; give late resource entries a moment.
        await page.waitForLoadState('networkidle');
        bytes.push(await page.evaluate(PAGEFIND_BYTES, before));
        times.push(answer.ms);
        listed += answer.titles.length;
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { openBytes: spread(opens).median, queryBytes: spread(bytes), queryMs: spread(times), warmMs: spread(warm), listed };
}

/**
 * Measures search over the built site in `dist` (its index is rebuilt in place, to time it) and
 * over a copy in `workDir` indexed the default way.
 */
/** @param queries the query set (the bench's smoke test takes a few of BENCH_QUERIES) */
export async function benchSearch(
  dist: string,
  workDir: string,
  log: (line: string) => void = () => {},
  queries: readonly string[] = BENCH_QUERIES,
): Promise<SearchBench> {
  const plainDist = path.join(workDir, 'dist-default-search');
  rmSync(plainDist, { recursive: true, force: true });
  cpSync(dist, plainDist, { recursive: true });
  const ours: SearchVariant = { buildMs: await timedIndex(dist, true), indexBytes: 0, indexFiles: 0 };
  const plain: SearchVariant = { buildMs: await timedIndex(plainDist, false), indexBytes: 0, indexFiles: 0 };
  for (const [variant, dir] of [[ours, dist], [plain, plainDist]] as const) {
    const size = indexSize(dir);
    variant.indexBytes = size.bytes;
    variant.indexFiles = size.files;
  }
  log(`  search index ${(ours.indexBytes / 1024).toFixed(1)} KB (default ${(plain.indexBytes / 1024).toFixed(1)} KB), built in ${ours.buildMs} ms (default ${plain.buildMs} ms)`);
  const result: SearchBench = { queries: queries.length, ours, plain };
  const chromium = findChromium();
  if (!chromium.found) {
    result.skipped = chromium.reason;
    log(`  search in Chromium skipped: ${chromium.reason}`);
  } else {
    for (const [name, variant, dir] of [['ours', ours, dist], ['default', plain, plainDist]] as const) {
      Object.assign(variant, await measureBrowser(dir, chromium.executablePath, queries));
      log(
        `  search (${name}): ${queries.length} queries, first in a page ${variant.queryMs!.median} ms median (p95 ${variant.queryMs!.p95}), ` +
          `one after another ${variant.warmMs!.median} ms (p95 ${variant.warmMs!.p95}), ${(variant.queryBytes!.median / 1024).toFixed(1)} KB per query`,
      );
    }
  }
  rmSync(plainDist, { recursive: true, force: true });
  return result;
}
