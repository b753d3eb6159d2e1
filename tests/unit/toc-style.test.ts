// TOCs in the author's Markdown All in One style. Each folder of tests/fixtures/toc-style holds a
// note with a stale TOC (input.md), the bytes MAIO's algorithm makes of it in that style
// (output.md), and, for the settings cases, the `.vscode/settings.json` beside it (settings.json).
// Each case runs through the settings reader, `npm run toc`'s core and the site's TOC plugin: the
// rewrite gives output.md, output.md is current for both, and the page shows output.md's TOC.

import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { List, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostics.ts';
import { checkNotes } from '../../src/commands/check.ts';
import { maioSettingsFor } from '../../src/notes/maio-settings.ts';
import { createRemarkPlugins } from '../../src/markdown/pipeline.ts';
import { parseNote } from '../../src/syntax/parse.ts';
import { tocRows, type TocEntry } from '../../src/syntax/toc.ts';
import { rewriteTocs } from '../../src/syntax/toc-rewrite.ts';
import { defaultTocStyle, tocLines, type TocStyle } from '../../src/syntax/toc-style.ts';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/toc-style');
const CASES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

// A repository of its own (`.git` bounds the settings lookup), one folder per case.
const root = mkdtempSync(path.join(tmpdir(), 'notes-toc-style-'));
mkdirSync(path.join(root, '.git'));
mkdirSync(path.join(root, 'content'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function placeCase(name: string): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(FIXTURES, name, 'input.md'), path.join(dir, 'note.md'));
  if (existsSync(path.join(FIXTURES, name, 'settings.json'))) {
    mkdirSync(path.join(dir, '.vscode'), { recursive: true });
    cpSync(path.join(FIXTURES, name, 'settings.json'), path.join(dir, '.vscode', 'settings.json'));
  }
  return path.join(dir, 'note.md');
}

/** The site's remark stage over a note at `file`, with its own settings lookup. */
async function siteToc(source: string, file: string): Promise<{ toc: List | undefined; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(createRemarkPlugins({ report: (d) => diagnostics.push(d), contentDir: path.join(root, 'content') }) as PluggableList);
  const vfile = new VFile({ value: source, path: file });
  const tree = (await processor.run(processor.parse(vfile), vfile)) as Root;
  const toc = tree.children.find((n): n is List => n.type === 'list' && (n.data?.hProperties as { className?: string[] })?.className?.includes('note-toc') === true);
  return { toc, diagnostics };
}

/** The authored TOC list of a note (the first top-level list). */
function authoredList(source: string): List {
  const { tree } = parseNote(source, 'note.md');
  const list = tree.children.find((n): n is List => n.type === 'list');
  if (!list) throw new Error('no list');
  return list;
}

describe.each(CASES)('%s', (name) => {
  const input = readFileSync(path.join(FIXTURES, name, 'input.md'), 'utf8');
  const output = readFileSync(path.join(FIXTURES, name, 'output.md'), 'utf8');
  const note = placeCase(name);

  it('settings read without problems', () => {
    expect(maioSettingsFor(note, path.join(root, 'content')).problems).toEqual([]);
  });

  it('npm run toc repairs the stale TOC in its own style, and leaves the result alone', () => {
    const { settings } = maioSettingsFor(note, path.join(root, 'content'));
    const once = rewriteTocs(input, note, settings);
    expect(once.output).toBe(output);
    expect(once.changed).toBe(true);
    const twice = rewriteTocs(output, note, settings);
    expect(twice.changed).toBe(false);
    expect(twice.blocks.every((b) => !b.stale)).toBe(true);
  });

  it("the site's TOC is output.md's, and only the stale note is reported", async () => {
    const stale = await siteToc(input, note);
    expect(stale.diagnostics.filter((d) => d.code === 'stale-toc')).toHaveLength(1);
    const fresh = await siteToc(output, note);
    expect(fresh.diagnostics.filter((d) => d.code === 'stale-toc' || d.code === 'maio-settings')).toEqual([]);
    const expected = authoredList(output);
    for (const shown of [stale.toc, fresh.toc]) {
      expect(shown).toBeDefined();
      expect(tocRows(shown!)).toEqual(tocRows(expected));
      expect(shown!.ordered).toBe(expected.ordered);
    }
  });
});

describe('npm run check agrees', () => {
  it.each(CASES)('%s: the stale note is reported, the repaired one is not', async (name) => {
    // The notes folder itself holds the settings here (they are looked for from it upwards).
    const content = path.join(root, `${name}-check`);
    mkdirSync(path.join(content, '.vscode'), { recursive: true });
    if (existsSync(path.join(FIXTURES, name, 'settings.json'))) cpSync(path.join(FIXTURES, name, 'settings.json'), path.join(content, '.vscode', 'settings.json'));
    const note = path.join(content, 'note.md');
    cpSync(path.join(FIXTURES, name, 'input.md'), note);
    const stale = await checkNotes(content, { root });
    const line = authoredList(readFileSync(note, 'utf8')).position?.start.line;
    expect(stale.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual([`${line} stale-toc`]);
    cpSync(path.join(FIXTURES, name, 'output.md'), note);
    const fresh = await checkNotes(content, { root });
    expect(fresh.diagnostics).toEqual([]);
  });
});

describe('toc.slugifyMode', () => {
  const note = '# 노트 <!-- omit in toc -->\n\n- [개요](#개요)\n- [전처리 -- 후처리](#전처리----후처리)\n\n## 개요\n\n## 전처리 -- 후처리\n';
  const place = (mode: string) => {
    const dir = path.join(root, `slug-${mode}`);
    mkdirSync(path.join(dir, '.vscode'), { recursive: true });
    writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({ 'markdown.extension.toc.slugifyMode': mode }));
    writeFileSync(path.join(dir, 'note.md'), note);
    return path.join(dir, 'note.md');
  };

  it('other than github: a warning for each anchor that differs from GitHub\'s; the TOC keeps GitHub\'s', async () => {
    const file = place('gitlab');
    const { diagnostics } = await siteToc(note, file);
    expect(diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['8 maio-slug-differs']);
    expect(diagnostics[0]?.message).toContain('"gitlab"');
    expect(diagnostics[0]?.message).toContain('#전처리-후처리');
    expect(diagnostics[0]?.message).toContain('#전처리----후처리');
    expect(rewriteTocs(note, file, maioSettingsFor(file).settings).changed).toBe(false);
  });

  it('a mode the site cannot compute gets one warning that anchors may differ', async () => {
    const { diagnostics } = await siteToc(note, place('zola'));
    expect(diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['3 maio-slug-differs']);
    expect(diagnostics[0]?.message).toContain('"zola"');
  });
});

describe('a TOC heading with no list', () => {
  const note = '# 노트\n\n## 📑 목차\n\n## 하나\n\n### 하나의 하위\n\n## 둘\n';
  const rows = (list: List | undefined) => (list ? tocRows(list).map((r) => `${r.nesting}:${r.target}`) : []);

  // Placement and selection are remark-toc's (the headings after the TOC heading, spec §4); the
  // levels and list kind are MAIO's defaults or the settings'.
  it("shows MAIO's default levels (1..6) on the site, without the TOC heading itself", async () => {
    const dir = path.join(root, 'heading-defaults');
    mkdirSync(dir, { recursive: true });
    const { toc } = await siteToc(note, path.join(dir, 'note.md'));
    expect(rows(toc)).toEqual(['0:하나', '1:하나의-하위', '0:둘']);
    expect(toc?.ordered).toBe(false);
  });

  it('shows the levels and list kind of the settings', async () => {
    const dir = path.join(root, 'heading-settings');
    mkdirSync(path.join(dir, '.vscode'), { recursive: true });
    writeFileSync(path.join(dir, '.vscode', 'settings.json'), '{ "markdown.extension.toc.levels": "2..2", "markdown.extension.toc.orderedList": true }');
    const { toc } = await siteToc(note, path.join(dir, 'note.md'));
    expect(rows(toc)).toEqual(['0:하나', '0:둘']);
    expect(toc?.ordered).toBe(true);
  });
});

describe("a TOC's own heading", () => {
  it('stays listed when the author lists it (MAIO lists every heading in the levels)', () => {
    const note = '## 목차\n\n- [목차](#목차)\n- [하나](#하나)\n\n## 하나\n';
    expect(rewriteTocs(note, 'content/note.md').changed).toBe(false);
    const stale = '## 목차\n\n- [목차](#목차)\n\n## 하나\n';
    expect(rewriteTocs(stale, 'content/note.md').output).toBe(note);
  });
});

describe('line endings and BOM', () => {
  it.each(CASES)('%s: CRLF with a BOM comes out CRLF with its BOM', (name) => {
    const note = path.join(root, name, 'note.md');
    const variant = (t: string) => `\uFEFF${t.replaceAll('\n', '\r\n')}`;
    const input = variant(readFileSync(path.join(FIXTURES, name, 'input.md'), 'utf8'));
    const output = variant(readFileSync(path.join(FIXTURES, name, 'output.md'), 'utf8'));
    expect(rewriteTocs(input, note, maioSettingsFor(note).settings).output).toBe(output);
  });
});

describe("MAIO's list format", () => {
  const entry = (level: number, id: string): TocEntry => ({ level, depth: level + 1, id, text: id, content: [], line: 1, maioSlug: id });
  const lines = (entries: TocEntry[], style: Partial<TocStyle>) => tocLines(entries, { ...defaultTocStyle(style.ordered), ...style }, (e) => e.text);

  it("numbers ordered lists per parent and indents by the marker's width (MAIO's own test: Update (ordered list))", () => {
    const entries = [entry(0, 'section-1'), entry(1, 'section-11'), entry(0, 'section-2'), entry(1, 'section-21')];
    expect(lines(entries, { ordered: true })).toEqual([
      '1. [section-1](#section-1)',
      '   1. [section-11](#section-11)',
      '2. [section-2](#section-2)',
      '   1. [section-21](#section-21)',
    ]);
  });

  it('pushes a child one space right per extra digit of its ancestors, also with `1.` markers', () => {
    const entries = [...Array.from({ length: 10 }, (_, i) => entry(0, `s${i + 1}`)), entry(1, 'child'), entry(2, 'grandchild')];
    expect(lines(entries, { ordered: true }).slice(9)).toEqual(['10. [s10](#s10)', '    1. [child](#child)', '       1. [grandchild](#grandchild)']);
    expect(lines(entries, { ordered: true, orderedOne: true }).slice(9)).toEqual(['1. [s10](#s10)', '    1. [child](#child)', '       1. [grandchild](#grandchild)']);
  });

  it('writes the marker, tabs or spaces, and plain text as set', () => {
    const entries = [entry(0, 'a'), entry(1, 'b'), entry(2, 'c')];
    expect(lines(entries, { marker: '*', indent: '\t' })).toEqual(['* [a](#a)', '\t* [b](#b)', '\t\t* [c](#c)']);
    expect(lines(entries, { plaintext: true, indent: '    ' })).toEqual(['- a', '    - b', '        - c']);
  });
});

describe('settings files', () => {
  const repo = mkdtempSync(path.join(tmpdir(), 'notes-maio-settings-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  mkdirSync(path.join(repo, '.git'));
  mkdirSync(path.join(repo, 'notes', 'sub'), { recursive: true });
  // Each test writes its own settings file (the tests run in any order).
  mkdirSync(path.join(repo, '.vscode'));
  const note = path.join(repo, 'notes', 'sub', 'a.md');
  writeFileSync(note, '# a\n');

  it('a workspace file above the notes folder: its settings win, relative omittedFromToc paths from its folder, absolute ones as they are', () => {
    writeFileSync(path.join(repo, '.vscode', 'settings.json'), '{ "markdown.extension.toc.levels": "1..3", "markdown.extension.toc.unorderedList.marker": "*" }');
    writeFileSync(
      path.join(repo, 'notes.code-workspace'),
      JSON.stringify({
        folders: [{ path: 'notes' }],
        settings: {
          'markdown.extension.toc.levels': '2..4',
          'markdown.extension.toc.omittedFromToc': { 'sub/a.md': ['## 부록'], [note]: ['### 메모'], 'a.md': ['## 아님'] },
        },
      }),
    );
    const found = maioSettingsFor(note, path.join(repo, 'notes'));
    expect(found.problems).toEqual([]);
    expect(found.settings.style).toMatchObject({ minDepth: 2, maxDepth: 4, marker: '*' });
    expect(found.settings.omittedFromToc).toEqual([
      { depth: 2, text: '부록' },
      { depth: 3, text: '메모' },
    ]);
    rmSync(path.join(repo, 'notes.code-workspace'));
  });

  it('reports broken JSON and unusable values with file and line; MAIO ignores them, so does the site', () => {
    writeFileSync(path.join(repo, '.vscode', 'settings.json'), '{\n  // 주석\n  "markdown.extension.toc.levels": "2-4",\n}\n');
    const found = maioSettingsFor(note, path.join(repo, 'notes'));
    expect(found.settings.style).toBeUndefined();
    expect(found.problems).toMatchObject([{ file: expect.stringContaining('.vscode/settings.json'), line: 3, code: 'maio-settings' }]);
    writeFileSync(path.join(repo, '.vscode', 'settings.json'), '{\n  "markdown.extension.toc.levels": "2..4"\n  "x": 1\n}\n');
    expect(maioSettingsFor(note, path.join(repo, 'notes')).problems).toMatchObject([{ line: 3, message: expect.stringContaining('not valid JSON') }]);
  });

  it('editor indentation: tabs or the tab size with `inherit`, beating the TOC block only without indentation detection', () => {
    writeFileSync(path.join(repo, '.vscode', 'settings.json'), '{ "[markdown]": { "editor.insertSpaces": false } }');
    expect(maioSettingsFor(note).settings.style).toEqual({ defaultIndent: '\t' });
    writeFileSync(
      path.join(repo, '.vscode', 'settings.json'),
      '{ "markdown.extension.list.indentationSize": "inherit", "editor.tabSize": 4, "editor.detectIndentation": false }',
    );
    expect(maioSettingsFor(note).settings.style).toEqual({ indent: '    ' });
  });
});
