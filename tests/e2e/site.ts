/**
 * The built site the browser tests run against: `const { dist, base } = await e2eSite()`.
 *
 * Builds tests/fixtures/sites/e2e (plus the project's seed note, content/01-llm-소개.md, byte for
 * byte) once per test run and per variant: the first call builds, later calls (in any test file
 * of the run) get the same dist. Variants: `e2eSite({ base: '/some-repo/' })` builds with
 * BASE_PATH; `env` adds build environment variables (part of the cache key). Serve the result
 * with serveDir(dist, { base }).
 *
 * The cache lives in the folder the e2e project's globalSetup provides (tests/e2e/global-setup.ts);
 * a lock file keeps two callers from building the same variant at once.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { buildSite, prepareSite, ROOT } from '../build/build-site.ts';

export interface E2eSiteOptions {
  /** BASE_PATH for the build ('/some-repo/'); default: the root. */
  base?: string;
  /** More build environment variables. */
  env?: Record<string, string>;
  /** Fixture under tests/fixtures/sites (default 'e2e'). */
  fixture?: string;
}

export interface E2eSite {
  /** The built site's folder (serve it with serveDir(dist, { base })). */
  dist: string;
  /** The base path it was built for, always ending in '/'. */
  base: string;
  /** Build output (for diagnostics). */
  output: string;
}

export const SEED_NOTE = '01-llm-소개.md';
/** The seed note's page, below the base. */
export const SEED_PAGE = 'llm-소개/';

function sitesDir(): string {
  try {
    return inject('e2eSitesDir');
  } catch {
    // Outside the e2e project (no globalSetup): a per-process folder.
    const dir = path.join(tmpdir(), `notes-e2e-sites-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
}

async function withLock<T>(lock: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (Date.now() - started > 480_000) throw new Error(`e2eSite: timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await run();
  } finally {
    await rmdir(lock).catch(() => undefined);
  }
}

export async function e2eSite(options: E2eSiteOptions = {}): Promise<E2eSite> {
  const base = options.base ? `/${options.base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/') : '/';
  const fixture = options.fixture ?? 'e2e';
  // Built strictly: the e2e fixture must not give a single warning.
  const env = { NOTES_STRICT: '1', ...options.env, ...(options.base !== undefined ? { BASE_PATH: base } : {}) };
  const key = createHash('sha256').update(JSON.stringify({ fixture, env: Object.entries(env).sort() })).digest('hex').slice(0, 12);
  const home = sitesDir();
  const record = path.join(home, `${key}.json`);
  return withLock(path.join(home, `${key}.lock`), async () => {
    if (existsSync(record)) return JSON.parse(readFileSync(record, 'utf8')) as E2eSite;
    const { workDir, content } = prepareSite(fixture);
    copyFileSync(path.join(ROOT, 'content', SEED_NOTE), path.join(content, SEED_NOTE));
    const result = await buildSite(workDir, { env, timeoutMs: 170_000 });
    if (!result.ok) throw new Error(`e2eSite: the ${fixture} site did not build:\n${result.output}`);
    // Keep only dist/, under the run's folder (removed by the globalSetup's teardown).
    const dist = path.join(home, key);
    rmSync(dist, { recursive: true, force: true });
    try {
      renameSync(result.dist, dist);
    } catch {
      cpSync(result.dist, dist, { recursive: true });
    }
    rmSync(workDir, { recursive: true, force: true });
    const site: E2eSite = { dist, base, output: result.output };
    writeFileSync(record, JSON.stringify(site));
    return site;
  });
}
