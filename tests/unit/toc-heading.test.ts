// Issue 13: a TOC heading is found with a leading emoji and under its common names, with or
// without the omit marker; the site puts the TOC under it.
import { describe, expect, it } from 'vitest';
import { TOC_HEADING_RE } from '../../src/syntax/toc.ts';
import { renderNote } from '../helpers/markdown.ts';

describe('TOC heading names', () => {
  it.each(['목차', '차례', 'Table of Contents', 'table-of-contents', 'Contents', 'TOC', '📋 목차', '📑목차', '🗂️ 차례', '✅ Contents', ':bookmark_tabs: 목차', ' 📋  📌 TOC '])(
    '%j is a TOC heading',
    (text) => expect(TOC_HEADING_RE.test(text)).toBe(true),
  );
  it.each(['목차 정리', '📋 요약', '차례차례', 'Contents of the box', '1. 목차'])('%j is not', (text) => expect(TOC_HEADING_RE.test(text)).toBe(false));

  it('puts the TOC under `## 📋 목차`, with and without the omit marker', async () => {
    for (const heading of ['## 📋 목차', '## 📋 목차 <!-- omit in toc -->', '<!-- omit in toc -->\n## 🗂️ 차례']) {
      const { html } = await renderNote(`# 제목\n\n${heading}\n\n## 첫째\n\n본문\n\n## 둘째\n`, 'content/a.md');
      expect(html, heading).toMatch(/<ul[^>]*>\s*<li><a href="#%EC%B2%AB%EC%A7%B8">첫째<\/a><\/li>\s*<li><a href="#%EB%91%98%EC%A7%B8">둘째<\/a><\/li>/);
    }
  });
});
