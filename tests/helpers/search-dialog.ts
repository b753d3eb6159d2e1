/**
 * Drives the site's search dialog in a real browser page, the way a reader does: opens it with `/`
 * and types a query; returns what the dialog lists once it has answered that query (the dialog
 * names the query it shows, and the time it took, in data-search-query and data-search-ms).
 */
import type { Page } from 'playwright-core';

export interface DialogAnswer {
  /** done (notes listed), empty (결과 없음) or hint (nothing to search). */
  state: string;
  status: string;
  /** Note titles, in the order listed. */
  titles: string[];
  /** Each note's excerpts as HTML (its sections', or the note's own when no heading matched). */
  excerpts: string[][];
  /** Section links (decoded hrefs) of each note. */
  sections: string[][];
  /** From the query to the list rendered, measured by the dialog (ms). */
  ms: number;
}

/** Opens the dialog on a page of the site and waits for Pagefind to be ready. */
export async function openSearchDialog(page: Page): Promise<void> {
  await page.keyboard.press('/');
  await page.locator('#search-dialog[data-search-ready]').waitFor();
  await page.waitForFunction(() => document.getElementById('search-dialog')?.dataset.searchState === 'ready');
}

/** Types `query` into the open dialog and reads its answer. */
export async function askDialog(page: Page, query: string): Promise<DialogAnswer> {
  await page.locator('.search-input').fill(query);
  await page.waitForFunction(
    (q) => {
      const d = document.getElementById('search-dialog');
      return d?.dataset.searchQuery === q && ['done', 'empty', 'hint'].includes(d.dataset.searchState ?? '');
    },
    query.trim(),
  );
  return page.evaluate(() => {
    const d = document.getElementById('search-dialog')!;
    const hits = [...d.querySelectorAll('.search-hit')];
    return {
      state: d.dataset.searchState!,
      status: d.querySelector('.search-status')?.textContent ?? '',
      titles: hits.map((h) => h.querySelector('.search-note .search-title')?.textContent ?? ''),
      excerpts: hits.map((h) => [...h.querySelectorAll('.search-excerpt')].map((e) => e.innerHTML)),
      sections: hits.map((h) => [...h.querySelectorAll<HTMLAnchorElement>('a.search-section')].map((a) => decodeURIComponent(a.getAttribute('href')!))),
      ms: Number(d.dataset.searchMs),
    };
  });
}
