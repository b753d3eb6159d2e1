import { describe, expect, it } from 'vitest';
import { NoteError } from '../../src/core/diagnostics.ts';
import {
  collectionId,
  compareOrderable,
  DuplicateUrlError,
  HOME_NOTE_ID,
  NoteIdRegistry,
  noteId,
  parseNotePath,
  splitName,
} from '../../src/notes/note-path.ts';
import { contentDir, displayPath, projectRoot } from '../../src/core/project.ts';

function errorOf(fn: () => unknown): NoteError {
  try {
    fn();
  } catch (error) {
    if (error instanceof NoteError) return error;
    throw error;
  }
  throw new Error('expected a NoteError');
}

describe('splitName', () => {
  it.each([
    ['01-llm-소개.md', 1, 'llm-소개'],
    ['01_intro.md', 1, 'intro'],
    ['1. 소개.md', 1, '소개'],
    ['10-rag', 10, 'rag'],
    ['노트.md', undefined, '노트'],
    ['2024.md', undefined, '2024'],
  ])('%s → prefix %s, name %s', (segment, prefix, name) => {
    const isFile = segment.endsWith('.md');
    const parts = splitName(segment, isFile);
    expect(parts.prefix).toBe(prefix);
    expect(parts.name).toBe(name);
  });
});

describe('noteId from the path', () => {
  it.each([
    ['01-llm-소개.md', 'llm-소개'],
    ['02-검색/01-소개.md', '검색/소개'],
    ['02_RAG Basics/1. Vector DB (FAISS).mdx', 'rag-basics/vector-db-faiss'],
    ['a/b/c/d.md', 'a/b/c/d'],
    ['노트.md', '노트'],
    // A folder's README.md / index.md is its landing page (issue 7); the top-level one is the home intro.
    ['README.md', ''],
    ['readme.MD', ''],
    ['index.mdx', ''],
    ['02-검색/README.md', '검색'],
    ['02-검색/index.md', '검색'],
    ['02-검색/01-readme.md', '검색/readme'],
    ['02-검색/readme-정리.md', '검색/readme-정리'],
    ['notes\\01-x.md', 'notes/x'],
  ])('%s → %s', (rel, id) => {
    expect(noteId(rel, undefined)).toBe(id);
  });

  it('marks landing pages, and gives the home intro a non-empty collection id', () => {
    expect(parseNotePath('02-검색/README.md').landing).toBe(true);
    expect(parseNotePath('02-검색/01-README.md').landing).toBe(false);
    expect(collectionId(noteId('README.md', undefined))).toBe(HOME_NOTE_ID);
    expect(collectionId(noteId('02-검색/README.md', undefined))).toBe('검색');
    expect(noteId('README.md', '소개')).toBe('소개');
  });

  it('gives an NFD (macOS) file name the same URL as NFC', () => {
    const nfc = '01-노트/02-한글 제목.md';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(noteId(nfd, undefined)).toBe(noteId(nfc, undefined));
    expect(noteId(nfd, undefined)).toBe('노트/한글-제목');
    expect(noteId(nfd, undefined).normalize('NFC')).toBe(noteId(nfd, undefined));
  });

  it('slugs segments with github-slugger like heading ids', () => {
    expect(noteId('01-LLM 이란?.md', undefined)).toBe('llm-이란');
    expect(noteId('전처리 -- 후처리.md', undefined)).toBe('전처리----후처리');
  });

  it('uses the frontmatter slug as written', () => {
    expect(noteId('01-x.md', 'custom/페이지')).toBe('custom/페이지');
    expect(noteId('01-x.md', '/trimmed/')).toBe('trimmed');
    expect(noteId('01-x.md', '커스텀'.normalize('NFD'))).toBe('커스텀');
  });

  it('rejects an unusable frontmatter slug', () => {
    for (const bad of ['', '/', 'a//b', '../x', 'with space', 'q?x']) {
      expect(errorOf(() => noteId('x.md', bad, 'content/x.md')).diagnostic.code).toBe('invalid-slug');
    }
  });

  it('fails with a rename hint when a segment slugs to nothing', () => {
    const error = errorOf(() => noteId('01-???.md', undefined, 'content/01-???.md'));
    expect(error.diagnostic).toMatchObject({ code: 'empty-url-segment', file: 'content/01-???.md' });
    expect(error.message).toContain('01-???.md');
    expect(error.diagnostic.hint).toMatch(/rename/);
    const folder = errorOf(() => noteId('!!!/a.md', undefined, 'content/!!!/a.md'));
    expect(folder.message).toContain('folder name "!!!"');
  });

  it('rejects ids the site uses itself', () => {
    expect(errorOf(() => noteId('_astro.md', undefined)).diagnostic.code).toBe('reserved-url');
    expect(errorOf(() => noteId('x.md', 'pagefind/x')).diagnostic.code).toBe('reserved-url');
  });

  it('parses folders as sections', () => {
    const parsed = parseNotePath('02-검색/03-심화/01-a.md');
    expect(parsed.folders.map((f) => [f.prefix, f.name])).toEqual([
      [2, '검색'],
      [3, '심화'],
    ]);
    expect(parsed.file).toMatchObject({ prefix: 1, name: 'a' });
  });
});

describe('ordering', () => {
  it('puts ordered items first, then Korean names in collation order', () => {
    const items = [
      { name: '하나' },
      { name: '가나' },
      { name: 'b', order: 2 },
      { name: 'a', order: 10 },
      { name: '나비' },
      { name: 'z', order: 2 },
    ];
    expect(items.sort(compareOrderable).map((i) => i.name)).toEqual(['b', 'z', 'a', '가나', '나비', '하나']);
  });

  it('compares digits in names as numbers', () => {
    expect([{ name: '노트 10' }, { name: '노트 9' }].sort(compareOrderable).map((i) => i.name)).toEqual([
      '노트 9',
      '노트 10',
    ]);
  });
});

describe('NoteIdRegistry', () => {
  it('names both files when two map to one URL', () => {
    const registry = new NoteIdRegistry(() => true);
    registry.claim('a', '/c/01-a.md', 'content/01-a.md');
    const error = errorOf(() => registry.claim('a', '/c/02-a.md', 'content/02-a.md'));
    expect(error.diagnostic.code).toBe('duplicate-url');
    expect(error.message).toContain('content/01-a.md');
    expect(error.message).toContain('content/02-a.md');
  });

  it('blames the file that sorts second, whichever arrives first', () => {
    for (const order of [['02', '03'], ['03', '02']]) {
      const registry = new NoteIdRegistry(() => true);
      const [a, b] = order.map((n) => [`/c/${n}-a.md`, `content/${n}-a.md`] as const);
      registry.claim('a', a![0], a![1]);
      const error = errorOf(() => registry.claim('a', b![0], b![1]));
      expect(error.diagnostic.file).toBe('content/03-a.md');
      expect(error.message).toContain('"/a/": content/02-a.md and content/03-a.md');
      expect((error as DuplicateUrlError).path).toBe('/c/03-a.md');
    }
  });

  it('treats ids differing only in case as one URL', () => {
    const registry = new NoteIdRegistry(() => true);
    registry.claim('llm', '/c/llm.md', 'content/llm.md');
    expect(() => registry.claim('LLM', '/c/x.md', 'content/x.md')).toThrow(/content\/llm\.md/);
  });

  it('accepts the same file again (dev server re-sync)', () => {
    const registry = new NoteIdRegistry(() => true);
    registry.claim('a', '/c/a.md', 'content/a.md');
    expect(() => registry.claim('a', '/c/a.md', 'content/a.md')).not.toThrow();
  });

  it('frees an id when its file gets another id', () => {
    const registry = new NoteIdRegistry(() => true);
    registry.claim('a', '/c/a.md', 'content/a.md');
    registry.claim('b', '/c/a.md', 'content/a.md');
    expect(() => registry.claim('a', '/c/other.md', 'content/other.md')).not.toThrow();
  });

  it('frees an id whose file is gone (renamed or deleted)', () => {
    const present = new Set(['/c/01-a.md']);
    const registry = new NoteIdRegistry((f) => present.has(f));
    registry.claim('a', '/c/01-a.md', 'content/01-a.md');
    present.delete('/c/01-a.md');
    present.add('/c/02-a.md');
    expect(() => registry.claim('a', '/c/02-a.md', 'content/02-a.md')).not.toThrow();
  });
});

describe('project paths', () => {
  it('defaults the content directory to content/ at the project root', () => {
    expect(contentDir({}, '/p')).toBe('/p/content');
  });
  it('takes NOTES_CONTENT_DIR absolute or relative to the root', () => {
    expect(contentDir({ NOTES_CONTENT_DIR: '/abs/notes' }, '/p')).toBe('/abs/notes');
    expect(contentDir({ NOTES_CONTENT_DIR: 'tests/fixtures/x/content' }, '/p')).toBe('/p/tests/fixtures/x/content');
    expect(contentDir({ NOTES_CONTENT_DIR: '  ' }, '/p')).toBe('/p/content');
  });
  it('shows paths relative to the root when inside it', () => {
    expect(displayPath('/p/content/a.md', '/p')).toBe('content/a.md');
    expect(displayPath('/elsewhere/a.md', '/p')).toBe('/elsewhere/a.md');
    expect(projectRoot('/p/')).toBe('/p');
  });
});
