// Pure helpers of the reading layout: sidebar windowing, on-page TOC, font plan, excerpts, settings.
import { describe, expect, it } from 'vitest';
import { planFont, pretendardSlices } from '../../src/core/font-slices.ts';
import { clip, excerptOf } from '../../src/notes/note-excerpt.ts';
import { buildNoteIndex, type NoteSource } from '../../src/notes/note-index.ts';
import { pageToc } from '../../src/page-data/page-toc.ts';
import { LIMITS, sidebarModel, windowAround } from '../../src/page-data/sidebar.ts';
import { resolveRepository, tocLevels } from '../../src/core/site-config.ts';
import { parseNote } from '../../src/syntax/parse.ts';

describe('windowAround', () => {
  const items = Array.from({ length: 100 }, (_, i) => i);
  it('keeps short lists whole', () => {
    expect(windowAround([1, 2, 3], 1, 5)).toEqual({ items: [1, 2, 3], before: 0, after: 0 });
  });
  it('centres on the current item and clamps at the ends', () => {
    expect(windowAround(items, 50, 10)).toEqual({ items: items.slice(45, 55), before: 45, after: 45 });
    expect(windowAround(items, 2, 10).before).toBe(0);
    expect(windowAround(items, 99, 10)).toEqual({ items: items.slice(90), before: 90, after: 0 });
    expect(windowAround(items, -1, 10).items).toEqual(items.slice(0, 10));
  });
});

describe('sidebarModel', () => {
  const sources: NoteSource[] = [];
  for (let s = 1; s <= 60; s++) for (let n = 1; n <= 40; n++) sources.push({ id: `s${s}/n${n}`, filePath: `content/${String(s).padStart(2, '0')}-s${s}/${String(n).padStart(2, '0')}-n${n}.md`, data: {}, body: `# ${s}-${n}\n` });
  const index = buildNoteIndex(sources, { contentDir: '/p/content', root: '/p', includeDrafts: false });
  it('expands only the current section, windowed, and windows the sections', () => {
    const current = index.byId.get('s30/n20')!;
    const model = sidebarModel(index, current);
    expect(model.sections.items).toHaveLength(LIMITS.sections);
    const expanded = model.sections.items.filter((s) => s.notes);
    expect(expanded).toHaveLength(1);
    expect(expanded[0]!.current).toBe(true);
    expect(expanded[0]!.notes!.items).toHaveLength(LIMITS.notes);
    expect(expanded[0]!.notes!.items).toContain(current);
    expect(model.sections.before + model.sections.after + LIMITS.sections).toBe(60);
  });
});

describe('pageToc', () => {
  const h = (depth: number, id: string, extra: Partial<{ omitted: boolean; topLevel: boolean }> = {}) => ({ depth, id, text: id, omitted: false, topLevel: true, raw: false, line: 1, ...extra });
  it('nests levels 2–3, leaving out omitted, nested and out-of-range headings', () => {
    const toc = pageToc([h(1, 'title'), h(2, 'a'), h(3, 'a1'), h(4, 'a1x'), h(3, 'skip', { omitted: true }), h(2, 'q', { topLevel: false }), h(2, 'b')], { minDepth: 2, maxDepth: 3 });
    expect(toc.map((i) => [i.id, i.children.map((c) => c.id)])).toEqual([['a', ['a1']], ['b', []]]);
  });
  it('clamps configured levels', () => {
    expect(tocLevels({ minDepth: 0, maxDepth: 9 })).toEqual({ minDepth: 1, maxDepth: 6 });
    expect(tocLevels({ minDepth: 4, maxDepth: 2 })).toEqual({ minDepth: 4, maxDepth: 4 });
  });
});

describe('planFont', () => {
  it('serves only the slices holding the text, with ranges limited to the characters used', () => {
    const plan = planFont('LLM 소개: 트랜스포머 어텐션');
    expect(plan.slices.length).toBeGreaterThan(1);
    expect(plan.slices.length).toBeLessThan(pretendardSlices().length);
    expect(plan.css).toContain('font-display:swap');
    expect(plan.css).toMatch(/unicode-range:[^}]*U\+c18c/); // 소
    expect(plan.dropped).toEqual([]);
  });
  it('drops the least used slices past the size cap', () => {
    let all = '';
    for (let c = 0xac00; c < 0xd7a4; c += 3) all += String.fromCodePoint(c);
    const plan = planFont(`${all}가가가가`, pretendardSlices(), 6000);
    expect(plan.css.length).toBeLessThanOrEqual(6000);
    expect(plan.dropped.length).toBeGreaterThan(0);
  });
});

describe('excerptOf', () => {
  const excerpt = (md: string) => excerptOf(parseNote(md, 'n.md').tree);
  it('takes the first prose paragraph, skipping TOC labels and link lists', () => {
    expect(excerpt('# 제목\n\n**Table of Contents**\n- [a](#a)\n\n## a\n본문 **첫** 문단\n줄바꿈.\n')).toBe('본문 첫 문단 줄바꿈.');
    expect(excerpt('# 제목\n\n[링크](x.md)\n\n> 인용\n\n둘째\n')).toBe('둘째');
    expect(excerpt('# 제목만\n')).toBeUndefined();
  });
  it('clips long text at a word', () => {
    const long = '가나다 '.repeat(60).trim();
    const out = clip(long, 20);
    expect(out.endsWith('…')).toBe(true);
    expect([...out].length).toBeLessThanOrEqual(21);
  });
});

describe('resolveRepository', () => {
  it('prefers the configured URL, then REPOSITORY_URL, then GitHub Actions', () => {
    expect(resolveRepository('https://github.com/a/b.git/', {})).toBe('https://github.com/a/b');
    expect(resolveRepository('', { REPOSITORY_URL: 'https://gitlab.com/x/y' })).toBe('https://gitlab.com/x/y');
    expect(resolveRepository('', { GITHUB_REPOSITORY: 'o/r', GITHUB_SERVER_URL: 'https://github.com' })).toBe('https://github.com/o/r');
    expect(resolveRepository('', {})).toBeUndefined();
    expect(() => resolveRepository('git@github.com:a/b', {})).toThrow(/http/);
  });
});
