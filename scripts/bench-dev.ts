// The dev-server part of `npm run bench` (scripts/bench.ts), the same for our site and the peer:
//   cold   `astro dev` started with every cache removed, until a note page answers 200 with the
//          note's text (the server's start, its content sync and the page's first render)
//   edit   with that page fetched once, a sentence appended to the note's file, until a fetch of
//          the page shows it (polled every 25 ms)
//   warm   `astro dev` started again with the caches the first one left, until the page answers
//          (on the same port: the port is part of the config Astro keys its content store on, and a
//          store kept for another config is thrown away)
// The server runs under the project's build lock (as the dev-server tests' harness does, so no
// test build runs beside it); the clock starts once the lock is held. The address is the one
// Astro prints (it takes the next port when the one asked for is gone).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { freePort, stopGroup } from './processes.ts';

export interface DevTarget {
  /** The site's folder (Astro's project root). */
  cwd: string;
  /** `[node, astro.mjs]`; `dev` and the host and port options are added. */
  astro: string[];
  env: NodeJS.ProcessEnv;
  removeCaches(): void;
  /** Site path of the note page, e.g. `/주제-1/노트-3/`. */
  page: string;
  /** The note's Markdown file. */
  file: string;
  /** Text of the note the page must show. */
  text: string;
  /** The command that holds the build lock for the command after it (`[flock, lockfile]`), or none. */
  lock: string[];
}

export interface DevTimes {
  coldMs: number;
  editMs: number;
  warmMs: number;
}

const POLL_MS = 25;
const LOCKED = 'BENCH-DEV-LOCK-HELD';
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** A line of the note's own prose the page must show: the first paragraph under its first h2. */
export function probeText(markdown: string): string {
  const lines = markdown.split('\n');
  const h2 = lines.findIndex((l) => l.startsWith('## '));
  const line = lines.slice(h2 + 1).find((l) => /^[^\s#>*|`\-\d]/.test(l));
  if (h2 < 0 || !line) throw new Error('no paragraph under an h2');
  return line.trim();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Running {
  child: ChildProcess;
  /** When the lock was held (performance.now()). */
  started: Promise<number>;
  origin: Promise<string>;
  log(): string;
  stop(): Promise<void>;
}

/** Servers running now: stopped when the bench exits early (an error, Ctrl+C), so none keeps the build lock. */
const running = new Set<number>();
let hooked = false;
function stopAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const pid of running) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
}

async function startDev(target: DevTarget, port: number): Promise<Running> {
  const command = [...target.astro, 'dev', '--host', '127.0.0.1', '--port', String(port), '--ignore-lock'];
  // The shell prints a marker once flock holds the lock, then becomes the server.
  const argv = target.lock.length ? [...target.lock, 'sh', '-c', `echo ${LOCKED}; exec "$0" "$@"`, ...command] : command;
  const child = spawn(argv[0]!, argv.slice(1), { cwd: target.cwd, env: target.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  stopAllOnExit();
  if (child.pid !== undefined) running.add(child.pid);
  child.once('exit', () => running.delete(child.pid!));
  let log = '';
  let onLocked: (t: number) => void = () => {};
  let onOrigin: (o: string) => void = () => {};
  const exited: Array<(e: Error) => void> = [];
  const started = new Promise<number>((resolve, reject) => {
    onLocked = resolve;
    exited.push(reject);
  });
  const origin = new Promise<string>((resolve, reject) => {
    onOrigin = resolve;
    exited.push(reject);
  });
  child.once('exit', (code) => exited.forEach((reject) => reject(new Error(`astro dev exited (${code}):\n${log.slice(-3000)}`))));
  if (!target.lock.length) onLocked(performance.now());
  const read = (chunk: Buffer) => {
    const now = performance.now();
    log += chunk.toString('utf8').replace(ANSI, '');
    if (log.includes(LOCKED)) onLocked(now);
    const printed = /Local\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
    if (printed) onOrigin(printed[1]!);
  };
  child.stdout!.on('data', read);
  child.stderr!.on('data', read);
  started.catch(() => {});
  origin.catch(() => {});
  return {
    child,
    started,
    origin,
    log: () => log,
    stop: () => stopGroup(child.pid),
  };
}

async function fetchText(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { redirect: 'follow' });
  return { status: response.status, text: await response.text() };
}

/** Polls `url` every 25 ms until it answers 200 and `shows` its text; resolves with performance.now() then. */
async function until(url: string, shows: (html: string) => boolean, what: string, server: Running, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) break;
    try {
      const page = await fetchText(url);
      if (page.status === 200 && shows(page.text)) return performance.now();
    } catch {
      // not listening yet
    }
    await sleep(POLL_MS);
  }
  throw new Error(`${url} did not show ${what} in ${timeoutMs / 1000} s\n--- server log:\n${server.log().slice(-3000)}`);
}

/** Start to first page: from the lock held to the note page with its text. */
async function firstPage(target: DevTarget, port: number, timeoutMs: number): Promise<{ server: Running; url: string; ms: number }> {
  const server = await startDev(target, port);
  try {
    const started = await server.started;
    const url = new URL(encodeURI(target.page), await server.origin).href;
    const ready = await until(url, (html) => html.includes(target.text), 'the note', server, timeoutMs);
    return { server, url, ms: ready - started };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** The three dev timings of one site; the note's file is as before when it returns, and no server is left. */
export async function benchDev(target: DevTarget, tag: string, timeoutMs = 300_000): Promise<DevTimes> {
  target.removeCaches();
  const original = readFileSync(target.file, 'utf8');
  const marker = `편집확인${tag}`;
  const port = await freePort();
  const cold = await firstPage(target, port, timeoutMs);
  let editMs: number;
  try {
    // A reader edits a while after the page opened: the watcher has its files by then.
    await sleep(2000);
    writeFileSync(target.file, `${original}\n${marker}: 한 문장을 더했다.\n`);
    const written = performance.now();
    editMs = (await until(cold.url, (html) => html.includes(marker), 'the edit', cold.server, 60_000)) - written;
    // Back as it was, and seen so by the server, so the warm start finds its caches current.
    writeFileSync(target.file, original);
    await until(cold.url, (html) => html.includes(target.text) && !html.includes(marker), 'the note without the edit', cold.server, 60_000);
  } finally {
    writeFileSync(target.file, original);
    await cold.server.stop();
  }
  const warm = await firstPage(target, port, timeoutMs);
  await warm.server.stop();
  return { coldMs: Math.round(cold.ms), editMs: Math.round(editMs), warmMs: Math.round(warm.ms) };
}
