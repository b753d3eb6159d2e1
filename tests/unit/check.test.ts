// `npm run check`'s core (src/commands/check.ts) over the project's own notes and the bad-input
// fixture sites, in this process; and the CLI itself once over content/ and once over a bad site.
// That the build prints the same messages is tests/build/check-parity.test.ts.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { afterAll, describe, expect, it } from 'vitest';
import { checkNotes, checkNotesInParallel } from '../../src/commands/check.ts';
import { formatDiagnostic, type Diagnostic } from '../../src/core/diagnostics.ts';
import { trimmedStart } from '../../src/markdown/report.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SITES = path.join(ROOT, 'tests/fixtures/sites');
const site = (name: string) => path.join(SITES, name, 'content');
const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.file.split('/').pop()}:${d.line ?? ''} ${d.severity} ${d.code}`);

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('checkNotes', () => {
  it("passes the project's own content/", async () => {
    const result = await checkNotes(path.join(ROOT, 'content'), { root: ROOT });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(result.files).toBeGreaterThan(0);
  });

  it('passes the good fixture site (CRLF, BOM, empty note, MDX, drafts, slugs)', async () => {
    const result = await checkNotes(site('good'), { root: ROOT });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  const cases: Array<[string, string[]]> = [
    ['bad-key', ['02-오타.md:3 warning unknown-frontmatter-key']],
    // Other tools' frontmatter (issue 13): nothing to report.
    ['foreign-frontmatter', []],
    ['bad-yaml', ['02-깨진-앞머리.md:4 error invalid-frontmatter-yaml']],
    ['duplicate-url', ['03-같은-주소.md: error duplicate-url']],
    ['empty-url', ['02-!!!.md: error empty-url-segment']],
    ['mdx-syntax', ['02-깨진.mdx:6 error mdx-syntax']],
    ['mdx-html-comment', ['02-주석.mdx:1 error mdx-syntax']],
    [
      'check-warnings',
      [
        '01-경고-모음.md:8 warning stale-toc',
        '01-경고-모음.md:13 warning broken-fragment',
        '01-경고-모음.md:15 warning omit-lookalike',
        '01-경고-모음.md:17 warning empty-slug',
        '02-mdx-노트.mdx:4 warning stale-toc',
      ],
    ],
    [
      'github-parity-bad',
      [
        '01-잘못된-문법.md:3 warning math-unbalanced',
        '01-잘못된-문법.md:5 warning math-error',
        '01-잘못된-문법.md:7 warning unknown-alert',
        '01-잘못된-문법.md:15 warning unknown-emoji',
      ],
    ],
  ];
  for (const [name, expected] of cases) {
    it(`reports the ${name} fixture site`, async () => {
      const { diagnostics } = await checkNotes(site(name), { root: ROOT });
      expect(brief(diagnostics)).toEqual(expected);
      for (const d of diagnostics) expect(d.file).toMatch(new RegExp(`^tests/fixtures/sites/${name}/content/`));
    });
  }

  it('names the file and line of a note that is not UTF-8', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'notes-check-'));
    temps.push(dir);
    cpSync(site('bad-utf8'), dir, { recursive: true });
    writeFileSync(path.join(dir, '02-latin1.md'), Buffer.from('\n# caf\xe9\n\ntext\n', 'latin1'));
    const { diagnostics } = await checkNotes(dir, { root: ROOT });
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `${dir}/02-latin1.md:2 error [invalid-utf8] the file is not valid UTF-8\n  hint: save it as UTF-8 (in VS Code: "Save with Encoding" → UTF-8)`,
    ]);
  });

  it('gives an HTML comment in MDX the {/* */} hint', async () => {
    const { diagnostics } = await checkNotes(site('mdx-html-comment'), { root: ROOT });
    expect(diagnostics[0]?.hint).toContain('{/* … */}');
    expect(diagnostics[0]?.column).toBe(11);
  });

  it('reports only the files asked for, but still finds their URL clashes', async () => {
    const dir = site('duplicate-url');
    const only = await checkNotes(dir, { root: ROOT, files: [path.join(dir, '03-같은-주소.md')] });
    expect(brief(only.diagnostics)).toEqual(['03-같은-주소.md: error duplicate-url']);
    expect(only.files).toBe(1);
    const warnings = site('check-warnings');
    const one = await checkNotes(warnings, { root: ROOT, files: [path.join(warnings, '02-mdx-노트.mdx')] });
    expect(brief(one.diagnostics)).toEqual(['02-mdx-노트.mdx:4 warning stale-toc']);
  });

  it('gives the same result with a worker thread as without', async () => {
    const serial = await checkNotes(site('check-warnings'), { root: ROOT });
    const parallel = await checkNotesInParallel(site('check-warnings'), { root: ROOT, workers: 1 });
    expect(parallel).toEqual(serial);
  });
});

describe('trimmedStart (lines the build cuts off before rendering a .md note)', () => {
  it('is nothing when the plugins see the whole file (check, MDX)', () => {
    const file = new VFile({ path: path.join(site('check-warnings'), '01-경고-모음.md'), value: 'whatever' });
    expect(trimmedStart(file)).toEqual({ lines: 0, columns: 0 });
  });

  it("counts the frontmatter and blank lines Astro's loader trims away", () => {
    const note = path.join(site('check-warnings'), '01-경고-모음.md');
    // Lines 1-4 are the frontmatter, 5 is blank: the loader renders from line 6 on, trimmed.
    const body = readFileSync(note, 'utf8').split('\n').slice(5).join('\n').trim();
    expect(trimmedStart(new VFile({ path: note, value: body }))).toEqual({ lines: 5, columns: 0 });
  });
});

describe('npm run check (the CLI)', () => {
  const run = (contentDir: string, ...args: string[]) =>
    spawnSync('npm', ['run', '--silent', 'check', ...(args.length ? ['--', ...args] : [])], {
      cwd: ROOT,
      env: { ...process.env, NOTES_CONTENT_DIR: contentDir, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it("exits 0 over the project's own content/", () => {
    const result = run('content');
    expect(result.stdout, result.stderr).toMatch(/^ok: \d+ note\(s\) in content checked, 0 error\(s\), 0 warning\(s\)/m);
    expect(result.status).toBe(0);
  });

  it('prints the formatted diagnostics and a summary, and exits 1', () => {
    const result = run('tests/fixtures/sites/check-warnings/content');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      'tests/fixtures/sites/check-warnings/content/01-경고-모음.md:13:1 warning [broken-fragment] link #없는-절 matches no heading on this page\n  hint: check the heading it should point to\n',
    );
    expect(result.stdout).toMatch(/^problems: 2 note\(s\) in tests\/fixtures\/sites\/check-warnings\/content checked, 0 error\(s\), 5 warning\(s\) \(\d+ ms(, 2 unchanged, results reused)?\)$/m);
    // The second run reuses the first one's results (src/commands/check-cache.ts) and prints the same.
    const again = run('tests/fixtures/sites/check-warnings/content');
    expect(again.stdout.replace(/\(\d+ ms.*\)$/m, '')).toBe(result.stdout.replace(/\(\d+ ms.*\)$/m, ''));
    expect(again.stdout).toMatch(/\(\d+ ms, 2 unchanged, results reused\)$/m);
    expect(again.status).toBe(1);
  });

  it('--verbose lists the frontmatter keys kept out of the way, and still exits 0 (issue 13)', () => {
    const result = run('tests/fixtures/sites/foreign-frontmatter/content', '--verbose');
    expect(result.stdout).toContain('tests/fixtures/sites/foreign-frontmatter/content/jekyll/2024-01-15-transformer.md:2 ignored frontmatter key "layout" (no meaning on this site)\n');
    expect(result.stdout).toMatch(/^ok: 9 note\(s\) in tests\/fixtures\/sites\/foreign-frontmatter\/content checked, 0 error\(s\), 0 warning\(s\)/m);
    expect(result.status).toBe(0);
    expect(run('tests/fixtures/sites/foreign-frontmatter/content').stdout).not.toContain('ignored frontmatter key');
  });
});
