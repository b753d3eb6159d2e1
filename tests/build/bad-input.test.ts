// Each bad input is its own small fixture site: the build must fail and name the file.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite, cleanup, prepareSite, type BuildResult } from './build-site.ts';

async function failingBuild(name: string, extra?: (content: string) => void, env?: Record<string, string>): Promise<BuildResult> {
  const { workDir, content } = prepareSite(name);
  extra?.(content);
  const result = await buildSite(workDir, env ? { env } : {});
  cleanup(workDir);
  expect(result.ok, result.output).toBe(false);
  return result;
}

describe('bad input fails the build naming the file', { timeout: 480_000 }, () => {
  it('invalid YAML frontmatter: file and line', async () => {
    const { output } = await failingBuild('bad-yaml');
    // The unclosed quote runs to the end of the frontmatter: js-yaml stops at the closing ---.
    expect(output).toMatch(
      /content\/02-깨진-앞머리\.md:4:1 error \[invalid-frontmatter-yaml\] invalid YAML frontmatter: unexpected end of the stream within a double quoted scalar \(the frontmatter is lines 1-4\)/,
    );
  });

  it('a misspelt frontmatter key: a warning with file, line and the likely intended key; strict mode fails on it', async () => {
    const { output } = await failingBuild('bad-key', undefined, { NOTES_STRICT: '1' });
    expect(output).toMatch(/content\/02-오타\.md:3 warning \[unknown-frontmatter-key\] unknown frontmatter key "darft" \(did you mean "draft"\?\)/);
    expect(output).toContain('strict mode: NOTES_STRICT=1');
  });

  it('a file that is not valid UTF-8: file and line', async () => {
    const { output } = await failingBuild('bad-utf8', (content) => {
      // "# café" in Latin-1, then more text: é is the byte 0xE9, not UTF-8.
      writeFileSync(path.join(content, '02-latin1.md'), Buffer.from('\n# caf\xe9\n\ntext\n', 'latin1'));
    });
    expect(output).toMatch(/content\/02-latin1\.md:2 error \[invalid-utf8\] the file is not valid UTF-8/);
  });

  it('two files with one URL: both files named', async () => {
    const { output } = await failingBuild('duplicate-url');
    expect(output).toMatch(/error \[duplicate-url\] two notes map to the same URL "\/같은-주소\/"/);
    expect(output).toContain('content/02-같은-주소.md and ');
    expect(output).toMatch(/content\/02-같은-주소\.md and \S*content\/03-같은-주소\.md/);
    // The error is the file that sorts second, as in `npm run check`, whichever the loader read first.
    expect(output).toMatch(/content\/03-같은-주소\.md error \[duplicate-url\]/);
    expect(output).not.toMatch(/content\/02-같은-주소\.md error \[duplicate-url\]/);
  });

  it('a file name that slugs to nothing: file and a rename hint', async () => {
    const { output } = await failingBuild('empty-url');
    expect(output).toMatch(/content\/02-!!!\.md error \[empty-url-segment\] the file name "02-!!!\.md" gives an empty URL segment/);
    expect(output).toMatch(/hint: rename it/);
  });

  it('an MDX syntax error: file and line', async () => {
    const { output } = await failingBuild('mdx-syntax');
    expect(output).toMatch(/02-깨진\.mdx:\d+:\d+/);
    expect(output).toMatch(/closing brace/);
  });

  it('an HTML comment in MDX: file, line and the {/* */} hint', async () => {
    const { output } = await failingBuild('mdx-html-comment');
    expect(output).toMatch(/02-주석\.mdx:1:\d+/);
    expect(output).toContain('{/* text */}');
  });
});
