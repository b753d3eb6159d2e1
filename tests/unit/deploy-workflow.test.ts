// The deploy workflow is valid against the GitHub Actions workflow schema (@action-validator/core,
// the schema from SchemaStore compiled to WebAssembly; offline) and does what issue 4 asks.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../build/build-site.ts';

const require = createRequire(import.meta.url);
const { validateWorkflow } = require('@action-validator/core') as typeof import('@action-validator/core');

const FILE = path.join(ROOT, '.github/workflows/deploy.yml');
const text = readFileSync(FILE, 'utf8');

describe('.github/workflows/deploy.yml', () => {
  it('is valid against the GitHub Actions workflow schema', () => {
    const result = validateWorkflow(text);
    expect(result.errors).toEqual([]);
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

  it('uses the official actions in order: checkout (full history), setup-node (.nvmrc), npm ci, tests, build, upload, deploy', () => {
    const steps = [
      /uses: actions\/checkout@v\d+\n\s+with:\n\s+fetch-depth: 0/,
      /uses: actions\/setup-node@v\d+\n\s+with:\n\s+node-version-file: \.nvmrc/,
      /run: npm ci/,
      /run: npm test/,
      /uses: actions\/configure-pages@v\d+/,
      /run: npm run build/,
      /uses: actions\/upload-pages-artifact@v\d+\n\s+with:\n\s+path: dist/,
      /uses: actions\/deploy-pages@v\d+/,
    ];
    let from = 0;
    for (const step of steps) {
      const match = step.exec(text.slice(from));
      expect(match, String(step)).not.toBeNull();
      from += match!.index + match![0].length;
    }
    expect(readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim()).toMatch(/^24/);
  });

  it('builds strictly, with a browser for the tests, for the address Pages reports', () => {
    expect(text).toMatch(/NOTES_STRICT: '1'/);
    expect(text).toMatch(/NOTES_REQUIRE_BROWSER: '1'/);
    expect(text).toMatch(/SITE_URL: \$\{\{ steps\.pages\.outputs\.origin \}\}/);
    expect(text).toMatch(/BASE_PATH: \$\{\{ steps\.pages\.outputs\.base_path \}\}/);
    expect(text).toMatch(/environment:\n\s+name: github-pages\n\s+url: \$\{\{ steps\.deployment\.outputs\.page_url \}\}/);
  });
});
