// Giving the build's freed memory back to the OS where it decides the build's peak (the main
// thread's heap plus Pagefind's process at the end of the search index): in a render worker about
// to end (V8 keeps an ended thread's heap pages for 8 s, through the Vite build and page
// generation), and in the main thread as Pagefind starts and while it builds the index (the page
// generation leaves a heap two to three times its live data). V8 returns pages only after a
// memory-reducing collection, which it runs by itself only after seconds without allocation.
// `gc` exists when node runs with --expose-gc (package.json's build script); its 'last-resort'
// flavour is the memory-reducing one. Without the flag, nothing happens.

/** A full, memory-reducing garbage collection, when node exposes `gc` (100-250 ms here). */
export function releaseMemory(): void {
  globalThis.gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
