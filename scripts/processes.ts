// Small process helpers shared by the bench's dev-server timing and the tests' dev-server harness.
import { createServer } from 'node:net';

/** A port free now on 127.0.0.1; Astro takes the next free one if it is gone by the time it listens. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether any process of the group led by `pid` is still running. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ends the process group led by `pid` (TERM, then KILL after 5 s); resolves once none of it is left. */
export async function stopGroup(pid: number | undefined): Promise<void> {
  if (pid === undefined || !groupAlive(pid)) return;
  process.kill(-pid, 'SIGTERM');
  for (let i = 0; i < 50 && groupAlive(pid); i++) await sleep(100);
  if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
  for (let i = 0; i < 50 && groupAlive(pid); i++) await sleep(100);
}
