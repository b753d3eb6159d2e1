// The deploy and test workflows are valid against the GitHub Actions workflow schema
// (@action-validator/core, the schema from SchemaStore compiled to WebAssembly; offline) and do
// what issues 4 and 16 ask: publish every push, test first unless the push changes only notes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../build/build-site.ts';

const require = createRequire(import.meta.url);
const { validateWorkflow } = require('@action-validator/core') as typeof import('@action-validator/core');

const FILE = path.join(ROOT, '.github/workflows/deploy.yml');
const text = readFileSync(FILE, 'utf8');
const tests = readFileSync(path.join(ROOT, '.github/workflows/tests.yml'), 'utf8');

/** Whether the `regexes` match `text` in this order. */
function inOrder(source: string, regexes: RegExp[]): void {
  let from = 0;
  for (const step of regexes) {
    const match = step.exec(source.slice(from));
    expect(match, String(step)).not.toBeNull();
    from += match!.index + match![0].length;
  }
}

describe('.github/workflows/deploy.yml', () => {
  it('is valid against the GitHub Actions workflow schema, and so is tests.yml', () => {
    expect(validateWorkflow(text).errors).toEqual([]);
    expect(validateWorkflow(tests).errors).toEqual([]);
  });

  it('the validator does reject a broken workflow (it really checks)', () => {
    const broken = text.replace('cancel-in-progress: false', 'cancel-in-progress: maybe').replace(/runs-on: ubuntu-latest/g, 'runs_on: ubuntu-latest');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it('runs on pushes to the default branch and by hand, one deployment at a time, with least permissions', () => {
    expect(text).toMatch(/^on:\n  push:\n    branches: \[main\]\n  workflow_dispatch:\n/m);
    expect(text).toMatch(/^permissions:\n  contents: read\n  pages: write\n  id-token: write\n/m);
    expect(text).toMatch(/^concurrency:\n  group: pages\n  cancel-in-progress: false\n/m);
  });

  it('builds with the official actions in order: checkout (full history), setup-node (.nvmrc), npm ci, build, upload, deploy', () => {
    const build = text.slice(text.indexOf('\n  build:\n'));
    inOrder(build, [
      /uses: actions\/checkout@v\d+\n\s+with:\n\s+fetch-depth: 0/,
      /uses: actions\/setup-node@v\d+\n\s+with:\n\s+node-version-file: \.nvmrc/,
      /run: npm ci/,
      /uses: actions\/cache@v\d+\n\s+with:\n\s+path: \|\n\s+node_modules\/\.astro\n\s+node_modules\/\.cache\/notes-fonts\n/,
      /uses: actions\/configure-pages@v\d+/,
      /run: npm run build/,
      /uses: actions\/upload-pages-artifact@v\d+\n\s+with:\n\s+path: dist/,
      /uses: actions\/deploy-pages@v\d+/,
    ]);
    expect(readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim()).toMatch(/^24/);
  });

  it('runs every test before publishing a push that changes code, and only then', () => {
    expect(text).toMatch(/  test:\n    needs: changes\n    if: needs\.changes\.outputs\.code == 'true'\n    uses: \.\/\.github\/workflows\/tests\.yml\n/);
    expect(text).toMatch(/  build:\n    needs: \[changes, test\]\n/);
    expect(text).toContain("(needs.test.result == 'success' || needs.test.result == 'skipped')");
    inOrder(tests, [
      /uses: actions\/checkout@v\d+\n\s+with:\n\s+fetch-depth: 0/,
      /uses: actions\/setup-node@v\d+\n\s+with:\n\s+node-version-file: \.nvmrc/,
      /run: npm ci/,
      /run: bash scripts\/ensure-chromium\.sh --require/,
      /run: npm test/,
    ]);
    expect(tests).toMatch(/^on:\n  pull_request:\n    paths-ignore:\n      - 'content\/\*\*'\n      - 'public\/\*\*'\n  workflow_call:\n/m);
    expect(tests).toMatch(/NOTES_REQUIRE_BROWSER: '1'/);
  });

  it("decides 'code' from the files the push changes (the step's own script, run in a git repository)", () => {
    const block = /id: diff\n[\s\S]*?run: \|\n((?:          .*\n|\n)+)/.exec(text);
    expect(block).not.toBeNull();
    const dir = mkdtempSync(path.join(tmpdir(), 'notes-deploy-'));
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
      git('init', '-q');
      git('config', 'user.email', 'ci@example.com');
      git('config', 'user.name', 'ci');
      const commit = (file: string) => {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), `${file} ${Math.random()}\n`);
        git('add', '-A');
        git('commit', '-qm', file);
        return git('rev-parse', 'HEAD');
      };
      const decide = (event: string, before: string, sha: string) => {
        const output = path.join(dir, '.output');
        writeFileSync(output, '');
        const script = block![1]!.replace(/^ {10}/gm, '').replaceAll('${{ github.event_name }}', event);
        // As GitHub runs a `run:` block: bash -e -o pipefail.
        execFileSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', script], { cwd: dir, env: { ...process.env, BEFORE: before, GITHUB_SHA: sha, GITHUB_OUTPUT: output } });
        return readFileSync(output, 'utf8').trim();
      };
      const first = commit('src/a.ts');
      const note = commit('content/01-노트.md');
      const image = commit('public/그림.png');
      const code = commit('src/b.ts');
      expect(decide('push', first, note)).toBe('code=false');
      expect(decide('push', first, image)).toBe('code=false');
      expect(decide('push', image, code)).toBe('code=true');
      expect(decide('push', first, code)).toBe('code=true');
      expect(decide('push', '0000000000000000000000000000000000000000', note)).toBe('code=true');
      expect(decide('workflow_dispatch', first, note)).toBe('code=true');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("restores Astro's content store and the cut font files from the last deploy, keyed on the lockfile, never saved from a failed build", () => {
    const step = /uses: actions\/cache@v\d+\n((?:\s{8,}.*\n)+)/.exec(text);
    expect(step).not.toBeNull();
    expect(step![1]).toMatch(/key: notes-build-\$\{\{ runner\.os \}\}-\$\{\{ hashFiles\('package-lock\.json'\) \}\}-\$\{\{ github\.sha \}\}\n/);
    expect(step![1]).toMatch(/restore-keys: \|\n\s+notes-build-\$\{\{ runner\.os \}\}-\$\{\{ hashFiles\('package-lock\.json'\) \}\}-\n/);
    // The build's cache folder is Astro's default one: no cacheDir setting moves it in CI.
    expect(text).not.toMatch(/NOTES_CACHE_DIR/);
  });

  it('builds strictly, for the address Pages reports', () => {
    expect(text).toMatch(/NOTES_STRICT: '1'/);
    expect(text).toMatch(/SITE_URL: \$\{\{ steps\.pages\.outputs\.origin \}\}/);
    expect(text).toMatch(/BASE_PATH: \$\{\{ steps\.pages\.outputs\.base_path \}\}/);
    expect(text).toMatch(/environment:\n\s+name: github-pages\n\s+url: \$\{\{ steps\.deployment\.outputs\.page_url \}\}/);
  });
});
