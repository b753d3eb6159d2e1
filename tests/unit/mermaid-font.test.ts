// Issue 13: build-time diagrams measure and draw Korean labels in the site's own font, so the
// labels show (no missing-glyph boxes) and fit their boxes on a machine without Korean system fonts
// (this one has none). Needs a Chromium; reported as skipped without one.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FONT_FAMILY, PRETENDARD_FAMILY, pretendardDir } from '../../src/core/font-slices.ts';
import { diagramFontCss, MERMAID_FONTS } from '../../src/markdown/remark-mermaid.ts';
import { launchChromium, requireChromium } from '../helpers/browser.ts';
import { renderNote } from '../helpers/markdown.ts';

const LABELS = ['한국어 라벨', '토큰화와 임베딩'];

describe('Mermaid diagrams in the site font', () => {
  it('names the site font first, then Pretendard, and gives the renderer only the slices the labels use', () => {
    expect(MERMAID_FONTS.startsWith(`'${FONT_FAMILY}', '${PRETENDARD_FAMILY}',`)).toBe(true);
    const css = readFileSync(new URL(diagramFontCss(['flowchart LR\n A[한국어]'])), 'utf8');
    expect(css).toContain(`font-family:"${PRETENDARD_FAMILY}"`);
    expect(css).toMatch(/src:url\("file:\/\/\/[^"]+PretendardVariable\.subset\.\d+\.woff2"\)/);
    expect(diagramFontCss(['A[한국어]'])).toBe(diagramFontCss(['A[한국어]']));
  });

  it('renders Korean labels with their glyphs, and each fits its box', { timeout: 120_000 }, async (ctx) => {
    const chromium = requireChromium(ctx);
    const { html } = await renderNote(`\`\`\`mermaid\nflowchart LR\n  A[${LABELS[0]}] --> B[${LABELS[1]}]\n\`\`\`\n`, 'content/m.md', { mermaid: 'build' });
    const svg = /<div class="mermaid-light">([\s\S]*?)<\/div><div class="mermaid-dark">/.exec(html)?.[1];
    expect(svg).toContain(`font-family:'${FONT_FAMILY}'`);
    // The page as a reader gets it: the SVG and Pretendard, whose glyphs and widths the site's own
    // files (cut from it, renamed) keep.
    const dir = mkdtempSync(path.join(tmpdir(), 'mermaid-font-'));
    const font = pathToFileURL(path.join(pretendardDir(), 'pretendardvariable-dynamic-subset.css')).href;
    writeFileSync(path.join(dir, 'page.html'), `<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="${font}"><body>${svg}</body>`);
    const browser = await launchChromium(chromium);
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(path.join(dir, 'page.html')).href);
      const found = await page.evaluate(async ({ labels, family }) => {
        await document.fonts.ready;
        await Promise.all(labels.map((l) => document.fonts.load(`16px "${family}"`, l)));
        const canvas = document.createElement('canvas').getContext('2d')!;
        return labels.map((label) => {
          const element = [...document.querySelectorAll('foreignObject *')].find((e) => e.children.length === 0 && e.textContent === label) as HTMLElement;
          const box = element.closest('foreignObject')!;
          const size = getComputedStyle(element).fontSize;
          canvas.font = `${size} "${family}"`;
          const inFont = canvas.measureText(label).width;
          canvas.font = `${size} monospace`;
          const fallback = canvas.measureText(label).width;
          return { label, shown: element.getBoundingClientRect().width, inFont, fallback, box: Number(box.getAttribute('width')), hasGlyphs: document.fonts.check(`${size} "${family}"`, label) };
        });
      }, { labels: LABELS, family: PRETENDARD_FAMILY });
      for (const f of found) {
        expect(f.hasGlyphs, f.label).toBe(true);
        // Drawn in the site font (not a fallback's missing-glyph boxes), and not cut off.
        expect(Math.abs(f.shown - f.inFont), JSON.stringify(f)).toBeLessThan(1);
        expect(f.inFont).not.toBeCloseTo(f.fallback, 0);
        expect(f.shown, JSON.stringify(f)).toBeLessThanOrEqual(f.box + 0.5);
      }
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
