// Highlighted code blocks get their copy button in the HTML (no script builds it).

import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { createRehypePlugins, createRemarkPlugins } from '../../src/markdown/pipeline.ts';

describe('rehype-code-copy', () => {
  it('wraps each highlighted block with a copy button left out of search; plain code spans stay', async () => {
    const processor = await createMarkdownProcessor({
      remarkPlugins: createRemarkPlugins({ report: () => undefined }),
      rehypePlugins: createRehypePlugins(),
      gfm: true,
      smartypants: false,
    });
    const { code } = await processor.render('```python\nprint("가")\n```\n\n`인라인`\n\n```\n평문\n```\n');
    const blocks = [...code.matchAll(/<div class="code-block"><pre class="astro-code[^"]*"[\s\S]*?<\/pre><button type="button" class="code-copy" data-pagefind-ignore="">복사<\/button><\/div>/g)];
    expect(blocks).toHaveLength(2);
    expect(code).toContain('<code>인라인</code>');
  });

  it('leaves a block that was not highlighted alone', async () => {
    const processor = await createMarkdownProcessor({
      remarkPlugins: createRemarkPlugins({ report: () => undefined }),
      rehypePlugins: createRehypePlugins(),
      gfm: true,
      smartypants: false,
      syntaxHighlight: false,
    });
    const { code } = await processor.render('```python\nprint(1)\n```\n');
    expect(code).not.toContain('code-copy');
  });
});
