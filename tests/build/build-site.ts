// Builds the site from a fixture content directory into a temporary output directory.
// Every build runs Astro on the project's pinned Node (node_modules/.bin/node, major 24), with:
//   NOTES_CONTENT_DIR  the notes to build (read by src/core/project.ts)
//   --outDir           where the pages go (Astro's own CLI flag)
//   NOTES_CACHE_DIR    Astro's cache (content data store), per build so builds never share notes
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCommand } from '../../scripts/build-command.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NODE = path.join(ROOT, 'node_modules/.bin/node');
export const ASTRO = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');
export const FLOCK = '/usr/bin/flock';
export const BUILD_LOCK = path.join(tmpdir(), 'notes-site-astro-build.lock');
/** What a build prints once it holds BUILD_LOCK. */
const LOCKED = '[notes-build-lock] held';
export const SITES = path.join(ROOT, 'tests/fixtures/sites');

export interface BuildResult {
  ok: boolean;
  exitCode: number | null;
  /** stdout and stderr, colours removed. */
  output: string;
  /** The output directory (exists only when the build got that far). */
  dist: string;
  /** The temporary directory holding content/, dist/ and cache/. */
  workDir: string;
}

/**
 * Copy a fixture site (tests/fixtures/sites/<name>/content, or nothing when `name` is undefined)
 * into a fresh temporary directory, so tests can add files (NFD names, invalid bytes) without
 * touching the repository. Returns the work directory; its content is at `<workDir>/content`.
 */
export function prepareSite(name?: string): { workDir: string; content: string } {
  const workDir = mkdtempSync(path.join(tmpdir(), `notes-site-${name ?? 'empty'}-`));
  const content = path.join(workDir, 'content');
  if (name) cpSync(path.join(SITES, name, 'content'), content, { recursive: true });
  else mkdirSync(content, { recursive: true });
  return { workDir, content };
}

/** What vitest puts into process.env for its own import.meta.env. */
export const VITEST_ENV = ['NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'TEST'];

/** What src/core/site-address.ts reads; builds get only what a test passes in `env`. */
export const SITE_ENV = ['SITE_URL', 'BASE_PATH', 'GITHUB_REPOSITORY'];

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export function buildSite(
  workDir: string,
  options: { contentDir?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<BuildResult> {
  const dist = path.join(workDir, 'dist');
  const env: Record<string, string | undefined> = { ...process.env };
  // vitest sets NODE_ENV=test, MODE=test, DEV=1, PROD='' … in process.env; Astro would see them
  // (drafts would show up). A site build is a production build: drop them all.
  for (const key of VITEST_ENV) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  // Where the site is published (src/core/site-address.ts): at `/` unless the test says otherwise, also
  // when the tests run in GitHub Actions (GITHUB_REPOSITORY would give `/<repo>/`).
  for (const key of SITE_ENV) delete env[key];
  // Strict or not is each test's choice (CI exports NOTES_STRICT=1 for the whole run).
  delete env.NOTES_STRICT;
  Object.assign(env, {
    NOTES_CONTENT_DIR: options.contentDir ?? path.join(workDir, 'content'),
    NOTES_CACHE_DIR: path.join(workDir, 'cache'),
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    ...options.env,
  });
  return new Promise((resolve, reject) => {
    // Every build writes the project's one `.astro/` folder: builds started by separate test runs
    // at the same time must take turns, or one site picks up another's MDX modules. The timeout
    // counts from when this build has the lock (LOCKED on stderr), not from the wait for it.
    const command = [...buildCommand(ROOT, NODE), '--outDir', dist];
    const locked = existsSync(FLOCK);
    const [program, ...args] = locked ? [FLOCK, BUILD_LOCK, 'sh', '-c', `echo ${LOCKED} >&2; exec "$@"`, 'sh', ...command] : command;
    const child = spawn(program!, args, {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    let timer: NodeJS.Timeout | undefined;
    const startTimer = () => (timer ??= setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), options.timeoutMs ?? 110_000));
    if (!locked) startTimer();
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes(LOCKED)) {
        output = output.replace(`${LOCKED}\n`, '');
        startTimer();
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ ok: exitCode === 0, exitCode, output: output.replace(ANSI, ''), dist, workDir });
    });
  });
}

/** Read a built page; `page` is the URL path below the site root, e.g. `llm-소개/`. */
export function readPage(dist: string, page: string): string {
  const file = page.endsWith('/') || page === '' ? path.join(dist, page, 'index.html') : path.join(dist, page);
  return readFileSync(file, 'utf8');
}

export function pageExists(dist: string, page: string): boolean {
  return existsSync(path.join(dist, page, 'index.html'));
}

/** Every file below `dir`, relative, posix separators. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

/** Moves a build's dist/ aside as `dist-<tag>`, so the next build in the same folder does not overwrite it. */
export function keepDist(result: BuildResult, workDir: string, tag: string): BuildResult {
  const kept = path.join(workDir, `dist-${tag}`);
  rmSync(kept, { recursive: true, force: true });
  renameSync(result.dist, kept);
  return { ...result, dist: kept };
}

/** Files of two built sites that differ: one present in only one, or with other bytes. */
export function differingFiles(a: string, b: string): string[] {
  const inA = listFiles(a);
  const inB = new Set(listFiles(b));
  const onlyB = [...inB].filter((f) => !inA.includes(f)).map((f) => `${f} (only in ${b})`);
  const changed = inA.filter((f) => !inB.has(f) || !readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f))));
  return [...changed, ...onlyB];
}

/**
 * Every note diagnostic a build printed (`file:line severity [code] message`), sorted; with
 * `hints`, each followed by the hint line under it.
 */
export function diagnosticsOf(result: BuildResult, options: { hints?: boolean } = {}): string[] {
  const lines = result.output.split('\n');
  const found: string[] = [];
  lines.forEach((line, i) => {
    const m = /(\S+\.mdx?(?::\d+)*) (warning|error) \[([\w-]+)\] (.*)$/.exec(line);
    if (!m) return;
    const hint = lines[i + 1]?.trim();
    found.push(options.hints ? `${m[0]} ${hint?.startsWith('hint:') ? hint : ''}` : m[0]);
  });
  return found.sort();
}

/** The rendered note: the `<article class="note">…</article>` part of a page. */
export function articleOf(html: string): string {
  const match = /<article class="note"[^>]*>([\s\S]*?)<\/article>/.exec(html);
  if (!match) throw new Error('no <article class="note"> in the page');
  return match[1]!;
}

export function cleanup(workDir: string): void {
  if (!process.env.KEEP_BUILDS) rmSync(workDir, { recursive: true, force: true });
}
