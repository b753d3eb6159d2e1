// `npm run toc`'s core: each folder in tests/fixtures/toc-rewrite holds an input note and, when
// the note must change, the exact bytes it must become. No output file: the note is unchanged.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewriteTocs } from '../../src/syntax/toc-rewrite.ts';

const root = path.join(import.meta.dirname, '../fixtures/toc-rewrite');
const seed = readFileSync(path.join(import.meta.dirname, '../fixtures/spec/seed-note.md'), 'utf8');

describe('rewriteTocs', () => {
  for (const name of readdirSync(root).sort()) {
    const dir = path.join(root, name);
    const ext = existsSync(path.join(dir, 'input.mdx')) ? '.mdx' : '.md';
    const input = readFileSync(path.join(dir, `input${ext}`), 'utf8');
    const outputFile = path.join(dir, `output${ext}`);
    const expected = existsSync(outputFile) ? readFileSync(outputFile, 'utf8') : input;
    it(`${name}: rewrites to the expected bytes`, () => {
      const result = rewriteTocs(input, `content/${name}${ext}`);
      expect(result.output).toBe(expected);
      expect(result.changed).toBe(expected !== input);
    });
    it(`${name}: a second run changes nothing`, () => {
      const once = rewriteTocs(input, `content/${name}${ext}`).output;
      const twice = rewriteTocs(once, `content/${name}${ext}`);
      expect(twice.changed).toBe(false);
      expect(twice.output).toBe(once);
    });
  }

  it('leaves the seed note byte for byte (its TOC is what MAIO writes)', () => {
    const result = rewriteTocs(seed, 'content/01-llm-소개.md');
    expect(result.blocks).toEqual([{ startLine: 5, endLine: 16, stale: false }]);
    expect(result.output).toBe(seed);
  });

  it('rewrites a stale seed to exactly its authored TOC', () => {
    const authored = seed.split('\n').slice(4, 16).join('\n');
    const broken = seed.replace('  - [도메인 특화 LLM](#도메인-특화-llm)\n', '').replace('(#챗봇)', '(#채팅봇)');
    const result = rewriteTocs(broken, 'content/01-llm-소개.md');
    expect(result.output).toBe(seed);
    expect(result.output.split('\n').slice(4, 16).join('\n')).toBe(authored);
  });
});
