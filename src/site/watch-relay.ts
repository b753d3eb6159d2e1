// The watcher the notes loader listens to in the dev server (dev-notes.ts hands it to Astro's glob
// loader): events for a file reach the listeners one at a time, and a save that the file watcher
// swallowed is delivered anyway.
//
// Why both: chokidar (Vite's watcher) drops a file's second "change" within 50 ms of the first
// (a leading-edge throttle, no trailing event), so a note saved twice quickly stays at its first
// save. And the glob loader renders a note for each event without waiting for the one before: a
// slow render of an older save can finish after a quick render of the newer one and win. So a file
// gets one delivery at a time (events arriving meanwhile are folded into one more), and once things
// are quiet the file is looked at again: if it differs from what the last delivery saw, it is
// delivered again.

import { EventEmitter } from 'node:events';
import { statSync } from 'node:fs';

/** What the glob loader uses of a watcher. */
export interface WatcherLike {
  on(event: string, listener: (path: string) => void): unknown;
  add(paths: string | readonly string[]): unknown;
}

export const FILE_EVENTS = ['add', 'change', 'unlink'] as const;
type FileEvent = (typeof FILE_EVENTS)[number];

export interface RelayOptions {
  /** Where `add` forwards the paths to watch (the live dev server's watcher). */
  watch?: (paths: readonly string[]) => void;
  /** How long after the last event a file is looked at again (longer than chokidar's 50 ms). */
  settleMs?: number;
  /** Where a listener's error goes (it would otherwise be lost in a promise). */
  onError?: (error: unknown, file: string) => void;
  /** Told of each delivery whose listeners are async, with a promise settled when they are done. */
  onDelivery?: (done: Promise<unknown>) => void;
}

interface FileState {
  /** A delivery's async listeners are still running. */
  running: boolean;
  /** The event to deliver once they are done (the newest one heard meanwhile). */
  next?: FileEvent;
  /** The file as the last delivery started: size, times and inode, or "none". */
  stamp: string;
  /** When the newest event for the file arrived. */
  heard: number;
  timer?: NodeJS.Timeout;
}

function isFileEvent(event: string | symbol): event is FileEvent {
  return (FILE_EVENTS as readonly (string | symbol)[]).includes(event);
}

/** What a save changes of a file (or "none" when it is gone). */
export function fileStamp(file: string): string {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}`;
  } catch {
    return 'none';
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

/** An event emitter that looks like a watcher to the loader; `emit` of a file event delivers it as described above. */
export class Relay extends EventEmitter {
  readonly paths = new Set<string>();
  readonly #files = new Map<string, FileState>();
  readonly #options: Required<Pick<RelayOptions, 'settleMs'>> & RelayOptions;

  constructor(options: RelayOptions = {}) {
    super();
    this.#options = { settleMs: 80, ...options };
  }

  add(paths: string | readonly string[]): this {
    const list = typeof paths === 'string' ? [paths] : [...paths];
    for (const p of list) this.paths.add(p);
    this.#options.watch?.(list);
    return this;
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    const [file] = args;
    if (!isFileEvent(event) || typeof file !== 'string') return super.emit(event, ...args);
    let state = this.#files.get(file);
    if (!state) this.#files.set(file, (state = { running: false, stamp: 'none', heard: 0 }));
    state.heard = Date.now();
    if (state.running) state.next = event;
    else this.#deliver(file, event, state);
    return this.listenerCount(event) > 0;
  }

  #deliver(file: string, event: FileEvent, state: FileState): void {
    clearTimeout(state.timer);
    state.stamp = fileStamp(file);
    const results: unknown[] = [];
    for (const listener of this.rawListeners(event)) {
      try {
        results.push((listener as (path: string) => unknown).call(this, file));
      } catch (error) {
        this.#options.onError?.(error, file);
      }
    }
    const pending = results.filter(isPromiseLike);
    // Listeners that return nothing are done: the next event can be delivered at once.
    if (pending.length === 0) return this.#settle(file, state);
    state.running = true;
    const done = Promise.allSettled(pending);
    this.#options.onDelivery?.(done);
    void done.then((settled) => {
      for (const result of settled) if (result.status === 'rejected') this.#options.onError?.(result.reason, file);
      state.running = false;
      const next = state.next;
      state.next = undefined;
      if (next) this.#deliver(file, next, state);
      else this.#settle(file, state);
    });
  }

  /** Once quiet, look at the file again; deliver what the watcher did not report. */
  #settle(file: string, state: FileState): void {
    clearTimeout(state.timer);
    state.timer = setTimeout(
      () => {
        if (state.running) return;
        const now = fileStamp(file);
        if (now === state.stamp) {
          this.#files.delete(file);
          return;
        }
        this.emit(state.stamp === 'none' ? 'add' : now === 'none' ? 'unlink' : 'change', file);
      },
      Math.max(0, state.heard + this.#options.settleMs - Date.now()),
    );
    state.timer.unref();
  }
}
