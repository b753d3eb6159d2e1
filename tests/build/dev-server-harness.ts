// `astro dev` for tests: started on a fixture content folder in its own process group, holding
// the build tests' lock (Astro keeps its generated files in the project's .astro/ folder, which a
// dev server and a build must not share at once), and stopped with everything it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort, groupAlive, stopGroup } from '../../scripts/processes.ts';
import { ASTRO, BUILD_LOCK, FLOCK, NODE, ROOT, SITE_ENV } from './build-site.ts';

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export interface DevServer {
  readonly process: ChildProcess;
  /** The address Astro printed, with the base: `http://127.0.0.1:4321/notes/`. */
  readonly url: string;
  /** Everything the server printed so far, colours removed. */
  log(): string;
  /** GET a page below the base (redirects followed). */
  get(page: string): Promise<{ status: number; html: string }>;
  /** Ends the server's process group; resolves once no process of it is left. */
  stop(): Promise<void>;
}

/** Poll until `check` passes (the dev server picks file changes up asynchronously). */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  check: (value: T) => boolean,
  options: { timeoutMs?: number; server?: DevServer } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let last: T | undefined;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (check(last)) return last;
    } catch {
      // not up yet
    }
    if (options.server && options.server.process.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(
    `timed out waiting for ${what}\n--- last:\n${JSON.stringify(last)?.slice(0, 2000)}${options.server ? `\n--- server log:\n${options.server.log().slice(-4000)}` : ''}`,
  );
}

/**
 * Starts `astro dev` on `env.NOTES_CONTENT_DIR` (and whatever else `env` sets) and waits until its
 * home page answers. Waiting includes waiting for the lock while a test build runs.
 */
export async function startDevServer(env: Record<string, string>): Promise<DevServer> {
  const vars: Record<string, string | undefined> = { ...process.env };
  delete vars.NODE_ENV;
  for (const key of Object.keys(vars)) if (key.startsWith('VITEST')) delete vars[key];
  for (const key of SITE_ENV) delete vars[key];
  Object.assign(vars, { ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env });
  // --ignore-lock: run in the foreground, next to any dev server someone else has open.
  const command = [NODE, ASTRO, 'dev', '--host', '127.0.0.1', '--port', String(await freePort()), '--ignore-lock'];
  const [program, ...args] = existsSync(FLOCK) ? [FLOCK, BUILD_LOCK, ...command] : command;
  const child = spawn(program!, args, { cwd: ROOT, env: vars as NodeJS.ProcessEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString('utf8').replace(ANSI, '')));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString('utf8').replace(ANSI, '')));
  let url = '';
  const server: DevServer = {
    process: child,
    get url() {
      return url;
    },
    log: () => log,
    async get(page) {
      const response = await fetch(new URL(page, url), { redirect: 'follow' });
      return { status: response.status, html: await response.text() };
    },
    stop: () => stopGroup(child.pid),
  };
  // The address is the one Astro prints: while it waited for the lock, another process may have
  // taken the probed port (Astro then picks the next one), and a request to the port alone could
  // be answered by that other server.
  const printed = await eventually('the dev server\'s address', async () => log, (l) => /Local\s+http:\/\/127\.0\.0\.1:\d+\//.test(l), {
    timeoutMs: 150_000,
    server,
  });
  url = `${/Local\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(printed)![1]!}${env.BASE_PATH ?? '/'}`;
  await eventually('the dev server', () => server.get(''), (r) => r.status === 200, { timeoutMs: 150_000, server });
  return server;
}

/** Whether no process of the server is left. */
export function stopped(server: DevServer): boolean {
  return server.process.pid === undefined || !groupAlive(server.process.pid);
}
