// What each tool's frontmatter becomes, and what is a warning: nothing ever fails a note.
import { describe, expect, it } from 'vitest';
import { addressId, calendarDate, noteFrontmatterSchema, readFrontmatter } from '../../src/notes/frontmatter.ts';
import { checkNoteSource, frontmatterDiagnostics, keepWrittenDates } from '../../src/notes/note-source.ts';
import { NoteIdRegistry } from '../../src/notes/note-path.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../../src/core/diagnostics.ts';

describe('readFrontmatter', () => {
  it('Jekyll: categories and space-separated tags, date with time and offset, permalink, redirect_from, published', () => {
    const { data, problems, ignored } = readFrontmatter({
      layout: 'post',
      title: '트랜스포머 정리',
      date: '2024-01-15 10:30:00 +0900',
      categories: [ 'deep-learning' ],
      tags: 'nlp attention',
      permalink: '/2024/01/transformer.html',
      redirect_from: ['/old/transformer/'],
      use_math: true,
      published: false,
      excerpt: '요약',
      author: 'kim',
    });
    expect(problems).toEqual([]);
    expect(data).toEqual({
      title: '트랜스포머 정리',
      description: '요약',
      draft: true,
      slug: '2024/01/transformer',
      tags: ['nlp', 'attention', 'deep-learning'],
      date: '2024-01-15',
      aliases: ['old/transformer'],
    });
    expect(ignored).toEqual(['layout', 'use_math', 'author']);
  });

  it('Hugo: YAML dates, weight, summary, lastmod, aliases, draft, math', () => {
    const { data, problems } = readFrontmatter({
      title: 'RAG',
      date: new Date('2023-03-01T00:00:00Z'),
      lastmod: new Date('2023-04-02T00:00:00Z'),
      weight: 20,
      summary: '검색 증강 생성',
      aliases: ['/posts/rag/'],
      draft: false,
      math: true,
      tags: ['RAG', 'rag', '검색'],
    });
    expect(problems).toEqual([]);
    expect(data).toMatchObject({ order: 20, description: '검색 증강 생성', date: '2023-03-01', updated: '2023-04-02', aliases: ['posts/rag'], draft: false });
    expect(data.tags).toEqual(['RAG', '검색']);
  });

  it('Docusaurus: sidebar_position, keywords, slug, last_update; `description` wins over `summary`', () => {
    const { data, problems, ignored } = readFrontmatter({
      id: 'intro',
      sidebar_position: 2,
      sidebar_label: '소개',
      slug: '/docs/intro',
      keywords: ['llm'],
      description: '설명',
      summary: '요약',
      last_update: { date: '2024-05-06', author: 'kim' },
      hide_table_of_contents: true,
    });
    expect(problems).toEqual([]);
    expect(data).toMatchObject({ order: 2, slug: 'docs/intro', tags: ['llm'], description: '설명', updated: '2024-05-06' });
    expect(ignored).toEqual(['id', 'sidebar_label', 'hide_table_of_contents']);
  });

  it('Obsidian: #tags, a comma-separated string, aliases as names, created/updated', () => {
    const { data, problems } = readFrontmatter({ tags: '#llm, #프롬프트', aliases: ['프롬프트 엔지니어링', 'Prompting'], created: '2024-02-03T09:00', updated: '2024/02/04', cssclasses: ['wide'] });
    expect(problems).toEqual([]);
    expect(data).toEqual({ tags: ['llm', '프롬프트'], aliases: ['프롬프트-엔지니어링', 'prompting'], date: '2024-02-03', updated: '2024-02-04' });
  });

  it('Retype and VitePress: order, icon, label, outline, lastUpdated are read or kept out of the way', () => {
    expect(readFrontmatter({ order: 100, icon: 'rocket', label: '시작', category: ['가이드'] })).toMatchObject({ data: { order: 100, tags: ['가이드'] }, problems: [] });
    expect(readFrontmatter({ outline: [2, 3], lastUpdated: false, aside: false, layout: 'doc' })).toMatchObject({ data: {}, problems: [] });
  });

  it('warns about a near-miss of a key the site reads, not about other tools\' keys', () => {
    const keys = (raw: Record<string, unknown>) => readFrontmatter(raw).problems.map((p) => p.message);
    expect(keys({ titel: 'a' })).toEqual(['unknown frontmatter key "titel" (did you mean "title"?)']);
    expect(keys({ descripton: 'a' })).toEqual(['unknown frontmatter key "descripton" (did you mean "description"?)']);
    expect(keys({ tag: 'a' })).toEqual(['unknown frontmatter key "tag" (did you mean "tags"?)']);
    expect(keys({ name: 'a', image: 'x.png', label: 'l', icon: 'i', type: 'post', lang: 'ko', author: 'k', series: 's', unrelated_thing: 1 })).toEqual([]);
    // Both written: the misspelling is just another key.
    expect(keys({ tag: 'a', tags: ['b'] })).toEqual([]);
  });

  it('reads keys whatever their case (Hugo ignores it), and names a problem by the key as written', () => {
    const { data, problems, ignored } = readFrontmatter({ Title: '제목', Tags: ['a'], Date: '2024-03-04', Weight: 'x', LastMod: new Date('2024-03-05T00:00:00Z'), Layout: 'post' });
    expect(data).toEqual({ title: '제목', tags: ['a'], date: '2024-03-04', updated: '2024-03-05' });
    expect(problems.map((p) => p.key)).toEqual(['Weight']);
    expect(ignored).toEqual(['Layout']);
  });

  it('warns about wrong types and keeps the rest', () => {
    const { data, problems } = readFrontmatter({ title: ['x'], order: 'abc', date: 'yesterday', updated: '2024-02-30', draft: 'maybe', tags: [{ a: 1 }], description: 'ok' });
    expect(data).toEqual({ description: 'ok' });
    expect(problems.map((p) => [p.key, p.code])).toEqual([
      ['title', 'invalid-frontmatter'],
      ['order', 'invalid-frontmatter'],
      ['draft', 'invalid-frontmatter'],
      ['tags', 'invalid-frontmatter'],
      ['date', 'invalid-frontmatter'],
      ['updated', 'invalid-frontmatter'],
    ]);
    expect(problems.find((p) => p.key === 'date')!.message).toContain('a date such as `2024-01-15`');
    expect(readFrontmatter({ order: '3', draft: 'true', title: 2024 }).data).toEqual({ order: 3, draft: true, title: '2024' });
  });

  it('a Jekyll permalink pattern is a warning and the usual address stays', () => {
    const { data, problems } = readFrontmatter({ permalink: '/:categories/:year/:title/' });
    expect(data.slug).toBeUndefined();
    expect(problems).toMatchObject([{ key: 'permalink', code: 'permalink-placeholder' }]);
    expect(readFrontmatter({ slug: '/' }).problems).toMatchObject([{ key: 'slug', code: 'invalid-frontmatter' }]);
    expect(readFrontmatter({ slug: 'a', permalink: '/b/' }).data.slug).toBe('a');
  });

  it('addresses and dates', () => {
    expect(addressId('/about/index.html')).toBe('about');
    expect(addressId('/노트/소개/')).toBe('노트/소개');
    expect(addressId('/a b/')).toBeUndefined();
    expect(calendarDate('2024-1-5')).toBe('2024-01-05');
    expect(calendarDate('2024-13-01')).toBeUndefined();
    expect(calendarDate(20240101)).toBeUndefined();
  });

  it('the content schema never fails', () => {
    for (const raw of [{}, { order: 'abc' }, { tags: 3, date: 'x', whatever: { deep: [1] } }, null]) {
      expect(noteFrontmatterSchema.safeParse(raw).success).toBe(true);
    }
    expect(noteFrontmatterSchema.parse({ weight: 3, tags: 'a' })).toEqual({ order: 3, tags: ['a'] });
  });
});

describe('the loader with foreign frontmatter', () => {
  it('reports warnings with file and line, and takes the permalink as the address', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'foreign-'));
    const file = path.join(dir, '01-post.md');
    const text = '---\nlayout: post\ntitel: 글\norder: abc\npermalink: /2024/post/\n---\n# 글\n';
    writeFileSync(file, text);
    const found: Diagnostic[] = [];
    const raw = { layout: 'post', titel: '글', order: 'abc', permalink: '/2024/post/' };
    expect(checkNoteSource(file, '01-post.md', raw, 'content/01-post.md', new NoteIdRegistry(() => true), (d) => found.push(d))).toBe('2024/post');
    expect(found.map((d) => `${d.file}:${d.line} ${d.severity} [${d.code}]`)).toEqual([
      'content/01-post.md:4 warning [invalid-frontmatter]',
      'content/01-post.md:3 warning [unknown-frontmatter-key]',
    ]);
    expect(frontmatterDiagnostics({ layout: 'post' }, text, 'x')).toEqual([]);
  });
});

describe('dates as written', () => {
  it('keeps the calendar date the author wrote, whatever the offset (YAML reads a moment)', () => {
    const text = '---\ndate: 2024-01-15 08:00:00 +0900\nupdated: "2024-02-01T01:00:00+09:00" # KST\ntitle: 2024-03-01\n---\n';
    const data: Record<string, unknown> = { date: new Date('2024-01-14T23:00:00Z'), updated: '2024-02-01T01:00:00+09:00', title: new Date('2024-03-01T00:00:00Z') };
    keepWrittenDates(data, text);
    expect(data).toEqual({ date: '2024-01-15 08:00:00 +0900', updated: '2024-02-01T01:00:00+09:00', title: '2024-03-01' });
    expect(readFrontmatter(data).data).toEqual({ title: '2024-03-01', date: '2024-01-15', updated: '2024-02-01' });
  });
});

describe('npm run check -- --verbose', () => {
  it('lists the keys kept out of the way, with their lines', async () => {
    const { ignoredKeyLines } = await import('../../src/notes/ignored-keys.ts');
    const dir = mkdtempSync(path.join(tmpdir(), 'ignored-'));
    const file = path.join(dir, 'a.md');
    writeFileSync(file, '---\ntitle: 글\nlayout: post\nmath: true\n---\n# 글\n');
    expect(ignoredKeyLines([file], () => 'content/a.md')).toEqual([
      'content/a.md:3 ignored frontmatter key "layout" (no meaning on this site)',
      'content/a.md:4 ignored frontmatter key "math" (no meaning on this site)',
    ]);
  });
});
