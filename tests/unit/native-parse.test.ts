// satteri's mdast against remark-parse's as the site's .md processor configures it (remark-gfm
// from Astro, remark-math from pipeline.ts): every field of every node, positions included, over
// every Markdown fixture, the seed note, the spec vectors, the CommonMark spec's examples, the
// generated notes (scripts/bench-notes.ts, tests/build/generate-notes.ts), hand-picked cases
// (tests/fixtures/native-parse/cases.json) and seeded random documents: fragments of syntax, and
// lines of real notes shuffled (found the differences at the ends of blocks in containers).
// Every input where the raw trees differ is listed in tests/fixtures/native-parse/differences.txt
// with the fallback that catches it (`UPDATE_FIXTURES=1` rewrites it; review it by hand); the
// parse with src/markdown/native-parse.ts must give micromark's tree for every input.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { markdownToMdast } from 'satteri';
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkNativeParse, { nativeParseStats } from '../../src/markdown/native-parse.ts';
import { nativeTree } from '../../src/syntax/native-tree.ts';
import { createRemarkPlugins } from '../../src/markdown/pipeline.ts';
import { benchNote, rng } from '../../scripts/bench-notes.ts';
import { generateNotes } from '../build/generate-notes.ts';

const ROOT = path.join(import.meta.dirname, '../..');
const HERE = path.join(ROOT, 'tests/fixtures/native-parse');
const update = process.env.UPDATE_FIXTURES === '1';

const micromark = unified().use(remarkParse).use(remarkGfm).use(remarkMath).freeze();
const native = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkNativeParse, { enabled: true }).freeze();

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir).sort()) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) markdownFiles(file, out);
    else if (/\.md$/i.test(entry)) out.push(file);
  }
  return out;
}

/** What the processor is given: the body with frontmatter blanked, as Astro's loader does. */
function body(source: string): string {
  try {
    return parseFrontmatter(source, { frontmatter: 'empty-with-spaces' }).content;
  } catch {
    return source;
  }
}

/** Named inputs of every kind but the random fragments. */
function corpus(): Array<[string, string]> {
  const inputs: Array<[string, string]> = [];
  for (const dir of ['tests/fixtures', 'content']) {
    for (const file of markdownFiles(path.join(ROOT, dir))) {
      inputs.push([path.relative(ROOT, file).split(path.sep).join('/'), body(readFileSync(file, 'utf8'))]);
    }
  }
  const vectors = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/spec/toc-vectors.json'), 'utf8')) as {
    markdown_vectors: Array<{ id: string; markdown: string }>;
    mdx_vectors: Array<{ id: string; markdown: string }>;
  };
  for (const v of [...vectors.markdown_vectors, ...vectors.mdx_vectors]) {
    if (!v.markdown.startsWith('(the seed')) inputs.push([`toc-vectors ${v.id}`, v.markdown]);
  }
  const spec = createRequire(import.meta.url)('commonmark-spec') as { tests: Array<{ markdown: string; number: number }> };
  for (const t of spec.tests) inputs.push([`commonmark-spec #${t.number}`, t.markdown.replace(/→/g, '\t')]);
  for (let n = 0; n < 300; n++) inputs.push([`bench-notes ${n}/300`, benchNote(n, 300).text]);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'native-parse-'));
  try {
    generateNotes(tmp, 2, 5);
    for (const file of markdownFiles(tmp)) inputs.push([`generate-notes ${path.relative(tmp, file)}`, readFileSync(file, 'utf8')]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const cases = JSON.parse(readFileSync(path.join(HERE, 'cases.json'), 'utf8')) as string[];
  cases.forEach((c, i) => inputs.push([`cases.json [${i}]`, c]));
  return inputs;
}

/**
 * Random documents of 1 to 25 lines taken from real notes (the fixtures and the seed), each line
 * as it is or, with `nest`, often put in a blockquote, a list item or an indent: the block
 * structure notes have, in orders no note has.
 */
function shuffledLines(sources: string[], count: number, seed: number, nest: boolean): string[] {
  const lines = sources.flatMap((s) => s.split('\n'));
  const prefixes = nest ? ['', '', '', '', '> ', '- ', '  ', '    ', '1. ', '\t', '  - ', '> - '] : [''];
  const random = rng(seed);
  const pick = <T,>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const doc: string[] = [];
    for (let n = 1 + Math.floor(random() * 25); n > 0; n--) doc.push(pick(prefixes) + pick(lines));
    out.push(doc.join('\n'));
  }
  return out;
}

/** Random Markdown fragments from a fixed seed: pieces of syntax, Korean, emoji, line endings. */
function fragments(count: number, seed: number): string[] {
  const atoms = [
    '*', '_', '~', '`', '[', ']', '(', ')', '<', '>', '!', '#', '|', '-', '+', '=', ':', '\\', '&', '"', "'", '\n', '\n\n',
    ' ', '  ', '\t', 'a', '가', '한', '1.', '- ', '> ', '```', '~~', '[^1]', '[^1]: ', 'http://a.b', 'www.x.y', 'a@b.co',
    '<div>', '</div>', '<!--', '-->', '&amp;', '| --- |', '[x]', '- [ ] ', '    ', '.', ',', '😀', '\r\n', 'x_y', 'é', '$',
  ];
  const random = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const length = 1 + Math.floor(random() * 30);
    for (let j = 0; j < length; j++) s += atoms[Math.floor(random() * atoms.length)];
    out.push(s);
  }
  return out;
}

/** The first place two trees differ (a field's presence counts; key order does not), or undefined. */
function firstDifference(a: unknown, b: unknown, at = 'root'): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const type = (a[i] as { type?: string } | undefined)?.type;
      const d = firstDifference(a[i], b[i], `${at}[${i}]${type ? `(${type})` : ''}`);
      if (d) return d;
    }
    return a.length === b.length ? undefined : `${at}: ${a.length} children in micromark's tree, ${b.length} in satteri's`;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (!(key in y)) return `${at}.${key}: only in micromark's tree`;
      if (!(key in x)) return `${at}.${key}: only in satteri's tree`;
      const d = firstDifference(x[key], y[key], `${at}.${key}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : `${at}: ${JSON.stringify(a)} in micromark's tree, ${JSON.stringify(b)} in satteri's`;
}

const FEATURES = { gfm: true, math: true, frontmatter: false } as const;

function rawDifference(source: string): string | undefined {
  return firstDifference(micromark.parse(source), markdownToMdast(source, { features: FEATURES }));
}

function fallbackOf(source: string): string {
  const result = nativeTree(source);
  return 'fallback' in result ? result.fallback : 'none (satteri used)';
}

describe('native parse (satteri) against micromark', () => {
  const inputs = corpus();
  const notes = inputs.filter(([name]) => /\.md$/.test(name)).map(([, source]) => source);
  const random = [
    ...fragments(4000, 20261201),
    ...shuffledLines(notes, 1500, 16, false),
    ...shuffledLines(notes, 1500, 17, true),
  ];

  it('lists every input whose trees differ, and the fallback that catches it', () => {
    const lines: string[] = [];
    for (const [name, source] of inputs) {
      const d = rawDifference(source);
      if (d) lines.push(`${name}\n  differs at ${d}\n  fallback: ${fallbackOf(source)}`);
    }
    const reasons = new Map<string, number>();
    let differing = 0;
    for (const source of random) {
      if (!rawDifference(source)) continue;
      differing++;
      const reason = fallbackOf(source);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    lines.push(`random fragments and shuffled note lines: ${differing} of ${random.length} differ; by fallback:`);
    for (const [reason, n] of [...reasons].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1))) lines.push(`  ${reason}: ${n}`);
    const text = `${lines.join('\n')}\n`;
    const file = path.join(HERE, 'differences.txt');
    if (update || !existsSync(file)) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
    expect(text).not.toContain('fallback: none');
    expect(reasons.has('none (satteri used)')).toBe(false);
  });

  it('parses every input to micromark’s tree, field for field', () => {
    let used = 0;
    for (const [name, source] of [...inputs, ...random.map((s, i): [string, string] => [`random document ${i}`, s])]) {
      const expected = micromark.parse(source);
      const actual = native.parse(new VFile({ value: source, path: 'note.md' }));
      expect(actual, name).toStrictEqual(expected);
      if (!('fallback' in nativeTree(source))) used++;
    }
    // Not a vacuous pass: satteri's tree is the one used for most real notes.
    expect(used).toBeGreaterThan(inputs.length / 2);
  });

  it('takes satteri for the generated notes and the seed note', () => {
    for (let n = 0; n < 300; n++) expect(fallbackOf(benchNote(n, 300).text), `bench note ${n}`).toBe('none (satteri used)');
  });

  it('is in the site’s plugin list, and used only in a GFM + math processor for .md files', () => {
    const site = unified().use(remarkParse).use(remarkGfm).use(createRemarkPlugins() as PluggableList).freeze();
    const source = '# 제목\n\n본문 **강조**\n';
    const before = { ...nativeParseStats };
    const tree = site.parse(new VFile({ value: source, path: 'note.md' })) as Root;
    expect(tree).toStrictEqual(micromark.parse(source));
    expect(nativeParseStats.native).toBe(before.native + 1);
    site.parse(new VFile({ value: source, path: 'note.mdx' }));
    expect(nativeParseStats.micromark).toBe(before.micromark + 1);
    const mdx = unified().use(remarkParse).use(remarkGfm).use(remarkMdx).use(createRemarkPlugins() as PluggableList).freeze();
    mdx.parse(new VFile({ value: source, path: 'note.md' }));
    expect(nativeParseStats.micromark).toBe(before.micromark + 2);
    const off = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkNativeParse, { enabled: false }).freeze();
    off.parse(new VFile({ value: source, path: 'note.md' }));
    expect(nativeParseStats.native).toBe(before.native + 1);
  });
});
