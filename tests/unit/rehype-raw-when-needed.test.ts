// rehype-raw only where a note has raw HTML (src/markdown/rehype-raw-when-needed.ts): in Astro's
// own Markdown processor with the site's plugins, and in a plain unified chain.
import type { Element, Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { beforeEach, describe, expect, it } from 'vitest';
import rehypeRawWhenNeeded, { rawStats } from '../../src/markdown/rehype-raw-when-needed.ts';
import { renderNote } from '../helpers/markdown.ts';

/** A plugin that puts a <div> inside the first paragraph: HTML an HTML parser re-nests. */
function divInParagraph() {
  return (tree: Root) => {
    const p = tree.children.find((n): n is Element => n.type === 'element' && n.tagName === 'p');
    p?.children.push({ type: 'element', tagName: 'div', properties: {}, children: [{ type: 'text', value: '블록' }] });
  };
}

function chain(order: 'skip-then-raw' | 'raw-then-skip', always?: boolean) {
  const options = always === undefined ? {} : { always };
  const processor = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true }).use(divInParagraph);
  if (order === 'skip-then-raw') processor.use(rehypeRawWhenNeeded, options).use(rehypeRaw);
  else processor.use(rehypeRaw).use(rehypeRawWhenNeeded, options);
  return processor.use(rehypeStringify);
}

beforeEach(() => {
  rawStats.parsed = 0;
  rawStats.skipped = 0;
});

describe('rehype-raw-when-needed', () => {
  it("skips rehype-raw in Astro's processor for a note without raw HTML, and runs it for one with", async () => {
    const plain = await renderNote('# 제목\n\n본문 **굵게**와 [링크](https://example.com).\n\n| 가 | 나 |\n| - | - |\n| 1 | 2 |\n');
    expect(rawStats).toEqual({ parsed: 0, skipped: 1 });
    expect(plain.html).toContain('<table>');

    // An attribute set to `true` gets the empty value the HTML parser gives it.
    const footnote = await renderNote('각주[^1]가 있는 문장.\n\n[^1]: 각주 내용.\n');
    expect(rawStats).toEqual({ parsed: 0, skipped: 2 });
    expect(footnote.html).toContain('data-footnote-ref="" aria-describedby="footnote-label"');
    expect(footnote.html).toContain('<section data-footnotes="" class="footnotes">');

    const raw = await renderNote('# 제목<br>둘\n\n<div align="center"><img src="a.png" alt="그림"></div>\n');
    expect(rawStats).toEqual({ parsed: 1, skipped: 2 });
    expect(raw.html).toContain('<h1 id="제목둘">제목<br> 둘</h1>');
    expect(raw.html).toContain('<div align="center"><img src="a.png" alt="그림"></div>');
  });

  it('leaves a tree without raw nodes as the plugins made it', async () => {
    // What a browser re-nests when it parses the page, rehype-raw would have re-nested here.
    expect(String(await chain('skip-then-raw').process('문단'))).toBe('<p>문단<div>블록</div></p>');
    expect(rawStats).toEqual({ parsed: 0, skipped: 1 });
  });

  it('sends a tree with raw nodes through the HTML parser as rehype-raw does', async () => {
    const expected = String(await unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true }).use(divInParagraph).use(rehypeRaw).use(rehypeStringify).process('문단 <b>굵게</b>'));
    expect(expected).toBe('<p>문단 <b>굵게</b></p><div>블록</div><p></p>');
    expect(String(await chain('skip-then-raw').process('문단 <b>굵게</b>'))).toBe(expected);
    expect(rawStats).toEqual({ parsed: 1, skipped: 0 });
  });

  it('runs rehype-raw on every tree with `always` (NOTES_RAW=always)', async () => {
    expect(String(await chain('skip-then-raw', true).process('문단'))).toBe('<p>문단</p><div>블록</div><p></p>');
    expect(rawStats).toEqual({ parsed: 0, skipped: 0 });
  });

  it('changes nothing when rehype-raw comes before it (as in the MDX processor)', async () => {
    expect(String(await chain('raw-then-skip').process('문단'))).toBe('<p>문단</p><div>블록</div><p></p>');
    expect(rawStats).toEqual({ parsed: 0, skipped: 0 });
  });
});
