import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NoteError } from '../../src/core/diagnostics.ts';
import { buildNoteIndex, renderFailure, type NoteSource } from '../../src/notes/note-index.ts';
import { HOME_NOTE_ID, NoteIdRegistry } from '../../src/notes/note-path.ts';
import { suggestKey } from '../../src/notes/frontmatter.ts';
import {
  checkNoteSource,
  firstInvalidUtf8Line,
  frontmatterDiagnostics,
  frontmatterBlock,
  frontmatterKeyLine,
  frontmatterYamlError,
} from '../../src/notes/note-source.ts';
import { firstHeadingTitle, headingSummary } from '../../src/notes/note-title.ts';

const seed = readFileSync(new URL('../../content/01-llm-소개.md', import.meta.url), 'utf8');

describe('firstHeadingTitle', () => {
  it('takes the seed title without the omit marker', () => {
    expect(firstHeadingTitle(seed, false)).toBe('LLM 소개');
  });
  it.each([
    ['# 제목 <!-- omit in toc -->\n', '제목'],
    ['<!-- omit in toc -->\n# 위 줄 마커\n', '위 줄 마커'],
    ['## 둘\n\n# 하나 `code` **굵게** [링크](#x)\n', '하나 code 굵게 링크'],
    ['> # 인용 안\n\n# 바깥\n', '바깥'],
    ['- # 목록 안\n', undefined],
    ['본문뿐\n', undefined],
    ['', undefined],
    ['```\n# 코드\n```\n', undefined],
    ['# 제목 ![그림](a.png)\n', '제목'],
    ['\uFEFF# BOM 제목\r\n\r\n본문\r\n', 'BOM 제목'],
    ['Setext 제목\n===\n', 'Setext 제목'],
    // Issue 13: <br> and line breaks in a title read as a space, never glue words together.
    ['# 웨비나 #03<br/>AWS 클라우드타입<BR>를 활용한 구축하기\n', '웨비나 #03 AWS 클라우드타입 를 활용한 구축하기'],
    ['# 앞<br />뒤\n', '앞 뒤'],
  ])('%j → %j', (body, title) => {
    expect(firstHeadingTitle(body, false)).toBe(title);
  });
  it('reads MDX with the MDX comment marker', () => {
    expect(firstHeadingTitle('{/* omit in toc */}\n# MDX 제목 {/* omit in toc */}\n\n<Note />\n', true)).toBe('MDX 제목');
    expect(firstHeadingTitle('import X from "./x";\n\n# <span>JSX</span> 제목\n', true)).toBe('JSX 제목');
    expect(firstHeadingTitle('# 위<br/>아래\n', true)).toBe('위 아래');
  });
  it('gives no title for an MDX syntax error (the build reports it)', () => {
    expect(firstHeadingTitle('# 제목\n\n{unclosed\n', true)).toBeUndefined();
  });
  it('knows whether a note has an h1 anywhere', () => {
    expect(headingSummary('## 둘\n', false).hasAnyH1).toBe(false);
    expect(headingSummary('> # 인용\n', false).hasAnyH1).toBe(true);
    expect(headingSummary('<h1>HTML</h1>\n', false).hasAnyH1).toBe(true);
    expect(headingSummary('# <!-- omit in toc -->\n', false)).toEqual({ firstH1Text: '', hasAnyH1: true });
  });
});

function source(filePath: string, data: NoteSource['data'] = {}, body = ''): NoteSource & { rendered: unknown } {
  return { id: '', filePath, data, body, rendered: { html: '' } };
}

describe('buildNoteIndex', () => {
  const root = '/p';
  const opts = { root, contentDir: '/p/content', includeDrafts: false };
  const sources = [
    { ...source('content/노트.md', {}, '본문'), id: '노트' },
    { ...source('content/02-검색/10-z.md', {}, '# Z 제목'), id: '검색/z' },
    { ...source('content/02-검색/2-a.md', { title: '앞머리 제목' }, '# 본문 제목'), id: '검색/a' },
    { ...source('content/01-llm-소개.md', {}, seed), id: 'llm-소개' },
    { ...source('content/10-기타/01-x.md', { order: 0 }, ''), id: '기타/x' },
    { ...source('content/10-기타/00-y.md', {}, ''), id: '기타/y' },
    { ...source('content/가나.md', { draft: true }, '# 초안'), id: '가나' },
    { ...source('content/03-부록/a.mdx', {}, '# 부록'), id: '부록/a' },
  ];

  it('puts a folder’s README first in its section and keeps content/README.md out of the lists as the home intro', () => {
    const index = buildNoteIndex(
      [
        ...sources,
        { ...source('content/README.md', {}, '# 홈'), id: HOME_NOTE_ID },
        { ...source('content/02-검색/README.md', {}, '# 검색 소개'), id: '검색' },
        { ...source('content/05-빈/index.md', {}, '# 빈 섹션'), id: '빈' },
      ],
      opts,
    );
    expect(index.home?.title).toBe('홈');
    expect(index.home?.landing).toBe(true);
    expect(index.byId.has(HOME_NOTE_ID)).toBe(false);
    expect(index.notes.map((n) => n.id)).toEqual(['llm-소개', '노트', '검색', '검색/a', '검색/z', '부록/a', '빈', '기타/x', '기타/y']);
    expect(index.sections.find((s) => s.key === '02-검색')?.notes[0]?.landing).toBe(true);
    // A section README's title names the section (issue 13).
    expect(index.sections.map((s) => s.title)).toEqual(['', '검색 소개', '부록', '빈 섹션', '기타']);
    expect(buildNoteIndex(sources, opts).home).toBeUndefined();
  });

  it('reads folder names as words: prefix dropped, - and _ as spaces (issue 13)', () => {
    const index = buildNoteIndex(
      [
        { ...source('content/03-검색과-프롬프트/a.md', {}, '# A'), id: '검색과-프롬프트/a' },
        { ...source('content/deep_learning/기초--정리/b.md', {}, '# B'), id: 'deep-learning/기초-정리/b' },
        { ...source('content/deep_learning/README.md', {}, '본문만'), id: 'deep-learning' },
      ],
      opts,
    );
    expect(index.sections.map((s) => s.title)).toEqual(['검색과 프롬프트', 'deep learning', 'deep learning / 기초 정리']);
  });

  it('orders sections by folder prefix and notes by order, prefix, then name', () => {
    const index = buildNoteIndex(sources, opts);
    expect(index.sections.map((s) => s.title)).toEqual(['', '검색', '부록', '기타']);
    expect(index.notes.map((n) => n.id)).toEqual(['llm-소개', '노트', '검색/a', '검색/z', '부록/a', '기타/x', '기타/y']);
  });

  it('takes the title from frontmatter, else the first h1, else the file name', () => {
    const index = buildNoteIndex(sources, opts);
    expect(index.byId.get('llm-소개')).toMatchObject({ title: 'LLM 소개', titleSource: 'heading', hasH1: true, order: 1 });
    expect(index.byId.get('검색/a')).toMatchObject({ title: '앞머리 제목', titleSource: 'frontmatter' });
    expect(index.byId.get('노트')).toMatchObject({ title: '노트', titleSource: 'file-name', hasH1: false });
    expect(index.byId.get('기타/y')).toMatchObject({ title: 'y', path: '기타/y/', relPath: '10-기타/00-y.md' });
    expect(index.byId.get('부록/a')).toMatchObject({ isMdx: true, file: 'content/03-부록/a.mdx' });
  });

  it('leaves drafts out of production and keeps them in dev', () => {
    expect(buildNoteIndex(sources, opts).byId.has('가나')).toBe(false);
    expect(buildNoteIndex(sources, { ...opts, includeDrafts: true }).byId.get('가나')?.draft).toBe(true);
  });

  it('fails a .md note that Astro could not render, never drops it', () => {
    const index = buildNoteIndex([{ ...source('content/a.md'), id: 'a', rendered: undefined }], opts);
    const note = index.notes[0]!;
    const error = renderFailure(note, [
      { severity: 'error', code: 'x', file: 'content/a.md', line: 3, message: 'boom' },
      { severity: 'warning', code: 'y', file: 'content/a.md', message: 'minor' },
    ]);
    expect(error).toBeInstanceOf(NoteError);
    expect(error?.message).toContain('content/a.md');
    expect(error?.message).toContain('content/a.md:3 error [x] boom');
    expect(error?.message).not.toContain('minor');
    expect(renderFailure(buildNoteIndex([{ ...source('content/b.md'), id: 'b' }], opts).notes[0]!, [])).toBeUndefined();
    // The plugins may name the note relative to the working directory, or absolutely.
    const absolute = renderFailure(note, [{ severity: 'error', code: 'z', file: '/p/content/a.md', message: 'abs' }], '/p');
    expect(absolute?.message).toContain('abs');
  });
});

describe('note source checks', () => {
  it('finds the line of the first invalid UTF-8 byte', () => {
    expect(firstInvalidUtf8Line(Buffer.from('한글\n정상\n'))).toBeUndefined();
    expect(firstInvalidUtf8Line(Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0xe9, 0x0a]))).toBe(3);
    expect(firstInvalidUtf8Line(Buffer.from([0xed, 0x95]))).toBe(1); // truncated 한
  });

  it('finds frontmatter key lines', () => {
    const text = '\uFEFF---\r\ntitle: a\r\n"titel": b\r\n---\r\ntitel: body\r\n';
    expect(frontmatterKeyLine(text, 'titel')).toBe(3);
    expect(frontmatterKeyLine(text, 'nope')).toBeUndefined();
    expect(frontmatterKeyLine('no frontmatter\n', 'title')).toBeUndefined();
    expect(frontmatterKeyLine('+++\ntitle = "a"\nweight = "x"\n+++\nweight = 1\n', 'weight')).toBe(3);
  });

  it('warns about a near-miss of a key with a suggestion and the line', () => {
    const text = '---\ntitel: b\n---\n';
    const [d] = frontmatterDiagnostics({ titel: 'b' }, text, 'content/a.md');
    expect(d).toMatchObject({ severity: 'warning', code: 'unknown-frontmatter-key', file: 'content/a.md', line: 2 });
    expect(d!.message).toContain('"titel" (did you mean "title"?)');
    expect(suggestKey('Draft')).toBe('draft');
    expect(suggestKey('tags')).toBeUndefined();
  });

  it('turns Astro\'s YAML error into a note error with the file line', () => {
    expect(frontmatterBlock('---\na: 1\n---\nbody')).toEqual({ open: 1, close: 3 });
    expect(frontmatterBlock('\n\n---\r\na: 1\r\n---\r\n')).toEqual({ open: 3, close: 5 });
    expect(frontmatterBlock('# no frontmatter\n')).toBeUndefined();
    const text = '---\ntitle: ok\norder: 1\n  bad: indent\n---\n# x\n';
    // What Astro throws: js-yaml's reason, with the 0-based line inside the frontmatter.
    const astroError = Object.assign(new Error('bad indentation of a mapping entry'), {
      name: 'MarkdownError',
      loc: { file: '/p/content/a.md', line: 3, column: 5 },
    });
    const error = frontmatterYamlError(astroError, () => 'content/a.md', () => text);
    expect(error?.diagnostic).toMatchObject({ code: 'invalid-frontmatter-yaml', file: 'content/a.md', line: 4, column: 6 });
    expect(error?.message).toContain('invalid YAML frontmatter: bad indentation of a mapping entry (the frontmatter is lines 1-5)');
    expect(frontmatterYamlError(new Error('other'), () => '', () => text)).toBeUndefined();
  });

  it('warns about wrong types, naming the line and the expected form', () => {
    expect(frontmatterDiagnostics({ order: '1' }, '---\norder: "1"\n---\n', 'content/a.md')).toEqual([]);
    const [d] = frontmatterDiagnostics({ order: 'abc' }, '---\norder: abc\n---\n', 'content/a.md');
    expect(d).toMatchObject({ severity: 'warning', code: 'invalid-frontmatter', line: 2 });
    expect(d!.message).toMatch(/^frontmatter "order" should be a number \(`order: 3`\), not "abc"/);
    expect(frontmatterDiagnostics({}, '', 'x')).toEqual([]);
  });

  it('checks a file: UTF-8, frontmatter, id, duplicates', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'note-source-'));
    const registry = new NoteIdRegistry(() => true);
    const write = (name: string, content: string | Buffer) => {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return file;
    };
    expect(checkNoteSource(write('01-a.md', '# a\n'), '01-a.md', {}, 'content/01-a.md', registry)).toBe('a');
    const bad = write('latin1.md', Buffer.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const utf8 = (() => {
      try {
        checkNoteSource(bad, 'latin1.md', {}, 'content/latin1.md', registry);
      } catch (error) {
        return error as NoteError & { loc?: unknown };
      }
    })();
    expect(utf8?.diagnostic).toMatchObject({ code: 'invalid-utf8', file: 'content/latin1.md', line: 1 });
    expect(utf8?.loc).toEqual({ file: bad, line: 1, column: 1 });
    const dup = write('02-a.md', '# a2\n');
    expect(() => checkNoteSource(dup, '02-a.md', {}, 'content/02-a.md', registry)).toThrow(
      /content\/01-a\.md and content\/02-a\.md/,
    );
  });
});
