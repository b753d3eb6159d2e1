// Plugins skip their walk of the tree when the note's source cannot have their work
// (src/markdown/source-text.ts); what a character reference makes must still get it.

import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { sourceMayMatch } from '../../src/markdown/source-text.ts';
import { renderNote } from '../helpers/markdown.ts';

describe('sourceMayMatch', () => {
  it('is false only for a file whose source lacks the pattern', () => {
    expect(sourceMayMatch(new VFile({ value: '# 제목\n\n본문' }), /\$/)).toBe(false);
    expect(sourceMayMatch(new VFile({ value: '가격은 $5' }), /\$/)).toBe(true);
    expect(sourceMayMatch(new VFile(), /\$/)).toBe(true);
    expect(sourceMayMatch(new VFile({ value: '' }), /\$/)).toBe(true);
    expect(sourceMayMatch(undefined, /\$/)).toBe(true);
  });
});

describe('plugins that skip a note without their text', () => {
  it('a carriage return written as a character reference is still a line break', async () => {
    const { html } = await renderNote('첫 줄&#13;둘째 줄\n');
    expect(html).not.toContain('\r');
    expect(html).toContain('첫 줄\n둘째 줄');
  });

  it('a math fence whose language is a character reference is still math', async () => {
    const { html, frontmatter } = await renderNote('```&#109;ath\nx^2\n```\n');
    expect(html).toContain('class="katex');
    expect(frontmatter.noteFeatures).toEqual({ math: true });
  });

  it('a note without a dollar sign or math renders no math and loads no KaTeX', async () => {
    const { html, frontmatter } = await renderNote('# 제목\n\n가격은 5원\n');
    expect(html).not.toContain('katex');
    expect(frontmatter.noteFeatures).toBeUndefined();
  });
});
