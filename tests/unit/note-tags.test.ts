// Tag lists and alias redirects, from the note index (issue 13).
import { describe, expect, it } from 'vitest';
import { readFrontmatter } from '../../src/notes/frontmatter.ts';
import { buildNoteIndex, type NoteSource } from '../../src/notes/note-index.ts';
import { noteRedirects, redirectHtml } from '../../src/notes/note-redirects.ts';
import { tagIndex, tagPath } from '../../src/notes/note-tags.ts';

const opts = { root: '/p', contentDir: '/p/content', includeDrafts: false };
const note = (id: string, data: NoteSource['data']): NoteSource => ({ id, filePath: `content/${id}.md`, data, body: `# ${id}\n`, rendered: { html: '' } });

describe('tagIndex', () => {
  it('one tag per URL segment (case and NFD/NFC folded), counted, sorted by name', () => {
    const nfd = '딥러닝'.normalize('NFD');
    const index = buildNoteIndex(
      [note('a', { tags: ['LLM', '딥러닝'] }), note('b', { tags: ['llm', ...readFrontmatter({ tags: [nfd] }).data.tags!] }), note('c', { tags: ['C++'] }), note('d', {})],
      opts,
    );
    const tags = tagIndex(index);
    expect(tags.map((t) => [t.name, t.path, t.notes.map((n) => n.id)])).toEqual([
      ['딥러닝', 'tags/딥러닝/', ['a', 'b']],
      ['C++', 'tags/c/', ['c']],
      ['LLM', 'tags/llm/', ['a', 'b']],
    ]);
    expect(tagPath('Deep Learning')).toBe('tags/deep-learning/');
    expect(tagPath('++')).toBe('tags/%2B%2B/');
    expect(tagIndex(buildNoteIndex([note('d', {})], opts))).toEqual([]);
  });
});

describe('dates', () => {
  it('a Jekyll post without `date:` has the date of its file name', () => {
    const post = (file: string, data: NoteSource['data']): NoteSource => ({ id: file, filePath: `content/_posts/${file}.md`, data, body: '', rendered: { html: '' } });
    const index = buildNoteIndex([post('2024-01-15-a', {}), post('2024-02-30-b', {}), post('2024-03-01-c', { date: '2023-12-31' }), post('2024-c', {})], opts);
    expect(Object.fromEntries(index.notes.map((n) => [n.id, n.date]))).toEqual({
      '2024-01-15-a': '2024-01-15',
      '2024-02-30-b': undefined, // no such day
      '2024-03-01-c': '2023-12-31', // the frontmatter's wins
      '2024-c': undefined,
    });
  });
});

describe('noteRedirects', () => {
  it('never takes a note’s address, the site’s own folders or another alias', () => {
    const index = buildNoteIndex(
      [note('a', { aliases: ['old/a', 'b', 'tags/x', 'pagefind', 'shared'] }), note('b', { aliases: ['shared', 'old/b'] })],
      opts,
    );
    expect(noteRedirects(index).map((r) => [r.from, r.to.id])).toEqual([
      ['old/a', 'a'],
      ['shared', 'a'],
      ['old/b', 'b'],
    ]);
  });

  it('writes a Korean page that refreshes to the note, not indexed', () => {
    const html = redirectHtml('/notes/%EB%85%B8%ED%8A%B8/', '노트 <1>', 'https://example.com');
    expect(html).toContain('<meta http-equiv="refresh" content="0;url=/notes/%EB%85%B8%ED%8A%B8/">');
    expect(html).toContain('<link rel="canonical" href="https://example.com/notes/%EB%85%B8%ED%8A%B8/">');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('이 노트는 옮겨졌습니다: <a href="/notes/%EB%85%B8%ED%8A%B8/">노트 &lt;1&gt;</a>');
  });
});
