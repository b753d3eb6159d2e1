// node scripts/dev-timing.ts [--n 300] [--edits 5] [--keep] [--starts cold,notes,warm] [--root DIR]
//
// How fast `npm run dev` is where an author feels it, on a temporary copy of the site with N
// generated notes (scripts/bench-notes.ts):
//   first page  from starting `astro dev` until a note page answers 200 with the note's text,
//               with every cache removed (cold) and again with the caches the first run left (warm)
//   edit        after the page was fetched once: a sentence appended to the note file until a
//               fetch of the page (every 25 ms) contains it
//   (starts: cold = every cache removed, notes = only the rendered notes removed, warm = all kept)
// An exploration tool (npm run bench has the benchmark's rows); prints what it measured and, with
// DEV_TIMING_LOG=file, the server's output with the time of each line since the start.
// --root DIR: the site's code from another checkout of the project (to compare two versions).
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchNote, writeBenchNotes } from './bench-notes.ts';
import { buildEnv, copySite, removeCaches, type SiteDirs } from './bench.ts';

/** copySite (bench.ts) from another checkout: its site files, links to its node_modules. */
function copySiteFrom(root: string, workDir: string): string {
  const site = path.join(workDir, 'site');
  mkdirSync(site, { recursive: true });
  for (const entry of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'site.config.ts', 'src', 'public', 'scripts']) {
    if (existsSync(path.join(root, entry))) cpSync(path.join(root, entry), path.join(site, entry), { recursive: true });
  }
  mkdirSync(path.join(site, 'node_modules'));
  for (const entry of readdirSync(path.join(root, 'node_modules'))) {
    if (!['.vite', '.astro', '.cache'].includes(entry)) symlinkSync(path.join(root, 'node_modules', entry), path.join(site, 'node_modules', entry));
  }
  return site;
}

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export interface DevRun {
  /** Start → the note page served with its text. */
  firstPageMs: number;
  /** Start → Astro printed its address. */
  listeningMs: number;
  /** Each edit → the page showed it. */
  editMs: number[];
  log: string;
}

interface Server {
  child: ChildProcess;
  started: number;
  log: () => string;
  url: () => string | undefined;
  stop: () => Promise<void>;
}

function startDev(dirs: SiteDirs, port: number): Server {
  const node = path.join(dirs.site, 'node_modules/.bin/node');
  const astro = path.join(dirs.site, 'node_modules/astro/bin/astro.mjs');
  const started = performance.now();
  const child = spawn(node, [astro, 'dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: dirs.site,
    env: buildEnv(dirs),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let url: string | undefined;
  const take = (chunk: Buffer) => {
    const at = ((performance.now() - started) / 1000).toFixed(3);
    const text = chunk.toString('utf8').replace(ANSI, '');
    log += text.split('\n').filter((l) => l.trim()).map((l) => `[${at}] ${l}\n`).join('');
    url ??= /Local\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(log)?.[1];
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const alive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  return {
    child,
    started,
    log: () => log,
    url: () => url,
    async stop() {
      if (!alive()) return;
      process.kill(-child.pid!, 'SIGTERM');
      for (let i = 0; i < 50 && alive(); i++) await sleep(100);
      if (alive()) process.kill(-child.pid!, 'SIGKILL');
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function fetchText(url: string): Promise<{ status: number; html: string } | undefined> {
  try {
    const response = await fetch(url);
    return { status: response.status, html: await response.text() };
  } catch {
    return undefined;
  }
}

async function until(what: string, check: () => Promise<boolean>, everyMs: number, timeoutMs: number, server: Server): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return;
    if (server.child.exitCode !== null) break;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}\n${server.log().slice(-4000)}`);
}

/** The page address of note 0 of the generated notes (its folder and file names without numbers). */
const NOTE_PAGE = '주제-1/노트-1/';

export async function devRun(dirs: SiteDirs, n: number, edits: number, port: number): Promise<DevRun> {
  const server = startDev(dirs, port);
  try {
    const note = benchNote(0, n);
    const topic = benchNote.title(0).topic;
    let listeningMs = 0;
    await until(
      'the first note page',
      async () => {
        const base = server.url();
        if (!base) return false;
        listeningMs ||= performance.now() - server.started;
        const page = await fetchText(new URL(encodeURI(NOTE_PAGE), base).href);
        return page?.status === 200 && page.html.includes(topic);
      },
      50,
      300_000,
      server,
    );
    const firstPageMs = performance.now() - server.started;
    const pageUrl = new URL(encodeURI(NOTE_PAGE), server.url()).href;
    const file = path.join(dirs.content, note.relPath);
    const editMs: number[] = [];
    for (let i = 0; i < edits; i++) {
      await sleep(1500);
      await fetchText(pageUrl);
      const mark = `편집 확인 문장 ${i}-${Date.now()}.`;
      const at = performance.now();
      appendFileSync(file, `\n${mark}\n`);
      await until('the edit on the page', async () => (await fetchText(pageUrl))?.html.includes(mark) ?? false, 25, 60_000, server);
      editMs.push(performance.now() - at);
      process.stderr.write(`  edit ${i} at ${((at - server.started) / 1000).toFixed(3)} s (log time), visible after ${Math.round(editMs.at(-1)!)} ms\n`);
    }
    return { firstPageMs, listeningMs, editMs, log: server.log() };
  } finally {
    await server.stop();
  }
}

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

async function main(): Promise<void> {
  const n = Number(argument('n', '300'));
  const edits = Number(argument('edits', '5'));
  const starts = argument('starts', 'cold,warm').split(',');
  const keep = process.argv.includes('--keep');
  const workDir = mkdtempSync(path.join(os.tmpdir(), `notes-dev-timing-${n}-`));
  const logFile = process.env.DEV_TIMING_LOG;
  if (logFile) writeFileSync(logFile, '');
  try {
    const root = argument('root', '');
    const site = root ? copySiteFrom(path.resolve(root), workDir) : copySite(workDir);
    const dirs: SiteDirs = { site, content: path.join(workDir, 'content'), dist: path.join(workDir, 'dist'), cache: path.join(workDir, 'cache') };
    mkdirSync(dirs.content, { recursive: true });
    writeBenchNotes(dirs.content, n);
    removeCaches(dirs);
    const port = 43000 + (process.pid % 1000);
    console.log(`N=${n}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    for (const kind of starts) {
      if (kind === 'cold') removeCaches(dirs);
      // 'notes': the rendered notes gone, Vite's dependency cache kept
      if (kind === 'notes') for (const dir of [dirs.cache, path.join(dirs.site, '.astro'), path.join(dirs.site, 'node_modules/.astro')]) rmSync(dir, { recursive: true, force: true });
      const run = await devRun(dirs, n, edits, port);
      if (logFile) appendFileSync(logFile, `===== ${kind}\n${run.log}`);
      const ms = (x: number) => Math.round(x);
      console.log(
        `${kind}: listening ${ms(run.listeningMs)} ms, first page ${ms(run.firstPageMs)} ms, edit → visible ${run.editMs.map(ms).join(', ')} ms`,
      );
    }
  } finally {
    if (keep) console.log(`kept ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
