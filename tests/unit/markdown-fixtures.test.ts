// Fixture folders in the style of the unified collective: each folder under
// tests/fixtures/markdown/ holds an input note, the page HTML it must render to (or, for MDX,
// the Markdown after our remark plugins), and the diagnostics it must report.
// `UPDATE_FIXTURES=1` writes missing outputs; review every written file by hand.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { remarkToMarkdown, renderNote } from '../helpers/markdown.ts';

const root = path.join(import.meta.dirname, '../fixtures/markdown');
const update = process.env.UPDATE_FIXTURES === '1';

function expectFile(file: string, actual: string): void {
  if (!existsSync(file) && update) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('markdown fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    const dir = path.join(root, name);
    const input = ['input.md', 'input.mdx'].map((f) => path.join(dir, f)).find((f) => existsSync(f));
    if (!input) continue;
    it(name, async () => {
      const source = readFileSync(input, 'utf8');
      const label = path.relative(process.cwd(), input).split(path.sep).join('/');
      if (input.endsWith('.mdx')) {
        const { markdown, diagnostics } = await remarkToMarkdown(source, label);
        expectFile(path.join(dir, 'output.md'), markdown);
        expectFile(path.join(dir, 'diagnostics.txt'), diagnostics.map((d) => `${formatDiagnostic(d)}\n`).join(''));
      } else {
        const { html, diagnostics } = await renderNote(source, label);
        expectFile(path.join(dir, 'output.html'), `${html}\n`);
        expectFile(path.join(dir, 'diagnostics.txt'), diagnostics.map((d) => `${formatDiagnostic(d)}\n`).join(''));
      }
    });
  }
});
