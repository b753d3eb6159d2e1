// Memory of a build. Two levers:
//
// 1. How fast V8 grows the heap. By default it grows in large steps and collects seldom: fast, but
//    a 1000-note build peaked near 1 GiB (main thread, render worker and Vite at once). From
//    FRUGAL_HEAP_NOTES notes the build grows it in 10% steps instead (`--heap-growing-percent=10`,
//    set at run time: V8 reads it at each collection), keeping a 1000-note build around 850 MB; a
//    smaller build keeps V8's default and the second or so of collections the small steps cost
//    (bench, 300 notes: peak 790-930 MB without; 499 notes peaked at 940-950 MB, hence 400).
// 2. Giving the build's freed memory back to the OS where it decides the build's peak (the main
//    thread's heap plus Pagefind's process at the end of the search index): in a render worker
//    about to end (V8 keeps an ended thread's heap pages for 8 s, through the Vite build and page
//    generation), and in the main thread as Pagefind starts and while it builds the index (the
//    page generation leaves a heap two to three times its live data). V8 returns pages only after
//    a memory-reducing collection, which it runs by itself only after seconds without allocation.
//    `gc` exists when node runs with --expose-gc (package.json's build script); its 'last-resort'
//    flavour is the memory-reducing one. Without the flag, nothing happens. Only in a frugal
//    build: each such collection costs the main thread a few hundred ms.
import { setFlagsFromString } from 'node:v8';

/** From this many notes, a build grows its heap in small steps (lever 1). */
export const FRUGAL_HEAP_NOTES = 400;

const KEY = Symbol.for('notes-site.frugal-heap');
type Holder = { [KEY]?: boolean };

/**
 * Whether a build of this many notes keeps its memory small; if so, grows the heap in small steps
 * from now on (the whole process: V8's flags are not per thread) and frugalHeap() says so.
 */
export function useFrugalHeap(notes: number): boolean {
  if (notes < FRUGAL_HEAP_NOTES) return false;
  setFlagsFromString('--heap-growing-percent=10');
  (globalThis as Holder)[KEY] = true;
  return true;
}

/** Whether this process (its main thread) builds with a frugal heap. */
export function frugalHeap(): boolean {
  return (globalThis as Holder)[KEY] === true;
}

/**
 * A full, memory-reducing garbage collection (100-500 ms here) in a frugal build, when node
 * exposes `gc`. A render worker has no say of its own (its globals are not the main thread's):
 * the pool tells it, and it passes `frugal`.
 */
export function releaseMemory(frugal: boolean = frugalHeap()): void {
  if (frugal) globalThis.gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
