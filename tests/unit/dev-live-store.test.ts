// The dev server's notes in memory (src/site/dev-notes.ts): pages read the loader's store as
// getCollection would give it (sorted by id, copies, `collection` set), a change after a load has
// Astro write its store file at once (refreshContent with no loader to run), changes during a load
// do not, and pages wait for a load that is running.
import { describe, expect, it } from 'vitest';
import { liveEntries, liveStore, notesLoaded, runLoad, setContentRefresh } from '../../src/site/dev-notes.ts';

/** A store shaped like Astro's scoped data store (the part the loader and pages use). */
function memoryStore() {
  const entries = new Map<string, Record<string, unknown>>();
  return {
    entries,
    values: () => [...entries.values()],
    set: (entry: { id: string }) => (entries.set(entry.id, entry as Record<string, unknown>), true),
    delete: (id: string) => void entries.delete(id),
    clear: () => entries.clear(),
  };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The tests share the dev state (one store at a time, as in the server): in order.
describe('the dev server reads notes from the store in memory', { shuffle: false }, () => {
  const writes: Array<string[] | undefined> = [];
  setContentRefresh(async (options) => void writes.push(options.loaders));
  const inner = memoryStore();
  const store = liveStore(inner);

  it('gives the entries as getCollection does: sorted by id, copied, with their collection', async () => {
    await runLoad(async () => {
      store.set({ id: '나', data: { title: '나' }, rendered: { html: '<p>나</p>' } } as { id: string });
      store.set({ id: '가', data: { title: '가' }, rendered: { html: '<p>가</p>' } } as { id: string });
    });
    const first = liveEntries<{ id: string; data: { title: string }; collection: string }>('notes')!;
    expect(first.map((e) => [e.id, e.data.title, e.collection])).toEqual([
      ['가', '가', 'notes'],
      ['나', '나', 'notes'],
    ]);
    expect(first[0]).not.toBe(inner.entries.get('가'));
    expect(first[0]!.data).not.toBe(inner.entries.get('가')!.data);
    // The same stored version: the same copy (pages rebuild their index only when a note changed).
    const again = liveEntries<object>('notes')!;
    expect(again[0]).toBe(first[0]);
    expect(again[1]).toBe(first[1]);
  });

  it('has Astro write the store file right after a change, but not for each change of a load', async () => {
    await tick(30);
    writes.length = 0;
    await runLoad(async () => {
      for (let i = 0; i < 5; i++) store.set({ id: `노트-${i}` });
      store.delete('노트-0');
    });
    await tick(30);
    expect(writes).toEqual([]);
    store.set({ id: '가', data: { title: '바뀐 가' } } as { id: string });
    expect(liveEntries<{ id: string; data: { title: string } }>('notes')!.find((e) => e.id === '가')!.data.title).toBe('바뀐 가');
    await tick(30);
    // (A loader name no collection has: Astro runs no loader and writes the store.)
    expect(writes).toEqual([['notes-store-write']]);
  });

  it('makes pages wait for a load that is running', async () => {
    let release!: () => void;
    const load = runLoad(() => new Promise<void>((r) => (release = r)));
    let waited = false;
    const page = notesLoaded().then(() => (waited = true));
    await tick(20);
    expect(waited).toBe(false);
    release();
    await load;
    await page;
    expect(waited).toBe(true);
  });

  it("leaves entries with image imports to getCollection (Astro's image resolution)", () => {
    store.set({ id: '그림', imageImports: [['cover']] } as { id: string });
    expect(liveEntries('notes')).toBeUndefined();
    store.delete('그림');
    expect(liveEntries('notes')).toBeDefined();
  });
});
