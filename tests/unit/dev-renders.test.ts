// The dev server's notes rendered after it starts (src/site/dev-renders.ts): while the loader loads,
// a render is a stand-in and a background job; the jobs run one at a time, the note a page asks for
// first, never while a request is being answered, and never over a note the loader stored again.
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { deferredEntryTypes, holdRenders, noteRendered, rendersPending, startRenders, watchRequests, type EntryType, type RenderArgs } from '../../src/site/dev-renders.ts';
import { isPendingRender } from '../../src/notes/render-data.ts';

interface Stored {
  id: string;
  data: Record<string, unknown>;
  digest: string;
  filePath: string;
  rendered?: unknown;
  assetImports?: string[];
  imageImports?: unknown[];
}

/** Astro's scoped store, as far as the loader and the renders use it (get gives the stored object). */
function fakeStore() {
  const entries = new Map<string, Stored>();
  const assets: string[] = [];
  return {
    entries,
    assets,
    sets: 0,
    get: (id: string) => entries.get(id),
    values: () => [...entries.values()],
    set(entry: { id: string }) {
      this.sets++;
      entries.set(entry.id, { ...(entry as Stored) });
    },
    delete: (id: string) => entries.delete(id),
    addAssetImports: (list: string[], file: string) => assets.push(...list.map((a) => `${file}:${a}`)),
  };
}

/** A loader run: every note through the render function while deferring, stored as the glob loader does. */
async function load(store: ReturnType<typeof fakeStore>, ids: string[], render: (args: RenderArgs) => Promise<unknown>, errors: string[] = []) {
  let deferring = true;
  const types = deferredEntryTypes(new Map<string, EntryType>([['.md', { getRenderFunction: async () => render }]]), {
    store,
    contentDir: '/c',
    deferring: () => deferring,
    logError: (m) => errors.push(m),
    logInfo: (m) => infos.push(m),
    changed: () => {},
  });
  const fn = await types.get('.md')!.getRenderFunction!(undefined as never);
  for (const id of ids) {
    const args = { id, data: {}, body: `# ${id}`, filePath: `/c/${id}.md`, digest: `d-${id}` };
    store.entries.set(id, { id, data: {}, digest: args.digest, filePath: `content/${id}.md`, rendered: await fn(args) });
  }
  deferring = false;
  return fn;
}

const infos: string[] = [];
const html = (id: string) => ({ html: `<p>${id}</p>`, metadata: { frontmatter: {} } });

describe('notes rendered after the dev server starts', () => {
  it('stores a stand-in while loading and renders every note afterwards, one at a time', async () => {
    const store = fakeStore();
    const order: string[] = [];
    let running = 0;
    let most = 0;
    await load(store, ['a', 'b', 'c'], async (args) => {
      running++;
      most = Math.max(most, running);
      await sleep(5);
      order.push(args.id);
      running--;
      return html(args.id);
    });
    expect(order).toEqual([]);
    expect([...store.entries.values()].every((e) => isPendingRender(e.rendered))).toBe(true);
    await startRenders(store);
    await vi.waitFor(() => expect(rendersPending()).toBe(0));
    await noteRendered('c');
    expect(order).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    expect(store.entries.get('b')!.rendered).toEqual(html('b'));
    // In place: a set would have Astro write its store file, which reloads every open page.
    expect(store.sets).toBe(0);
    await vi.waitFor(() => expect(infos.at(-1)).toMatch(/^3 note\(s\) rendered since the server started, in \d+\.\d s$/));
  });

  it('renders the note a page asks for first', async () => {
    const store = fakeStore();
    const order: string[] = [];
    await load(store, ['a', 'b', 'c', 'd'], async (args) => {
      await sleep(5);
      order.push(args.id);
      return html(args.id);
    });
    const asked = noteRendered('d');
    await startRenders(store);
    await asked;
    expect(store.entries.get('d')!.rendered).toEqual(html('d'));
    expect(order[0]).toBe('d');
    await vi.waitFor(() => expect(rendersPending()).toBe(0));
  });

  it('waits while a request is answered, unless that request asks for a note', async () => {
    const store = fakeStore();
    const order: string[] = [];
    const stack: Parameters<typeof watchRequests>[0]['stack'] = [];
    watchRequests({ stack });
    const response = new EventEmitter();
    stack[0]!.handle({}, response, () => {});
    await load(store, ['a', 'b', 'c'], async (args) => {
      order.push(args.id);
      return html(args.id);
    });
    await startRenders(store);
    await sleep(30);
    expect(order).toEqual([]);
    await noteRendered('b');
    expect(order).toEqual(['b']);
    await sleep(30);
    expect(order).toEqual(['b']);
    response.emit('finish');
    response.emit('close');
    await vi.waitFor(() => expect(rendersPending()).toBe(0));
    expect(order).toEqual(['b', 'a', 'c']);
  });

  it('waits while the loader loads a saved note', async () => {
    const store = fakeStore();
    const order: string[] = [];
    let release!: () => void;
    const saved = new Promise<void>((r) => (release = r)).then(() => order.push('saved'));
    await load(store, ['a', 'b'], async (args) => {
      order.push(args.id);
      return html(args.id);
    });
    holdRenders(saved);
    await startRenders(store);
    await sleep(30);
    expect(order).toEqual([]);
    release();
    await vi.waitFor(() => expect(rendersPending()).toBe(0));
    expect(order).toEqual(['saved', 'a', 'b']);
  });

  it('leaves a note the loader stored again (saved meanwhile) to the loader', async () => {
    const store = fakeStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await load(store, ['a'], async (args) => {
      await gate;
      return html(`${args.id} (old)`);
    });
    await startRenders(store);
    // The note saved while its background render runs: the loader renders and stores the new text.
    store.entries.set('a', { id: 'a', data: {}, digest: 'd-a2', filePath: 'content/a.md', rendered: html('a (new)') });
    release();
    await vi.waitFor(() => expect(rendersPending()).toBe(0));
    await sleep(10);
    expect(store.entries.get('a')!.rendered).toEqual(html('a (new)'));
  });

  it('logs a failed render as the glob loader does and leaves the note without a render', async () => {
    const store = fakeStore();
    const errors: string[] = [];
    await load(
      store,
      ['bad'],
      async () => {
        throw new Error('plugin exploded');
      },
      errors,
    );
    await startRenders(store);
    await noteRendered('bad');
    await vi.waitFor(() => expect(errors).toEqual(['Error rendering bad.md: plugin exploded']));
    expect(store.entries.get('bad')!).not.toHaveProperty('rendered');
  });

  it("registers a render's images with the store", async () => {
    const store = fakeStore();
    await load(store, ['pic'], async () => ({ html: '<img>', metadata: { imagePaths: ['./a.png'], frontmatter: {} } }));
    await startRenders(store);
    await noteRendered('pic');
    expect(store.entries.get('pic')!.assetImports).toEqual(['./a.png']);
    expect(store.assets).toEqual(['content/pic.md:./a.png']);
  });

  it('renders every note before the load ends when pages read the notes through getCollection', async () => {
    const store = fakeStore();
    await load(store, ['a', 'b'], async (args) => html(args.id));
    store.entries.get('a')!.imageImports = [['cover']];
    await startRenders(store);
    expect(rendersPending()).toBe(0);
    expect(store.entries.get('b')!.rendered).toEqual(html('b'));
    // Through the store, so Astro writes them to the file getCollection reads.
    expect(store.sets).toBe(2);
  });

  it('renders at once outside the load', async () => {
    const store = fakeStore();
    const fn = await load(store, [], async (args) => html(args.id));
    expect(await fn({ id: 'x', data: {}, digest: 'd' })).toEqual(html('x'));
    expect(rendersPending()).toBe(0);
  });
});
