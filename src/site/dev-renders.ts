// `npm run dev` starts serving before every note is rendered. Astro's dev server listens only once
// the content loaders are done, and the glob loader renders each Markdown note while it loads: at
// 1000 notes that is most of the start. Here, while the loader first loads the notes, a note's
// render is a stand-in (`notePending`), and the notes are rendered after the load, one at a time
// in the background; a page asks for its own note first (`noteRendered`) and waits only for that.
// What a page shows of the other notes (titles, excerpts, heading ids) the note index reads from
// the note's text when its render is not there yet (note-index.ts, note-collection.ts pageIdsOf).
// The background renders wait while the server answers a request (`watchRequests`) and while the
// loader loads a saved note (`holdRenders`, told by the watcher relay): a first page loads dozens
// of modules, and a render between each of their steps would slow it down; an edit should show as
// soon as it would without them.
//
// - A note saved, removed or handed to the loader again meanwhile is the loader's again: its
//   background render is dropped when the stored note is no longer that stand-in.
// - A render that fails is logged as the glob loader logs it ("Error rendering …"), so it becomes
//   an error on the pages like any other (dev-notes.ts noteLoadMessage).
// - A render goes into the stored note in place, not through the store's set: each set has Astro
//   write its store file, and each write reloads every page open in a browser. The file gets the
//   renders with its next write (an edit); a stand-in left in it has no dependency record, so the
//   next start renders that note again (render-dependencies.ts refreshStore).
// - When a note's frontmatter has images (the schema has no image() field today), pages read the
//   notes through getCollection (from the store file, dev-notes.ts liveEntries), which stand-ins
//   must never reach: every note is then rendered and stored before the load ends, as before.
//
// State lives on globalThis: the loader (content config) and the pages are separate module instances.
import path from 'node:path';
import { isPendingRender, type NoteRenderData } from '../notes/render-data.ts';

/** A stored note, as far as this file reads and writes it (Astro's DataEntry). */
interface StoredNote {
  id: string;
  data: Record<string, unknown>;
  digest?: number | string;
  rendered?: unknown;
  imageImports?: unknown[];
  [key: string]: unknown;
}

/** What the background renders use of the loader's store (Astro's: `get` gives the stored object). */
export interface RenderStore {
  get(id: string): unknown;
  values(): unknown[];
  set(entry: StoredNote): unknown;
  delete(id: string): unknown;
  addAssetImports(assets: string[], filePath: string): unknown;
}

/** The argument of a content entry type's render function (what the glob loader passes). */
export interface RenderArgs {
  id: string;
  data: Record<string, unknown>;
  body?: string;
  filePath?: string;
  digest?: number | string;
}
type RenderFunction = (args: RenderArgs) => Promise<unknown>;

/** A content entry type, as far as the wrapper changes it (Astro's ContentEntryType). */
export interface EntryType {
  getRenderFunction?: (config: never) => Promise<RenderFunction>;
  contentModuleTypes?: string;
}

interface Job {
  args: RenderArgs;
  render: RenderFunction;
  store: RenderStore;
  /** The note's path in the content folder, as the glob loader's messages name it. */
  entry: string;
  logError: (message: string) => void;
  logInfo: (message: string) => void;
  /** A stored note was changed in place (pages copy it again). */
  changed: (entry: object) => void;
  done: Promise<void>;
  resolve: () => void;
}

interface RenderState {
  /** Notes waiting for their first render, by store id, in the order the loader met them. */
  jobs: Map<string, Job>;
  /** Ids a page asked for: rendered next. */
  asked: string[];
  draining: boolean;
  /** Requests the dev server is answering now. */
  requests: number;
  /** Saved notes the loader is loading now (holdRenders). */
  saves: number;
  /** Called when the last request in flight is answered, or a page asks for a note. */
  onIdle: Array<() => void>;
  /** Render without pausing for requests (pages wait for the load). */
  urgent?: boolean;
}

const state = ((globalThis as Record<string, unknown>).__notesDevRenders ??= {
  jobs: new Map(),
  asked: [],
  draining: false,
  requests: 0,
  saves: 0,
  onIdle: [],
}) as RenderState;
state.saves ??= 0;

/** What watchRequests uses of the dev server's connect stack. */
interface MiddlewareStack {
  stack: Array<{ route: string; handle: (req: unknown, res: ResponseLike, next: () => void) => void }>;
}
interface ResponseLike {
  once(event: 'finish' | 'close', listener: () => void): unknown;
}

/** Dev server: count the requests in flight (first in the stack), so background renders wait for them. */
export function watchRequests(middlewares: MiddlewareStack): void {
  middlewares.stack.unshift({
    route: '',
    handle: (_req, res, next) => {
      state.requests++;
      let open = true;
      const done = () => {
        if (!open) return;
        open = false;
        if (--state.requests === 0) wake();
      };
      res.once('finish', done);
      res.once('close', done);
      next();
    },
  });
}

/** The render data of the stand-in: no HTML, no headings, and the marker. */
const PENDING: NoteRenderData = { notePending: true };

function standIn(): unknown {
  return { html: '', metadata: { headings: [], imagePaths: [], frontmatter: { ...PENDING } } };
}

/** Posix path of a file in the content folder (the glob loader's `entry`). */
function entryOf(contentDir: string, filePath: string | undefined, id: string): string {
  return filePath ? path.relative(contentDir, filePath).split(path.sep).join('/') : id;
}

/**
 * The loader's entry types with their render functions deferred while `deferring()` is true: the
 * render of a note becomes a stand-in and a background job (`startRenders` runs them). Entry types
 * rendered by Astro when the page loads (MDX: `contentModuleTypes`) are left as they are.
 */
export function deferredEntryTypes<T extends EntryType>(
  entryTypes: Map<string, T>,
  options: {
    store: RenderStore;
    contentDir: string;
    deferring: () => boolean;
    logError: (message: string) => void;
    logInfo: (message: string) => void;
    changed: (entry: object) => void;
  },
): Map<string, T> {
  const wrapped = new Map<string, T>();
  for (const [ext, type] of entryTypes) {
    const own = type.getRenderFunction;
    if (!own || type.contentModuleTypes) {
      wrapped.set(ext, type);
      continue;
    }
    wrapped.set(ext, {
      ...type,
      async getRenderFunction(config: never) {
        const render = await own.call(type, config);
        return async (args: RenderArgs) => {
          if (!options.deferring()) return render(args);
          state.jobs.get(args.id)?.resolve();
          let resolve!: () => void;
          const done = new Promise<void>((r) => (resolve = r));
          const entry = entryOf(options.contentDir, args.filePath, args.id);
          state.jobs.set(args.id, { args, render, store: options.store, entry, logError: options.logError, logInfo: options.logInfo, changed: options.changed, done, resolve });
          return standIn();
        };
      },
    });
  }
  return wrapped;
}

/**
 * Whether pages read these stored notes through getCollection, from Astro's store file: an image in
 * some note's frontmatter needs the image resolution only getCollection does (dev-notes.ts
 * liveEntries). No stand-ins then.
 */
export function readFromStoreFile(entries: readonly unknown[]): boolean {
  return (entries as Array<{ imageImports?: unknown[] }>).some((e) => e.imageImports?.length);
}

/**
 * After the load: render the notes that got a stand-in, in the background (or now, before the load
 * ends, when pages will read them through getCollection).
 */
export async function startRenders(store: RenderStore): Promise<void> {
  if (readFromStoreFile(store.values())) {
    // (Pages wait for the load: no pause for requests then.)
    state.urgent = true;
    wake();
    await Promise.all([drain(), ...[...state.jobs.values()].map((j) => j.done)]);
    state.urgent = false;
    return;
  }
  void drain();
}

/** Dev server: the background renders wait until `work` (the loader loading a saved note) is done. */
export function holdRenders(work: Promise<unknown>): void {
  state.saves++;
  const done = () => {
    if (--state.saves === 0) wake();
  };
  work.then(done, done);
}

/** Dev server: resolves once the note with this store id has its render (at once when it has). */
export function noteRendered(id: string): Promise<void> {
  const job = state.jobs.get(id);
  if (!job) return Promise.resolve();
  state.asked.push(id);
  wake();
  void drain();
  return job.done;
}

/** Whether any note still waits for its render (for tests). */
export function rendersPending(): number {
  return state.jobs.size;
}

function wake(): void {
  for (const resume of state.onIdle.splice(0)) resume();
}

/** Resolves when no request is in flight and no saved note is rendering, or a page asks for a note. */
function mayRender(): Promise<void> | undefined {
  if (state.urgent || state.asked.length > 0 || (state.requests === 0 && state.saves === 0)) return undefined;
  return new Promise((resolve) => state.onIdle.push(resolve));
}

function nextJob(): Job | undefined {
  while (state.asked.length > 0) {
    const job = state.jobs.get(state.asked.shift()!);
    if (job) return job;
  }
  return state.jobs.values().next().value;
}

async function drain(): Promise<void> {
  if (state.draining) return;
  state.draining = true;
  const started = performance.now();
  let rendered = 0;
  let last: Job | undefined;
  try {
    for (;;) {
      const wait = mayRender();
      if (wait) {
        await wait;
        continue;
      }
      const job = nextJob();
      if (!job) break;
      if (state.jobs.get(job.args.id) === job) state.jobs.delete(job.args.id);
      try {
        if (await run(job)) rendered++;
      } finally {
        job.resolve();
      }
      last = job;
      // A request that came in meanwhile gets the thread before the next render.
      await new Promise((r) => setImmediate(r));
    }
    if (last && rendered > 0) last.logInfo(`${rendered} note(s) rendered since the server started, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    state.draining = false;
  }
}

/** The stored note, if it is still the stand-in of this job's version of the note. */
function stillPending(job: Job): StoredNote | undefined {
  const stored = job.store.get(job.args.id) as StoredNote | undefined;
  if (!stored || stored.digest !== job.args.digest || !isPendingRender(stored.rendered)) return undefined;
  return stored;
}

/** Render the job's note; whether it was still waiting for it. */
async function run(job: Job): Promise<boolean> {
  if (!stillPending(job)) return false;
  let rendered: unknown;
  try {
    rendered = await job.render(job.args);
  } catch (error) {
    job.logError(`Error rendering ${job.entry}: ${(error as Error)?.message ?? String(error)}`);
  }
  const stored = stillPending(job);
  if (!stored) return false;
  const assetImports = (rendered as { metadata?: { imagePaths?: string[] } } | undefined)?.metadata?.imagePaths;
  if (state.urgent) {
    // Stored as the glob loader stores it (a set with the digest stored is ignored: the stand-in goes first).
    const { rendered: _standIn, ...rest } = stored;
    job.store.delete(job.args.id);
    job.store.set({ ...rest, ...(rendered ? { rendered } : {}), ...(assetImports ? { assetImports } : {}) });
    return true;
  }
  // In place (see the top of the file).
  if (rendered) stored.rendered = rendered;
  else delete stored.rendered; // as the glob loader stores a note that failed to render
  if (assetImports?.length && typeof stored.filePath === 'string') {
    stored.assetImports = assetImports;
    job.store.addAssetImports(assetImports, stored.filePath);
  }
  job.changed(stored);
  return true;
}
