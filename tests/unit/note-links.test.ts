// The note-link plugin and the note graph on a small notes folder made here (NFD names cannot be
// trusted to git): how links written the GitHub way become site URLs, and what is reported.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnostics, type Diagnostic } from '../../src/core/diagnostics.ts';
import { buildNoteGraph, getNoteGraph, invalidateNoteGraph, noteIds, refreshNoteGraph } from '../../src/notes/note-graph.ts';
import { replayFragmentChecks, type KeptFragmentCheck } from '../../src/notes/link-resolution.ts';
import { noteId } from '../../src/notes/note-path.ts';
import remarkNoteLinks from '../../src/markdown/remark-note-links.ts';

let dir: string;
let content: string;

function write(rel: string, text: string | Buffer) {
  const file = path.join(content, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'note-links-'));
  content = path.join(dir, 'content');
  write('01-처음.md', '# 처음\n\n## 시작하기\n');
  write('02-둘째.md', '# 둘째\n\n## 벡터 검색\n\n본문[^1]\n\n[^1]: 각주\n');
  write('맥/노트.md'.normalize('NFD'), '# 맥 노트\n\n## 정리\n');
  write('초안.md', '---\ndraft: true\n---\n# 초안\n');
  write('고유.md', '---\nslug: my/own\n---\n# 고유\n');
  write('섹션/README.md', '# 섹션 소개\n');
  write('빈-폴더/그림.png', 'png');
  write('images/fig.png', 'png');
  write('images/그림.png'.normalize('NFD'), 'png');
  write('files/자료.pdf', 'pdf');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Result {
  urls: string[];
  texts: string[];
  diagnostics: Diagnostic[];
}

async function run(markdown: string, options: { from?: string; base?: string; includeDrafts?: boolean } = {}): Promise<Result> {
  const diagnostics: Diagnostic[] = [];
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkNoteLinks, {
      contentDir: content,
      root: dir,
      base: options.base ?? '/repo/',
      includeDrafts: options.includeDrafts ?? false,
      report: (d: Diagnostic) => diagnostics.push(d),
    });
  const file = new VFile({ value: markdown, path: options.from ?? path.join(content, '01-처음.md') });
  const tree = (await processor.run(processor.parse(file), file)) as Root;
  const urls: string[] = [];
  const texts: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') urls.push(node.url);
    if (node.type === 'text') texts.push(node.value);
  });
  return { urls, texts, diagnostics };
}

async function renderTree(markdown: string): Promise<Root> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkNoteLinks, { contentDir: content, root: dir, base: '/repo/', includeDrafts: false, report: () => {} });
  const file = new VFile({ value: markdown, path: path.join(content, '01-처음.md') });
  return (await processor.run(processor.parse(file), file)) as Root;
}

const codes = (r: Result) => r.diagnostics.map((d) => d.code);

describe('note links', () => {
  it('rewrite relative note links (NFC, NFD, percent-encoded, MDX-style paths) to page URLs under the base', async () => {
    const nfd = '맥/노트.md'.normalize('NFD');
    const r = await run(
      [
        '[a](./02-둘째.md#벡터-검색)',
        `[b](${encodeURI('02-둘째.md')}#${encodeURIComponent('벡터-검색')})`,
        '[c](맥/노트.md#정리)',
        `[d](./${nfd}#${'정리'.normalize('NFD')})`,
        `[e](./${encodeURI(nfd)})`,
        '[f](02-둘째.md#user-content-fn-1)',
        '[g](./01-처음.md)',
        '[h]',
        '',
        '[h]: ./02-둘째.md',
      ].join('\n\n'),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.urls).toEqual([
      '/repo/둘째/#벡터-검색',
      '/repo/둘째/#벡터-검색',
      '/repo/맥/노트/#정리',
      '/repo/맥/노트/#정리',
      '/repo/맥/노트/',
      '/repo/둘째/#user-content-fn-1',
      '/repo/처음/',
      '/repo/둘째/',
    ]);
  });

  it('use the frontmatter slug, and a folder README as the folder page', async () => {
    const r = await run('[a](고유.md) [b](./섹션/) [c](섹션)');
    expect(r.diagnostics).toEqual([]);
    // The README's own URL, whatever src/notes/note-path.ts gives it (a folder landing page).
    const readme = `/repo/${noteId('섹션/README.md', undefined)}/`;
    expect(r.urls).toEqual(['/repo/my/own/', readme, readme]);
  });

  it('resolve from a note in a folder, and from the repository root (/content/…) as GitHub does', async () => {
    const from = path.join(content, '맥/노트.md'.normalize('NFD'));
    const r = await run('[a](../02-둘째.md#벡터-검색) [b](/content/01-처음.md#시작하기)', { from });
    expect(r.diagnostics).toEqual([]);
    expect(r.urls).toEqual(['/repo/둘째/#벡터-검색', '/repo/처음/#시작하기']);
  });

  it('put site paths under the base (written with or without it) and check them', async () => {
    const r = await run('[a](/둘째/#벡터-검색) [b](/repo/둘째/) [c](/) [d](/repo/) [e](/없음/)');
    expect(r.urls.slice(0, 4)).toEqual(['/repo/둘째/#벡터-검색', '/repo/둘째/', '/repo/', '/repo/']);
    expect(codes(r)).toEqual(['broken-site-link']);
  });

  it('leave external links and same-page fragments alone', async () => {
    const r = await run('[a](https://github.com/x/y/blob/main/a.md) [b](mailto:a@b.c) [c](#시작하기) [d](//cdn.example.com/x.js)');
    expect(r.urls).toEqual(['https://github.com/x/y/blob/main/a.md', 'mailto:a@b.c', '#시작하기', '//cdn.example.com/x.js']);
    expect(r.diagnostics).toEqual([]);
  });

  it('report missing notes and headings with the nearest target, at the link line', async () => {
    const r = await run('# 처음\n\n[a](./02-둘쨰.md)\n\n[b](./02-둘째.md#벡터-검섹)');
    expect(r.diagnostics).toMatchObject([
      { code: 'missing-note', line: 3, column: 1, hint: 'did you mean ./02-둘째.md?' },
      { code: 'missing-heading', line: 5, column: 1, hint: 'did you mean ./02-둘째.md#벡터-검색?' },
    ]);
    expect(r.diagnostics[1]!.message).toBe('link ./02-둘째.md#벡터-검섹: content/02-둘째.md has no heading #벡터-검섹');
  });

  it('report links that leave the notes folder and paths on the computer', async () => {
    const r = await run(
      '[a](../../etc/passwd) [b](../README.md) [c](/Users/kim/notes/a.md) [d](C:\\notes\\a.md) [e](file:///home/kim/a.md) [f](/home/kim/x/)',
    );
    expect(codes(r)).toEqual(['link-outside-content', 'link-outside-content', 'absolute-path', 'absolute-path', 'absolute-path', 'absolute-path']);
  });

  it('report links to drafts in production only', async () => {
    expect(codes(await run('[a](./초안.md)'))).toEqual(['draft-link']);
    expect(codes(await run('[a](./초안.md)', { includeDrafts: true }))).toEqual([]);
  });

  it('report a folder without a README', async () => {
    expect(codes(await run('[a](./빈-폴더/)'))).toEqual(['folder-link']);
  });

  it('keep co-located images relative, spelt as on disk; a missing image becomes its alt text', async () => {
    const r = await run('![a](./images/fig.png) ![b](images/그림.png#gh-dark-mode-only) ![c](./images/없음.png)\n\n![d][ref]\n\n[ref]: ./images/fig.png');
    expect(r.urls).toEqual(['./images/fig.png', `./images/${'그림.png'.normalize('NFD')}#gh-dark-mode-only`, './images/fig.png']);
    expect(r.texts).toContain('c');
    expect(r.diagnostics).toMatchObject([{ code: 'missing-image', message: 'image ./images/없음.png is not there (looked for content/images/없음.png)' }]);
  });

  it('link other files to their copy under <base>_files/', async () => {
    const r = await run('[자료](./files/자료.pdf#page=2) [그림](images/fig.png)');
    expect(r.urls).toEqual([`/repo/_files/files/${encodeURIComponent('자료.pdf')}#page=2`, '/repo/_files/images/fig.png']);
  });

  it('rewrite URLs in raw HTML (sized images, links) and report the broken ones at their line', async () => {
    const r = await run(
      'text\n\n<p align="center">\n  <img src="./images/fig.png" width="300" alt="그림">\n  <a href=\'02-둘째.md#벡터-검색\'>둘째</a> <img src=images/없음.png>\n</p>\n',
    );
    expect(r.diagnostics).toMatchObject([{ code: 'missing-image', line: 5, message: 'image images/없음.png is not there (looked for content/images/없음.png)' }]);
    const html: string[] = [];
    const tree = await renderTree('<img src="./images/fig.png" width="300"> <a href="https://x.org/a.md">x</a> <a href="./01-처음.md">처음</a>');
    visit(tree, 'html', (node) => {
      html.push(node.value);
    });
    expect(html.join(' ')).toContain('<img src="/repo/_files/images/fig.png" width="300">');
    expect(html.join(' ')).toContain('<a href="https://x.org/a.md">');
    expect(html.join(' ')).toContain('<a href="/repo/처음/">');
  });

  it('leave notes outside the notes folder alone (plugin fixtures)', async () => {
    const r = await run('[a](./nowhere.md) ![b](./nope.png)', { from: path.join(dir, 'elsewhere.md') });
    expect(r.urls).toEqual(['./nowhere.md', './nope.png']);
    expect(r.diagnostics).toEqual([]);
  });
});

describe('the note graph', () => {
  it('maps files to URLs (NFC) and is built once per folder', () => {
    const graph = getNoteGraph(content, dir);
    expect(getNoteGraph(content, dir)).toBe(graph);
    expect(graph.byRelPath.get('맥/노트.md')?.id).toBe('맥/노트');
    expect(graph.byId.get('my/own')?.relPath).toBe('고유.md');
    expect(graph.files.get('images/그림.png')).toBe(path.join(content, 'images', '그림.png'.normalize('NFD')));
  });

  it('is rebuilt after invalidation or when a link misses a file added since', async () => {
    const graph = getNoteGraph(content, dir);
    write('03-새-노트.md', '# 새 노트\n');
    expect(getNoteGraph(content, dir).byRelPath.has('03-새-노트.md')).toBe(false);
    expect(refreshNoteGraph(graph, 0).byRelPath.has('03-새-노트.md')).toBe(true);
    invalidateNoteGraph();
    expect(getNoteGraph(content, dir)).not.toBe(graph);
    expect(buildNoteGraph(content, dir).notes.map((n) => n.relPath)).toContain('03-새-노트.md');
  });
});

describe('fragment checks deferred to page render (the build)', () => {
  const source = '[있음](./02-둘째.md#벡터-검색) [없음](./02-둘째.md#벡터) <a href="./02-둘째.md#없는">html</a>\n';

  async function deferred(): Promise<{ kept: KeptFragmentCheck[]; urls: string[]; reported: Diagnostic[] }> {
    const reported: Diagnostic[] = [];
    const processor = unified()
      .use(remarkParse)
      .use(remarkNoteLinks, { contentDir: content, root: dir, base: '/repo/', includeDrafts: false, deferFragments: true, report: (d: Diagnostic) => reported.push(d) });
    const file = new VFile({ value: source, path: path.join(content, '01-처음.md') });
    const tree = (await processor.run(processor.parse(file), file)) as Root;
    const urls: string[] = [];
    visit(tree, 'link', (node) => {
      urls.push(node.url);
    });
    const kept = ((file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter?.noteFragmentChecks ?? []) as KeptFragmentCheck[];
    return { kept, urls, reported };
  }

  it('rewrites every link to its page, reports nothing yet and keeps one check per link', async () => {
    const { kept, urls, reported } = await deferred();
    expect(reported).toEqual([]);
    // (Checked at once, a broken fragment leaves the link as written; deferred, it leads to the page.)
    expect(urls).toEqual(['/repo/둘째/#벡터-검색', '/repo/둘째/#벡터']);
    expect(kept.map((k) => [k.target, k.fragment, k.at.line, k.at.column])).toEqual([
      ['02-둘째.md', '벡터-검색', 1, 1],
      ['02-둘째.md', '벡터', 1, 24],
      ['02-둘째.md', '없는', 1, 47],
    ]);
  });

  it('reports, once the ids of the linked page are known, exactly what the immediate check reports', async () => {
    const { kept } = await deferred();
    const found: Diagnostic[] = [];
    const stop = diagnostics.onReport((d) => found.push(d));
    try {
      const ids = noteIds(getNoteGraph(content, dir).byRelPath.get('02-둘째.md')!);
      replayFragmentChecks({ noteFragmentChecks: kept }, () => ids);
    } finally {
      stop();
    }
    expect(found).toEqual((await run(source)).diagnostics);
    expect(found.map((d) => d.code)).toEqual(['missing-heading', 'missing-heading']);
  });
});
