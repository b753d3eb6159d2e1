// What a rendered note records it depends on (remark-note-links → render-dependencies.ts), and
// when a stored note counts as stale: only when something it points to changed, never otherwise.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { getNoteGraph, invalidateNoteGraph, noteIds, type NoteGraph } from '../../src/notes/note-graph.ts';
import { imageNotFound, missingImageError } from '../../src/notes/missing-image.ts';
import { NoteError } from '../../src/core/diagnostics.ts';
import { entryRenderData } from '../../src/notes/render-data.ts';
import { refreshStore, staleEntries, type RenderDependencies } from '../../src/notes/render-dependencies.ts';
import remarkNoteLinks from '../../src/markdown/remark-note-links.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const IMAGES = path.join(ROOT, 'tests/fixtures/sites/note-links/content/images');
let dir: string;
let content: string;
let publicDir: string;
const savedPublic = process.env.NOTES_PUBLIC_DIR;

function write(rel: string, text: string) {
  const file = path.join(content, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'render-deps-'));
  content = path.join(dir, 'content');
  publicDir = path.join(dir, 'public');
  mkdirSync(publicDir);
  process.env.NOTES_PUBLIC_DIR = publicDir;
  write('01-가.md', '# 가\n\n![그림](./그림/fig.png)\n');
  write('02-나.md', '# 나\n\n[다의 개요](./03-다.md#개요)\n');
  write('03-다.md', '# 다\n\n## 개요\n');
  write('04-라.md', '# 라\n\n[공개](/extra.txt) [없는 노트](./09-없음.md)\n');
  write('05-마.md', '# 마\n\n본문만 있다.\n');
  mkdirSync(path.join(content, '그림'));
  cpSync(path.join(IMAGES, 'fig.png'), path.join(content, '그림', 'fig.png'));
});

afterAll(() => {
  if (savedPublic === undefined) delete process.env.NOTES_PUBLIC_DIR;
  else process.env.NOTES_PUBLIC_DIR = savedPublic;
  rmSync(dir, { recursive: true, force: true });
});

function graph(): NoteGraph {
  invalidateNoteGraph();
  return getNoteGraph(content, ROOT);
}

/** Render every note as the build does (deferred fragments) or as the dev server does; the store. */
function renderAll(deferFragments: boolean): Array<[string, { filePath: string; rendered: { metadata: { frontmatter: Record<string, unknown> } } }]> {
  graph();
  const processor = unified().use(remarkParse).use(remarkNoteLinks, { contentDir: content, root: ROOT, base: '/', report: () => {}, deferFragments });
  return ['01-가.md', '02-나.md', '04-라.md', '05-마.md'].map((name) => {
    const absolute = path.join(content, name);
    const file = new VFile({ path: absolute, value: readFileSync(absolute, 'utf8') });
    processor.runSync(processor.parse(file), file);
    const frontmatter = (file.data as { astro: { frontmatter: Record<string, unknown> } }).astro.frontmatter;
    return [name, { filePath: name, rendered: { metadata: { frontmatter } } }];
  });
}

const stale = (store: ReturnType<typeof renderAll>) => staleEntries(store, graph()).map((s) => s.id);

describe('render dependencies', () => {
  it('records what each note points to', () => {
    const store = renderAll(false);
    const deps = Object.fromEntries(store.map(([id, e]) => [id, entryRenderData(e.rendered).noteDependencies as RenderDependencies]));
    expect(Object.keys(deps['01-가.md']!.files ?? {})).toEqual([path.join(content, '그림', 'fig.png')]);
    expect(Object.keys(deps['02-나.md']!.notes ?? {})).toEqual([path.join(content, '03-다.md')]);
    expect(Object.keys(deps['02-나.md']!.ids ?? {})).toEqual([path.join(content, '03-다.md')]);
    expect(deps['04-라.md']!.listing).toMatch(/^[0-9a-f]{40}$/);
    expect(deps['05-마.md']).toEqual({});
    expect(stale(store)).toEqual([]);
  });

  it('finds stale exactly the notes whose dependencies changed', () => {
    let store = renderAll(false);
    cpSync(path.join(IMAGES, '그림 2.png'), path.join(content, '그림', 'fig.png'));
    expect(stale(store)).toEqual(['01-가.md']);
    store = renderAll(false);
    write('03-다.md', '# 다\n\n## 요약\n');
    expect(stale(store)).toEqual(['02-나.md']);
    store = renderAll(false);
    writeFileSync(path.join(publicDir, 'extra.txt'), 'x');
    expect(stale(store)).toEqual(['04-라.md']);
    store = renderAll(false);
    write('09-없음.md', '# 없음\n');
    expect(stale(store)).toEqual(['04-라.md']);
    store = renderAll(false);
    unlinkSync(path.join(content, '그림', 'fig.png'));
    // (라 has a link to nothing: any file that appears or disappears may change that.)
    expect(stale(store)).toEqual(['01-가.md', '04-라.md']);
    cpSync(path.join(IMAGES, 'fig.png'), path.join(content, '그림', 'fig.png'));
    write('03-다.md', '# 다\n\n## 개요\n');
  });

  it("leaves a linked note's headings to the pages in the build (deferred fragments)", () => {
    const store = renderAll(true);
    write('03-다.md', '# 다\n\n## 요약\n');
    expect(stale(store)).toEqual([]);
    write('03-다.md', '---\nslug: 새-주소\n---\n# 다\n\n## 요약\n');
    expect(stale(store)).toEqual(['02-나.md', '04-라.md']);
    write('03-다.md', '# 다\n\n## 개요\n');
  });

  it('clears the whole store when the key changes, and says so only when it held notes', () => {
    const entries = renderAll(true);
    const deleted: string[] = [];
    let cleared = 0;
    const store = { entries: () => entries, delete: (id: string) => deleted.push(id), clear: () => cleared++ };
    const meta = new Map<string, string>();
    expect(refreshStore(store, meta, graph(), false)).toEqual({ cleared: true, stale: [] });
    expect(refreshStore(store, meta, graph(), false)).toEqual({ cleared: false, stale: [] });
    expect(refreshStore(store, meta, graph(), true).cleared).toBe(true);
    expect(cleared).toBe(2);
    // The author's Markdown All in One settings shape every TOC: a new settings file clears it too.
    write('.vscode/settings.json', '{ "markdown.extension.toc.levels": "2..4" }\n');
    expect(refreshStore(store, meta, graph(), true).cleared).toBe(true);
    expect(refreshStore(store, meta, graph(), true).cleared).toBe(false);
    rmSync(path.join(content, '.vscode'), { recursive: true });
    expect(cleared).toBe(3);
    expect(deleted).toEqual([]);
  });
});

describe('heading ids from the stored renders (dev server)', () => {
  const digest = (text: string) => createHash('sha1').update(text).digest('hex');
  /** A stored render of 03-다.md that recorded `ids` for the file's text as `digestOf` gives it. */
  function storeOf(ids: string[], digestOf: string) {
    const entry = { filePath: path.relative(ROOT, path.join(content, '03-다.md')), digest: digestOf, rendered: { metadata: { frontmatter: { noteIds: ids } } } };
    return { entries: () => [['다', entry]] as Array<[string, typeof entry]>, delete: () => undefined, clear: () => undefined };
  }
  const idsNow = () => [...noteIds(getNoteGraph(content, ROOT).byRelPath.get('03-다.md')!)];

  it("takes a stored note's ids from its render while the file has the text it was rendered from", () => {
    write('03-다.md', '# 다\n\n## 개요\n');
    const text = readFileSync(path.join(content, '03-다.md'), 'utf8');
    const meta = new Map<string, string>();
    refreshStore(storeOf([], ''), meta, graph(), true);
    // (An id no parse of the note gives: seen only if the render's ids were taken.)
    refreshStore(storeOf(['다', '개요', '렌더에서-온-id'], digest(text)), meta, graph(), true, digest);
    expect(idsNow()).toContain('렌더에서-온-id');
  });

  it('parses the note when its text changed since, or the code that rendered it did', () => {
    const meta = new Map<string, string>();
    refreshStore(storeOf([], ''), meta, graph(), true);
    write('03-다.md', '# 다\n\n## 요약\n');
    refreshStore(storeOf(['다', '개요', '렌더에서-온-id'], digest('# 다\n\n## 개요\n')), meta, graph(), true, digest);
    expect(idsNow()).not.toContain('렌더에서-온-id');
    expect(idsNow()).toContain('요약');
    // Another render key (here: build instead of dev): the store is cleared, its ids not taken.
    const text = readFileSync(path.join(content, '03-다.md'), 'utf8');
    expect(refreshStore(storeOf(['다', '요약', '다른-코드의-id'], digest(text)), meta, graph(), false, digest).cleared).toBe(true);
    expect(idsNow()).not.toContain('다른-코드의-id');
    write('03-다.md', '# 다\n\n## 개요\n');
  });
});

describe('missing-image error', () => {
  it("names the note and line for Astro's ImageNotFound, as written or by absolute path", () => {
    unlinkSync(path.join(content, '그림', 'fig.png'));
    try {
      for (const image of ['./그림/fig.png', path.join(content, '그림', 'fig.png')]) {
        const astro = Object.assign(new Error(`Could not find requested image \`${image}\`. Does it exist?`), { name: 'ImageNotFound' });
        expect(imageNotFound(astro)).toBe(image);
        const error = missingImageError(astro, graph());
        expect(error).toBeInstanceOf(NoteError);
        expect((error as NoteError).diagnostic).toMatchObject({ code: 'missing-image', line: 3, column: 7 });
        expect((error as NoteError).diagnostic.file).toMatch(/01-가\.md$/);
      }
      const other = new Error('something else');
      expect(missingImageError(other, graph())).toBe(other);
    } finally {
      cpSync(path.join(IMAGES, 'fig.png'), path.join(content, '그림', 'fig.png'));
    }
  });
});
