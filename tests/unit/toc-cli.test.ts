// `npm run toc`, run for real (a subprocess through npm) on temporary copies of
// tests/fixtures/toc-cli: exact bytes in LF and CRLF, with and without BOM; `--check` exits 1
// before and 0 after; a second run is a no-op; files without a TOC, or with a current one, keep
// their modification time; notes that cannot be parsed are reported and never written.

import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = path.join(ROOT, 'tests/fixtures/toc-cli');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function npmRun(script: 'toc' | 'check', contentDir: string, args: string[] = []): Run {
  const result = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, NOTES_CONTENT_DIR: contentDir, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'notes-toc-cli-'));
  temps.push(dir);
  return dir;
}

type Variant = { name: string; folder: string; transform: (text: string) => string };
const VARIANTS: Variant[] = [
  { name: 'LF', folder: 'lf', transform: (t) => t },
  { name: 'CRLF', folder: 'crlf', transform: (t) => t.replaceAll('\n', '\r\n') },
  { name: 'LF with BOM', folder: 'lf-bom', transform: (t) => `\uFEFF${t}` },
  { name: 'CRLF with BOM', folder: 'crlf-bom', transform: (t) => `\uFEFF${t.replaceAll('\n', '\r\n')}` },
];

const STALE = ['stale.md', 'stale-mdx.mdx'];
const UNCHANGED = ['fresh.md', 'no-toc.md'];

/** The input notes in every line-ending/BOM variant (one folder each) of a fresh content directory. */
function prepare(variants: readonly Variant[] = VARIANTS): { dir: string; mtimes: Map<string, number> } {
  const dir = tempDir();
  const mtimes = new Map<string, number>();
  const past = new Date('2024-01-02T03:04:05Z');
  for (const variant of variants) {
    mkdirSync(path.join(dir, variant.folder));
    for (const name of readdirSync(path.join(FIXTURES, 'input'))) {
      const file = path.join(dir, variant.folder, name);
      writeFileSync(file, variant.transform(readFileSync(path.join(FIXTURES, 'input', name), 'utf8')));
      utimesSync(file, past, past);
      mtimes.set(`${variant.folder}/${name}`, statSync(file).mtimeMs);
    }
  }
  return { dir, mtimes };
}

function expected(name: string, variant: Variant): Buffer {
  return Buffer.from(variant.transform(readFileSync(path.join(FIXTURES, 'expected', name), 'utf8')), 'utf8');
}

function mtimesOf(dir: string): Map<string, number> {
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => {
        const file = path.join(d.parentPath, d.name);
        return [path.relative(dir, file), statSync(file).mtimeMs];
      }),
  );
}

describe('npm run toc', () => {
  it('fixes stale TOCs to exactly the expected bytes (LF, CRLF, with and without BOM); --check exits 1 before and 0 after; a second run is a no-op', () => {
    const { dir, mtimes } = prepare();
    const shown = dir.replace(/^\//, '');

    const before = npmRun('toc', dir, ['--check']);
    expect(before.status, before.stderr).toBe(1);
    for (const variant of VARIANTS) {
      for (const name of STALE) {
        expect(before.stdout).toContain(`--- a/${shown}/${variant.folder}/${name}`);
        expect(before.stdout).toContain(`+++ b/${shown}/${variant.folder}/${name}`);
      }
    }
    expect(before.stdout).toContain('+  - [셀프 어텐션 (Self-Attention)](#셀프-어텐션-self-attention)');
    expect(before.stdout).toContain('-- [옛 제목](#옛-제목)');
    expect(before.stdout).toContain('+- [셋](#셋)');
    expect(before.stdout).not.toMatch(/fresh\.md|no-toc\.md|\r/);
    expect(before.stdout).toContain('8 stale TOC(s) in 16 note(s), 12 with a TOC');
    // --check wrote nothing.
    expect(mtimesOf(dir)).toEqual(mtimes);

    const run = npmRun('toc', dir);
    expect(run.status, run.stderr).toBe(0);
    for (const variant of VARIANTS) {
      for (const name of STALE) {
        expect(run.stdout).toContain(`updated ${dir}/${variant.folder}/${name}`);
        const bytes = readFileSync(path.join(dir, variant.folder, name));
        expect(bytes.equals(expected(name, variant)), `${variant.name}: ${name}`).toBe(true);
      }
    }
    expect(run.stdout).toContain('8 note(s) updated');
    const afterRun = mtimesOf(dir);
    for (const variant of VARIANTS) {
      for (const name of UNCHANGED) {
        const key = `${variant.folder}/${name}`;
        expect(afterRun.get(key), `${key} was written`).toBe(mtimes.get(key));
      }
    }
    // Nothing but the notes: no temporary file left behind.
    expect([...afterRun.keys()].sort()).toEqual([...mtimes.keys()].sort());

    const after = npmRun('toc', dir, ['--check']);
    expect(after.status, after.stdout + after.stderr).toBe(0);
    expect(after.stdout).toContain('all TOCs are up to date (16 note(s), 12 with a TOC)');

    const again = npmRun('toc', dir);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('nothing to update');
    expect(mtimesOf(dir)).toEqual(afterRun);
  });

  it("repairs notes in their author's style (tests/fixtures/toc-style: settings beside them, or the TOC block's own), and reports none once current", () => {
    const styles = path.join(ROOT, 'tests/fixtures/toc-style');
    const root = tempDir();
    mkdirSync(path.join(root, '.git')); // the repository root: the settings lookup stops here
    mkdirSync(path.join(root, 'content'));
    const cases = readdirSync(styles, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    for (const name of cases) {
      mkdirSync(path.join(root, name));
      cpSync(path.join(styles, name, 'input.md'), path.join(root, name, 'note.md'));
      if (existsSync(path.join(styles, name, 'settings.json'))) {
        mkdirSync(path.join(root, name, '.vscode'));
        cpSync(path.join(styles, name, 'settings.json'), path.join(root, name, '.vscode', 'settings.json'));
      }
    }
    const folders = cases.map((name) => path.join(root, name));
    const content = path.join(root, 'content');

    const before = npmRun('toc', content, ['--check', ...folders]);
    expect(before.status, before.stderr).toBe(1);
    expect(before.stderr).toBe('');
    expect(before.stdout).toContain(`${cases.length} stale TOC(s) in ${cases.length} note(s), ${cases.length} with a TOC`);
    const run = npmRun('toc', content, folders);
    expect(run.status, run.stderr).toBe(0);
    for (const name of cases) {
      expect(readFileSync(path.join(root, name, 'note.md'), 'utf8'), name).toBe(readFileSync(path.join(styles, name, 'output.md'), 'utf8'));
    }
    const after = npmRun('toc', content, ['--check', ...folders]);
    expect(after.status, after.stdout + after.stderr).toBe(0);
    expect(after.stdout).toContain(`all TOCs are up to date (${cases.length} note(s), ${cases.length} with a TOC)`);
  });

  it('keeps the file mode and takes file arguments (only those notes)', () => {
    const { dir } = prepare([VARIANTS[0]!]);
    const stale = path.join(dir, 'lf/stale.md');
    chmodSync(stale, 0o640);
    const run = npmRun('toc', dir, [stale]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 note(s) updated (1 note(s), 1 with a TOC)');
    expect(statSync(stale).mode & 0o777).toBe(0o640);
    expect(readFileSync(stale).equals(expected('stale.md', VARIANTS[0]!))).toBe(true);
    // The other stale note was not given, so it is untouched.
    expect(readFileSync(path.join(dir, 'lf/stale-mdx.mdx'), 'utf8')).toBe(readFileSync(path.join(FIXTURES, 'input/stale-mdx.mdx'), 'utf8'));
  });

  it('reports notes it cannot parse with file and line, writes nothing, exits 1', () => {
    const dir = tempDir();
    cpSync(path.join(FIXTURES, 'bad'), dir, { recursive: true });
    const bytes = new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name))]));
    for (const args of [[], ['--check']]) {
      const run = npmRun('toc', dir, args);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`${dir}/01-yaml.md:3:1 error [invalid-frontmatter-yaml] invalid YAML frontmatter`);
      expect(run.stderr).toContain(`${dir}/02-mdx.mdx:7:2 error [mdx-syntax] MDX syntax error`);
      expect(run.stderr).toContain('{/* … */}');
      expect(run.stdout).toContain('2 could not be read and were left as they are');
      for (const [name, content] of bytes) expect(readFileSync(path.join(dir, name)).equals(content), name).toBe(true);
    }
  });

  it('reports a file that is not UTF-8 and leaves it alone', () => {
    const dir = tempDir();
    const file = path.join(dir, 'latin1.md');
    const bytes = Buffer.from('# Notes <!-- omit in toc -->\n\n- [x](#x)\n\n## caf\xe9\n', 'latin1');
    writeFileSync(file, bytes);
    const run = npmRun('toc', dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${dir}/latin1.md:5 error [invalid-utf8] the file is not valid UTF-8`);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
