// Mermaid blocks: in the browser (a lazily rendered container, the note marked for Mermaid's
// script) and at build time (two inline SVGs, light and dark; an invalid diagram shows its
// source and warns with file and line). Build-time cases need a Chromium and are skipped
// without one, unless NOTES_REQUIRE_BROWSER=1.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { notesMayUseMermaid } from '../../src/integrations/mermaid-client.ts';
import { invalidateNoteGraph } from '../../src/notes/note-graph.ts';
import { findChromium } from '../../src/markdown/remark-mermaid.ts';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { renderNote } from '../helpers/markdown.ts';

const NOTE = [
  '# 다이어그램',
  '',
  '```mermaid',
  'flowchart LR',
  '  A[입력] --> B[토큰화] --> C[출력]',
  '```',
  '',
  '```mermaid',
  'flowchart LR',
  '  A -->',
  '```',
  '',
].join('\n');

describe('mermaid in the browser (mode client)', () => {
  it('leaves the source in a container and marks the note', async () => {
    const { html, diagnostics, frontmatter } = await renderNote(NOTE, 'content/mermaid.md', { mermaid: 'client' });
    const containers = html.match(/<figure class="mermaid-diagram mermaid-client" data-mermaid="client" aria-label="다이어그램"><pre class="mermaid-source">flowchart LR\n/g);
    expect(containers).toHaveLength(2);
    expect(html).toContain('A[입력] --> B[토큰화] --> C[출력]');
    expect(html).not.toContain('language-mermaid');
    expect(frontmatter.noteFeatures).toEqual({ 'mermaid-client': true });
    expect(diagnostics).toEqual([]);
  });

  it('leaves other code blocks alone and marks nothing', async () => {
    const { html, frontmatter } = await renderNote('```js\nlet a;\n```\n', 'content/plain.md', { mermaid: 'client' });
    expect(html).toContain('<pre><code class="language-js">');
    expect(frontmatter.noteFeatures).toBeUndefined();
  });
});

const chromium = findChromium();
const needChromium = !chromium && process.env.NOTES_REQUIRE_BROWSER !== '1';

describe.skipIf(needChromium)('mermaid at build time (Chromium)', () => {
  it('renders light and dark SVGs inline, and an invalid diagram as its source with a warning', async () => {
    const { html, diagnostics, frontmatter } = await renderNote(NOTE, 'content/mermaid.md', { mermaid: 'build' });
    expect(html).toMatch(/<figure class="mermaid-diagram" data-mermaid="svg" aria-label="다이어그램"><div class="mermaid-light"><svg id="user-content-mermaid-light-0"/);
    expect(html).toMatch(/<div class="mermaid-dark"><svg id="user-content-mermaid-dark-0"/);
    expect(html).toContain('토큰화');
    expect(html).toContain('<figure class="mermaid-diagram mermaid-error" data-mermaid="error">');
    expect(html).toMatch(/<pre class="mermaid-source"><code class="language-mermaid">flowchart LR\n {2}A --><\/code><\/pre>/);
    expect(frontmatter.noteFeatures).toEqual({ mermaid: true });
    expect(diagnostics.map(formatDiagnostic).join('\n')).toMatch(/^content\/mermaid\.md:8 warning \[mermaid-error\] Mermaid diagram does not parse: Parse error: Expecting /);
    expect(diagnostics).toHaveLength(1);
  });
});

describe("Mermaid's browser bundle only in builds that can need it", () => {
  it('is needed when some note (a draft, an .mdx, a fence in a list) has a mermaid fence, and not otherwise', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mermaid-needed-'));
    try {
      writeFileSync(path.join(dir, '01-글.md'), '# 글\n\n```js\nmermaid\n```\n\n`mermaid` 라는 낱말\n');
      invalidateNoteGraph();
      expect(notesMayUseMermaid(dir)).toBe(false);
      for (const [name, text] of [
        ['02-초안.md', '---\ndraft: true\n---\n```mermaid\nflowchart LR\n```\n'],
        ['03-목록.mdx', '- 항목\n\n  ~~~ Mermaid\n  flowchart LR\n  ~~~\n'],
      ] as const) {
        writeFileSync(path.join(dir, name), text);
        invalidateNoteGraph();
        expect(notesMayUseMermaid(dir), name).toBe(true);
        rmSync(path.join(dir, name));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      invalidateNoteGraph();
    }
  });
});
