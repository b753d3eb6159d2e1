// The dev server's watcher relay (src/site/watch-relay.ts): a file's events reach the listeners one
// at a time, events heard meanwhile fold into one more delivery, and a change the file watcher did
// not report (chokidar drops a second save within 50 ms) is delivered once the file is quiet.
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Relay } from '../../src/site/watch-relay.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'notes-relay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SETTLE = 40;
let n = 0;
const note = (text: string) => {
  const file = path.join(dir, `${++n}.md`);
  writeFileSync(file, text);
  return file;
};

describe('Relay', () => {
  it('delivers at once to listeners that return nothing', () => {
    const relay = new Relay({ settleMs: SETTLE });
    const file = note('a');
    const heard: string[] = [];
    relay.on('change', (f: string) => heard.push(`change ${path.basename(f)}`));
    relay.emit('change', file);
    relay.emit('change', file);
    expect(heard).toEqual([`change ${n}.md`, `change ${n}.md`]);
  });

  it("delivers a file's events one at a time, folding those heard meanwhile into one", async () => {
    const relay = new Relay({ settleMs: SETTLE });
    const file = note('a');
    const log: string[] = [];
    let running = 0;
    relay.on('change', async () => {
      running++;
      log.push(`start (${running} running)`);
      await sleep(30);
      running--;
      log.push('end');
    });
    relay.emit('change', file);
    relay.emit('change', file);
    relay.emit('change', file);
    await vi.waitFor(() => expect(log).toHaveLength(4), { timeout: 10_000 });
    await sleep(SETTLE * 2);
    expect(log).toEqual(['start (1 running)', 'end', 'start (1 running)', 'end']);
  });

  it('does not hold one file back for another', async () => {
    const relay = new Relay({ settleMs: SETTLE });
    const [a, b] = [note('a'), note('b')];
    const started: string[] = [];
    relay.on('change', async (f: string) => {
      started.push(path.basename(f));
      await sleep(30);
    });
    relay.emit('change', a);
    relay.emit('change', b);
    expect(started).toEqual([path.basename(a), path.basename(b)]);
  });

  it('delivers the newest event heard during a delivery (a note removed while it renders)', async () => {
    const relay = new Relay({ settleMs: SETTLE });
    const file = note('a');
    const log: string[] = [];
    relay.on('change', async () => {
      log.push('change');
      await sleep(20);
    });
    relay.on('unlink', () => log.push('unlink'));
    relay.emit('change', file);
    unlinkSync(file);
    relay.emit('unlink', file);
    await vi.waitFor(() => expect(log).toHaveLength(2), { timeout: 10_000 });
    expect(log).toEqual(['change', 'unlink']);
  });

  it('delivers a save the watcher did not report, once the file is quiet', async () => {
    const relay = new Relay({ settleMs: SETTLE });
    const file = note('첫 저장');
    const read: string[] = [];
    relay.on('change', (f: string) => read.push(readFileSync(f, 'utf8')));
    relay.emit('change', file);
    writeFileSync(file, '둘째 저장'); // no event: the watcher swallowed it
    await vi.waitFor(() => expect(read).toHaveLength(2), { timeout: 10_000 });
    expect(read).toEqual(['첫 저장', '둘째 저장']);
  });

  it('reports nothing more for a file that did not change after its event', async () => {
    const relay = new Relay({ settleMs: SETTLE });
    const file = note('a');
    let count = 0;
    relay.on('change', () => count++);
    relay.emit('change', file);
    await sleep(SETTLE * 3);
    expect(count).toBe(1);
  });

  it('reports a file removed, or added, without an event as such', async () => {
    const relay = new Relay({ settleMs: SETTLE });
    const kept = note('a');
    const gone = path.join(dir, 'gone.md');
    const log: string[] = [];
    for (const event of ['add', 'change', 'unlink']) relay.on(event, (f: string) => log.push(`${event} ${path.basename(f)}`));
    relay.emit('change', kept);
    unlinkSync(kept);
    relay.emit('unlink', gone);
    writeFileSync(gone, 'b');
    await vi.waitFor(() => expect(log).toHaveLength(4), { timeout: 10_000 });
    expect(log.sort()).toEqual([`add gone.md`, `change ${path.basename(kept)}`, `unlink ${path.basename(kept)}`, `unlink gone.md`].sort());
  });

  it("hands a listener's error to onError and still runs the other listeners", async () => {
    const errors: string[] = [];
    const relay = new Relay({ settleMs: SETTLE, onError: (e, f) => errors.push(`${(e as Error).message} ${path.basename(f)}`) });
    const file = note('a');
    const heard: string[] = [];
    relay.on('change', () => {
      throw new Error('sync');
    });
    relay.on('change', async () => {
      throw new Error('async');
    });
    relay.on('change', () => heard.push('third'));
    relay.emit('change', file);
    await vi.waitFor(() => expect(errors).toHaveLength(2), { timeout: 10_000 });
    expect(heard).toEqual(['third']);
    expect(errors).toEqual([`sync ${n}.md`, `async ${n}.md`]);
  });

  it('passes other events through unchanged, and forwards the paths to watch', () => {
    const watched: string[] = [];
    const relay = new Relay({ watch: (paths) => watched.push(...paths) });
    const seen: unknown[] = [];
    relay.on('ready', (...args: unknown[]) => seen.push(args));
    relay.emit('ready', 1, 2);
    relay.add('/a').add(['/b', '/c']);
    expect(seen).toEqual([[1, 2]]);
    expect(watched).toEqual(['/a', '/b', '/c']);
    expect([...relay.paths]).toEqual(['/a', '/b', '/c']);
  });

  it('tells onDelivery of each delivery with async listeners, settled when they are done', async () => {
    const deliveries: Array<Promise<unknown>> = [];
    const relay = new Relay({ settleMs: SETTLE, onDelivery: (done) => deliveries.push(done) });
    const file = note('a');
    let finished = false;
    relay.on('change', async () => {
      await sleep(20);
      finished = true;
    });
    relay.emit('change', file);
    expect(deliveries).toHaveLength(1);
    expect(finished).toBe(false);
    await deliveries[0];
    expect(finished).toBe(true);
    relay.removeAllListeners('change');
    relay.on('change', () => {});
    relay.emit('unlink', file);
    relay.emit('change', file);
    expect(deliveries).toHaveLength(1);
  });
});
