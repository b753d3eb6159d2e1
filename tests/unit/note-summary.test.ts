// The note index takes each note's title, h1 flag and excerpt from its render
// (remark-note-summary) instead of parsing the note again: both must give the same summary.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { describe, expect, it } from 'vitest';
import { headingSummary } from '../../src/notes/note-title.ts';
import { renderNote } from '../helpers/markdown.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = path.join(ROOT, 'tests/fixtures/markdown');

const notes: Array<[string, string]> = [
  ['the seed note', readFileSync(path.join(ROOT, 'content/01-llm-소개.md'), 'utf8')],
  ...readdirSync(FIXTURES)
    .filter((name) => readdirSync(path.join(FIXTURES, name)).includes('input.md'))
    .map((name): [string, string] => [name, readFileSync(path.join(FIXTURES, name, 'input.md'), 'utf8')]),
  ['no h1', '## 둘째\n\n본문 :smile: 입니다.\n'],
  ['an h1 of only an omit marker', '# <!-- omit in toc -->\n\n본문\n'],
  ['a raw HTML h1 first', '<h1>원시</h1>\n\n# 진짜 제목\n\n첫 문단\n'],
  ['an h1 inside a quote', '> # 인용 안\n\n본문\n'],
  ['math in the first paragraph', '# 수식\n\n질량 $E=mc^2$ 과 에너지\n'],
];

describe('remark-note-summary', () => {
  for (const [name, source] of notes) {
    it(`gives the same summary as parsing the note on its own: ${name}`, async () => {
      const body = parseFrontmatter(source, { frontmatter: 'remove' }).content;
      const { frontmatter } = await renderNote(body);
      expect(frontmatter.noteSummary).toEqual(headingSummary(body, false));
    });
  }

  // The rules themselves, on the edge cases above.
  const expected: Array<[string, unknown]> = [
    ['no h1', { hasAnyH1: false, excerpt: '본문 :smile: 입니다.' }],
    ['an h1 of only an omit marker', { hasAnyH1: true, firstH1Text: '', excerpt: '본문' }],
    ['a raw HTML h1 first', { hasAnyH1: true, firstH1Text: '진짜 제목', excerpt: '첫 문단' }],
    ['an h1 inside a quote', { hasAnyH1: true, excerpt: '본문' }],
    ['math in the first paragraph', { hasAnyH1: true, firstH1Text: '수식', excerpt: '질량 $E=mc^2$ 과 에너지' }],
  ];
  for (const [name, summary] of expected) {
    it(`summarises ${name}: title from the first top-level Markdown h1, excerpt as written`, async () => {
      const source = notes.find(([n]) => n === name)![1];
      expect((await renderNote(source)).frontmatter.noteSummary).toEqual(summary);
    });
  }
});
