// Korean search without a dictionary (src/browser/korean-search.ts): the extra words indexed for
// compounds, where they go in a page's HTML, query parsing (particles, endings, NFD input) and
// excerpts rebuilt from the note's own words.
import { describe, expect, it } from 'vitest';
import {
  addSearchTokens, buildExcerpt, compoundTokens, parseQuery, queryStem, termHits, textHasTerm, TOKEN_MARK, visibleText,
} from '../../src/browser/korean-search.ts';

const M = TOKEN_MARK;

describe('compoundTokens', () => {
  it.each([
    ['자기회귀', ['기회귀', '회귀']],
    // The ending is left out, so the forms of a word share their tokens...
    ['파인튜닝을', ['인튜닝', '튜닝']],
    ['트랜스포머를', ['랜스포머', '스포머', '포머']],
    ['파인튜닝했다', ['인튜닝', '튜닝']],
    // ... except the two syllables across an ending that also ends nouns.
    ['트랜스포머의', ['랜스포머', '스포머', '포머', '머의']],
    ['학습효과', ['습효', '효과']],
    ['재정의', ['정의']],
    ['사용자정의를', ['용자정의', '자정의', '정의']],
    ['재순위화', ['순위화', '위화']],
    ['모델', []],
    ['값', []],
    ['(자기회귀)', ['기회귀', '회귀']],
    ['LLM기반', ['기반']],
    ['LLM기반의', ['기반', '반의']],
    ['GPT-4o의', []],
    ['A/B테스트', ['테스트', '스트']],
    ['seq2seq', []],
    ['자기회귀·비자기회귀', ['기회귀', '회귀', '비자기회귀', '자기회귀', '기회귀', '회귀']],
  ])('%s → %j', (word, tokens) => {
    expect(compoundTokens(word)).toEqual(tokens);
  });
});

describe('addSearchTokens', () => {
  const page = (body: string) => `<html><head><title>자기회귀</title></head><body><nav>자기회귀</nav><article data-pagefind-body>${body}</article></body></html>`;
  const body = (html: string) => html.slice(html.indexOf('<article'), html.indexOf('</body>'));

  it('follows each word with its tokens, in a low-weight span', () => {
    expect(body(addSearchTokens(page('<p>자기회귀 모델</p>')))).toBe(
      `<article data-pagefind-body><p>자기회귀 <span data-pagefind-weight="0.2">${M}기회귀 ${M}회귀</span>  모델</p></article>`,
    );
    // A block's last word: after the block, so Pagefind's full stop stays with the word.
    expect(body(addSearchTokens(page('<p>모델 자기회귀</p>')))).toBe(
      `<article data-pagefind-body><p>모델 자기회귀</p> <span data-pagefind-weight="0.2">${M}기회귀 ${M}회귀</span> </article>`,
    );
  });

  it('leaves everything before the searchable part, and pages without one, alone', () => {
    const out = addSearchTokens(page('<p>파인튜닝</p>'));
    expect(out.slice(0, out.indexOf('<article'))).toBe('<html><head><title>자기회귀</title></head><body><nav>자기회귀</nav>');
    expect(addSearchTokens('<main><p>자기회귀</p></main>')).toBe('<main><p>자기회귀</p></main>');
  });

  it('joins a word split by inline tags, as Pagefind does, and puts the tokens after it', () => {
    expect(body(addSearchTokens(page('<p><strong>파인</strong>튜닝을 한다</p>')))).toContain(
      `<strong>파인</strong>튜닝을 <span data-pagefind-weight="0.2">${M}인튜닝 ${M}튜닝</span>  한다`,
    );
    expect(body(addSearchTokens(page('<p><a href="/x/">자기회귀</a>를</p>')))).toContain(
      `<a href="/x/">자기회귀</a>를</p> <span data-pagefind-weight="0.2">${M}기회귀 ${M}회귀</span> `,
    );
  });

  it('ends a word at block elements and weights tokens in headings like the heading', () => {
    const out = body(addSearchTokens(page('<h2 id="x">재순위화</h2><p>퍼플렉서티</p>')));
    expect(out).toContain(`<h2 id="x">재순위화</h2> <span data-pagefind-weight="1.2">${M}순위화 ${M}위화</span> <p>`);
    expect(out).toContain(`<p>퍼플렉서티</p> <span data-pagefind-weight="0.2">`);
    expect(body(addSearchTokens(page('<h1>자기회귀</h1>')))).toContain('data-pagefind-weight="1.4"');
  });

  it('adds a token once per page and weight', () => {
    const out = body(addSearchTokens(page('<h2>자기회귀</h2><p>자기회귀를 쓴 자기회귀 모델</p><h2>다음</h2><p>자기회귀</p>')));
    expect(out.match(/⁅회귀/g)).toHaveLength(2);
    expect(out).toContain(`<h2>자기회귀</h2> <span data-pagefind-weight="1.2">${M}기회귀 ${M}회귀</span> <p>자기회귀를 <span data-pagefind-weight="0.2">${M}기회귀 ${M}회귀</span>  쓴 자기회귀 모델</p>`);
  });

  it('skips what Pagefind leaves out (data-pagefind-ignore), so it does not use up a token', () => {
    const toc = '<ul class="note-toc" data-pagefind-ignore=""><li><a href="#a">자기회귀</a><ul><li>자기회귀</li></ul></li></ul>';
    const out = body(addSearchTokens(page(`${toc}<p>자기회귀</p>`)));
    expect(out).toBe(`<article data-pagefind-body>${toc}<p>자기회귀</p> <span data-pagefind-weight="0.2">${M}기회귀 ${M}회귀</span> </article>`);
  });

  it('skips comments, scripts, styles and attribute values', () => {
    const html = page('<!-- 자기회귀 --><script>const 자기회귀 = 1;</script><style>.자기회귀{}</style><p title="자기회귀 > 모델">x</p>');
    expect(addSearchTokens(html)).toBe(html);
  });

  it('treats &nbsp; as a space', () => {
    expect(body(addSearchTokens(page('<p>자기회귀&nbsp;모델</p>')))).toContain(`자기회귀 <span data-pagefind-weight="0.2">${M}기회귀 ${M}회귀</span> &nbsp;모델`);
  });
});

describe('queries', () => {
  it.each([
    ['트랜스포머의', '트랜스포머'],
    ['양자화를', '양자화'],
    ['임베딩으로', '임베딩'],
    ['모델에서는', '모델'],
    ['학습하기에는', '학습'],
    ['양자화하는', '양자화'],
    ['재순위화하면', '재순위화'],
    ['GPT-4o의', 'GPT-4o'],
    ['LLM기반의', 'LLM기반'],
    ['LoRA는', 'LoRA'],
    ['“파인튜닝”은', '파인튜닝'],
    // A rest of one syllable stays whole: these endings belong to the word.
    ['차이', '차이'],
    ['정의', '정의'],
    ['평가', '평가'],
    ['튜닝', '튜닝'],
  ])('%s → %s', (word, stem) => {
    expect(queryStem(word)).toBe(stem);
  });

  it('splits at spaces, drops particles standing alone and repeated words, composes NFD', () => {
    expect(parseQuery('  LoRA 튜닝을  ')).toEqual({ terms: ['LoRA', '튜닝'] });
    expect(parseQuery('트랜스포머 의 구조')).toEqual({ terms: ['트랜스포머', '구조'] });
    expect(parseQuery('회귀 회귀를')).toEqual({ terms: ['회귀'] });
    expect(parseQuery('파인튜닝'.normalize('NFD'))).toEqual({ terms: ['파인튜닝'] });
  });

  it('says why there is nothing to search', () => {
    expect(parseQuery('')).toEqual({ terms: [], reason: 'empty' });
    expect(parseQuery('   ')).toEqual({ terms: [], reason: 'empty' });
    expect(parseQuery('을')).toEqual({ terms: [], reason: 'particles' });
    expect(parseQuery('에서 는 ?')).toEqual({ terms: [], reason: 'particles' });
  });

  it('checks a note holds a term inside a word, tokens aside', () => {
    const content = `자기회귀 ${M}기회귀 ${M}회귀 모델은 GPT-4o의 성능`;
    expect(textHasTerm(content, '회귀')).toBe(true);
    expect(textHasTerm(content, 'gpt-4o')).toBe(true);
    expect(textHasTerm(content, 'GPT4o')).toBe(true);
    expect(textHasTerm(content, '저자')).toBe(false);
    expect(textHasTerm(content, '회귀모델')).toBe(false);
    expect(visibleText(content)).toBe('자기회귀 모델은 GPT-4o의 성능');
  });

  it('finds where the note’s own words hold a term, counting tokens as Pagefind does', () => {
    const content = `자기회귀 ${M}기회귀 ${M}회귀 모델은 회귀를 GPT-4o의 성능`;
    expect(termHits(content, ['회귀'])).toEqual([0, 4]);
    expect(termHits(content, ['gpt4o', '성능'])).toEqual([5, 6]);
    expect(termHits(content, ['저자'])).toEqual([]);
  });
});

describe('buildExcerpt', () => {
  const content = `하나 둘 파인튜닝을 ${M}인튜닝을 ${M}튜닝을 ${M}닝을 거친 <모델> & 튜닝 방법`;
  //              0    1  2          3            4          5        6    7       8  9   10

  it('marks the matched part of the word a token came from, never showing tokens', () => {
    expect(buildExcerpt(content, [4], ['튜닝'], { length: 24 })).toBe('하나 둘 파인<mark>튜닝</mark>을 거친 &#60;모델&#62; &#38; 튜닝 방법');
  });

  it('marks the query inside a word it starts, and the whole word otherwise', () => {
    expect(buildExcerpt(content, [9], ['튜닝'], { length: 24 })).toContain('<mark>튜닝</mark> 방법');
    expect(buildExcerpt(content, [7], ['x'], { length: 24 })).toContain('&#60;<mark>모델</mark>&#62;');
  });

  it('keeps to the window with the most hits, and within the given range', () => {
    expect(buildExcerpt(content, [9], ['튜닝'], { length: 3 })).toBe('&#38; <mark>튜닝</mark> 방법');
    expect(buildExcerpt(content, [4, 9], ['튜닝'], { length: 24, from: 0, to: 6 })).toBe('하나 둘 파인<mark>튜닝</mark>을');
  });
});
