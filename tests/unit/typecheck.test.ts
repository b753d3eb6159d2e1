// The code type-checks (tsc --noEmit, strict, tsconfig.json) as part of `npm test`, so CI catches
// type errors. `astro sync` first writes .astro/types.d.ts (the `astro:content` module's types).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASTRO, BUILD_LOCK, FLOCK, NODE, ROOT, VITEST_ENV } from '../build/build-site.ts';

function run(command: string[]): { ok: boolean; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };
  for (const key of VITEST_ENV) delete env[key];
  try {
    return { ok: true, output: execFileSync(command[0]!, command.slice(1), { cwd: ROOT, env, encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('types', () => {
  it('tsc --noEmit passes over src/, tests/ and scripts/', () => {
    // .astro/ is the project's one folder that builds also write: take the build tests' lock.
    const sync = [NODE, ASTRO, 'sync'];
    const synced = run(existsSync(FLOCK) ? [FLOCK, BUILD_LOCK, ...sync] : sync);
    expect(synced.ok, synced.output).toBe(true);
    const checked = run([NODE, path.join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', ROOT]);
    expect(checked.output.trim()).toBe('');
    expect(checked.ok).toBe(true);
  }, 180_000);
});
