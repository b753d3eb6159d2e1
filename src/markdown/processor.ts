// The site's Markdown processor (astro.config.mjs `markdown.processor`): Astro's `unified()` with
// the one plugin list (pipeline.ts), whose .md renderer runs on worker threads in `astro build`.
//
// Astro's content loader renders every .md note on the main thread, one after another, while the
// machine's other core waits: at 1000 notes that render is most of a cold build. Here each render
// (`render(body, { frontmatter, fileURL })`, exactly what Astro calls) goes to a pool: the main
// thread and workers (render-worker.ts), each holding the same processor, so notes render on
// every core (NOTES_RENDER_WORKERS=N: N renderers, the main thread and N-1 workers).
// The HTML and metadata are the ones the same processor makes in process (a test builds the
// fixtures both ways and compares dist/ byte for byte). What the plugins report in a worker is
// reported again here, into the build's collector (it drops repeats). The pool's summary line
// also says how many notes satteri parsed and how many micromark did (native-parse.ts).
//
// In process (no workers): the dev server, `NOTES_RENDER_WORKERS=0` (or 1), a one-core machine,
// or fewer than MIN_NOTES notes (starting a worker costs more than it saves). .mdx notes are
// compiled by Vite through createMdxRenderer, unchanged.
import { existsSync, writeSync } from 'node:fs';
import module from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { unified, type UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import { diagnostics, type Diagnostic } from '../core/diagnostics.ts';
import { frugalHeap } from '../core/memory.ts';
import { getNoteGraph } from '../notes/note-graph.ts';
import { contentDir, projectRoot } from '../core/project.ts';
import { runMode, runModeFrom } from '../core/run-mode.ts';
import { nativeParseStats } from './native-parse.ts';
import { nativeParseEnabled } from '../syntax/native-tree.ts';
import { createRehypePlugins, createRemarkPlugins, remarkRehypeOptions } from './pipeline.ts';

/**
 * The processor's options: the one plugin list, GFM on, SmartyPants off. In a build, links into
 * other notes' headings are checked when the pages render, against each page's own ids, instead of
 * parsing every linked note again while rendering (remark-note-links `deferFragments`).
 */
export function processorOptions(options: { deferFragments?: boolean; base?: string } = {}): UnifiedProcessorOptions {
  const pipeline = { ...(options.deferFragments ? { deferFragments: true } : {}), ...(options.base ? { base: options.base } : {}) };
  return {
    gfm: true,
    smartypants: false,
    remarkPlugins: createRemarkPlugins(pipeline),
    rehypePlugins: createRehypePlugins(),
    remarkRehype: remarkRehypeOptions,
  };
}

type Processor = ReturnType<typeof unified>;
type Shared = Parameters<Processor['createRenderer']>[0];
type Renderer = Awaited<ReturnType<Processor['createRenderer']>>;
type RenderOptions = NonNullable<Parameters<Renderer['render']>[1]>;
type RenderResult = Awaited<ReturnType<Renderer['render']>>;

/** Below this many notes, rendering stays on the main thread. */
export const MIN_NOTES = 40;

/** How many threads render notes, the main thread included (0: in process only). */
export function renderWorkerCount(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): number {
  const configured = env.NOTES_RENDER_WORKERS?.trim();
  if (configured) {
    const n = Number(configured);
    return Number.isInteger(n) && n >= 2 ? n : 0;
  }
  if (runModeFrom(argv, env) !== 'build') return 0;
  const cores = availableParallelism();
  return cores >= 2 ? Math.min(cores, 4) : 0;
}

/** How many threads will render this run's .md notes, the main thread included (0 or 1: in process). */
function plannedRenderers(): number {
  const workers = renderWorkerCount();
  if (workers === 0 || process.env.NOTES_RENDER_WORKERS) return workers;
  const notes = getNoteGraph(contentDir(), projectRoot()).notes.filter((n) => !/\.mdx$/i.test(n.file)).length;
  return notes < MIN_NOTES ? 0 : Math.min(workers, Math.ceil(notes / MIN_NOTES));
}

/** Astro's content store file in a build: what the glob loader keeps between builds (`cacheDir`). */
function buildStoreFile(cacheDir: string | undefined): string {
  return path.join(path.resolve(projectRoot(), cacheDir ?? 'node_modules/.astro'), 'data-store.json');
}

/**
 * @param options.base the site's base (astro.config.mjs passes src/core/site-address.ts's)
 * @param options.cacheDir Astro's `cacheDir` when the config sets one: without a content store
 *   there, every note renders, and the workers start with the processor
 */
export function notesProcessor(options: { base?: string; cacheDir?: string } = {}): Processor {
  const deferFragments = runMode() === 'build';
  const base = options.base;
  const inner = unified(processorOptions({ deferFragments, ...(base ? { base } : {}) }));
  const renderers = plannedRenderers();
  const data: WorkerData = { deferFragments, ...(base ? { base } : {}) };
  // A worker spends its first second or two loading the pipeline. When every note will render (no
  // content store yet, or NOTES_RENDER_WORKERS set), it loads while Astro and Vite start, instead
  // of after the first notes are queued; a rebuild that renders one edited note starts none.
  const early = renderers > 1 && (process.env.NOTES_RENDER_WORKERS || !existsSync(buildStoreFile(options.cacheDir)))
    ? startWorkers(renderers - 1, data)
    : [];
  const processor: Processor = {
    ...inner,
    async createRenderer(shared: Shared): Promise<Renderer> {
      // The main thread renders too, in place of one worker: it only waits otherwise, and each
      // worker holds its own copy of the pipeline and heap (~250 MB at 1000 notes), which V8
      // gives back only well after the worker ends, during the Vite builds.
      const local = await inner.createRenderer(withSteadyHighlighting(shared));
      if (renderers < 2) return local;
      return new RenderPool(renderers - 1, data, shared, local, early.splice(0));
    },
  };
  const mdx = inner.createMdxRenderer;
  if (mdx) processor.createMdxRenderer = (shared, options) => mdx(withSteadyHighlighting(shared), options);
  return processor;
}

/**
 * Shiki stops tokenizing a line after 500 ms by default and leaves the rest of it uncoloured, in
 * one theme or both (each theme is tokenized apart): on a loaded machine the same code block then
 * came out with different colours from build to build. A limit no sane line reaches keeps the
 * output the same on every machine, and a pathological grammar still cannot hang the build.
 * Added where each renderer is made (here and in render-worker.ts): a function does not pass to a
 * worker thread.
 */
export function withSteadyHighlighting(shared: Shared): Shared {
  const shiki = shared.shikiConfig;
  const steady = {
    name: 'notes-steady-highlighting',
    preprocess(_code: string, options: { tokenizeTimeLimit?: number }) {
      options.tokenizeTimeLimit = 30_000;
    },
  };
  return { ...shared, shikiConfig: { ...shiki, transformers: [...(shiki?.transformers ?? []), steady] } };
}

function workerFile(): string {
  const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'render-worker.ts');
  return existsSync(here) ? here : path.join(projectRoot(), 'src/markdown/render-worker.ts');
}

/** What a render worker is started with (render-worker.ts); Astro's Markdown config follows in its first message. */
export interface WorkerData {
  deferFragments: boolean;
  /** The site's base (notesProcessor's). */
  base?: string;
}

/** What the pool sends a render worker: Astro's Markdown config (first), a note, or the end (with a memory-reducing collection first in a frugal build). */
export type WorkerMessage =
  | { shared: Shared }
  | { id: number; content: string; fileURL?: string; frontmatter: Record<string, unknown> }
  | { stop: true; releaseMemory: boolean };

interface Task {
  id: number;
  content: string;
  fileURL: string | undefined;
  frontmatter: Record<string, unknown>;
  resolve: (result: RenderResult) => void;
  reject: (error: unknown) => void;
}

interface Reply {
  id: number;
  result?: RenderResult;
  error?: { message: string; stack?: string; name?: string };
  diagnostics: Diagnostic[];
  /** How the note was parsed in the worker (native-parse.ts): by satteri, by micromark. */
  parsed: [number, number];
}

/**
 * Notes a worker holds at once. Its replies are taken, and more notes sent, only between the main
 * thread's renders: with two in hand a worker idled ~30% of a cold build's content sync.
 */
const TASKS_PER_WORKER = 5;

interface Slot {
  worker: Worker;
  /** Its notes, in the order sent (it renders and replies in that order). */
  tasks: Task[];
}

function startWorkers(count: number, data: WorkerData): Worker[] {
  // Astro's CLI turns Node's compile cache on for the main thread (not in CI); a worker thread's
  // module loader uses it only when its environment names it: loading the pipeline then took
  // ~0.28 s instead of ~0.42 s.
  const cache = module.getCompileCacheDir?.();
  const env = cache ? { ...process.env, NODE_COMPILE_CACHE: path.dirname(cache) } : process.env;
  return Array.from({ length: count }, () => {
    const worker = new Worker(workerFile(), { workerData: data, env });
    worker.unref();
    return worker;
  });
}

/** The main thread and workers rendering notes; workers start with the processor or on the first waiting note, end when idle. */
class RenderPool implements Renderer {
  #size: number;
  #data: WorkerData;
  #shared: Shared;
  #started: Worker[];
  #slots: Slot[] = [];
  #queue: Task[] = [];
  #next = 1;
  #idleTimer: NodeJS.Timeout | undefined;
  #rendered = 0;
  /** Notes parsed by satteri and by micromark: on the main thread before the pool, in workers. */
  #parsedBefore: [number, number] = [nativeParseStats.native, nativeParseStats.micromark];
  #parsedInWorkers: [number, number] = [0, 0];
  /** The in-process renderer, taking a task whenever it is free. */
  #local: Renderer;
  #localBusy = false;

  constructor(size: number, data: WorkerData, shared: Shared, local: Renderer, started: Worker[]) {
    this.#size = size;
    this.#data = data;
    this.#shared = shared;
    this.#local = local;
    this.#started = started;
    if (started.length > 0) this.#start();
    // The idle timer does not keep the process alive: a build that ends within its second still
    // says what rendered where (written synchronously, as the process is exiting).
    process.once('exit', () => {
      if (this.#rendered > 0) writeSync(1, `${this.#summary(this.#slots.length)}\n`);
    });
  }

  #summary(workers: number): string {
    const native = nativeParseStats.native - this.#parsedBefore[0] + this.#parsedInWorkers[0];
    const micromark = nativeParseStats.micromark - this.#parsedBefore[1] + this.#parsedInWorkers[1];
    const parsed = nativeParseEnabled() ? `parsed by satteri ${native}, by micromark ${micromark}` : 'native parse off';
    return `[notes-render] ${this.#rendered} note(s) rendered on the main thread and ${workers} worker thread(s); ${parsed}`;
  }

  render(content: string, options?: RenderOptions): Promise<RenderResult> {
    clearTimeout(this.#idleTimer);
    return new Promise((resolve, reject) => {
      this.#queue.push({
        id: this.#next++,
        content,
        fileURL: options?.fileURL?.href,
        frontmatter: options?.frontmatter ?? {},
        resolve,
        reject,
      });
      // Workers only when notes wait while the main thread renders: a rebuild that re-renders
      // one or two edited notes does not pay for starting them.
      if (this.#slots.length === 0 && this.#queue.length > 1) this.#start();
      this.#dispatch();
    });
  }

  #start(): void {
    const workers = this.#started.splice(0);
    workers.push(...startWorkers(this.#size - workers.length, this.#data));
    for (const worker of workers) {
      const slot: Slot = { worker, tasks: [] };
      worker.postMessage({ shared: this.#shared } satisfies WorkerMessage);
      worker.on('message', (reply: Reply) => {
        const task = slot.tasks.shift();
        this.#rendered++;
        this.#parsedInWorkers[0] += reply.parsed[0];
        this.#parsedInWorkers[1] += reply.parsed[1];
        for (const d of reply.diagnostics) diagnostics.report(d);
        if (task) {
          if (reply.error) {
            const error = new Error(reply.error.message);
            if (reply.error.stack) error.stack = reply.error.stack;
            task.reject(error);
          } else task.resolve(reply.result!);
        }
        this.#dispatch();
      });
      worker.on('error', (error) => {
        for (const task of slot.tasks.splice(0)) task.reject(error);
        this.#slots = this.#slots.filter((s) => s !== slot);
        // A worker that died: the others (or a fresh pool) take the rest.
        if (this.#slots.length === 0) for (const t of this.#queue.splice(0)) t.reject(error);
      });
      this.#slots.push(slot);
    }
  }

  #dispatch(): void {
    // Workers first, so they keep a few notes in hand while this thread renders one.
    for (const slot of this.#slots) {
      while (slot.tasks.length < TASKS_PER_WORKER && this.#queue.length > 0) {
        const task = this.#queue.shift()!;
        slot.tasks.push(task);
        const message: WorkerMessage = { id: task.id, content: task.content, frontmatter: task.frontmatter, ...(task.fileURL ? { fileURL: task.fileURL } : {}) };
        slot.worker.postMessage(message);
      }
    }
    if (!this.#localBusy && this.#queue.length > 0) {
      const task = this.#queue.shift()!;
      this.#localBusy = true;
      const options: RenderOptions = { frontmatter: task.frontmatter, ...(task.fileURL ? { fileURL: new URL(task.fileURL) } : {}) };
      // After the current dispatch, so the workers get their tasks before this render blocks.
      setImmediate(() => {
        this.#local.render(task.content, options).then(task.resolve, task.reject).finally(() => {
          this.#localBusy = false;
          this.#rendered++;
          this.#dispatch();
        });
      });
    }
    if (this.#queue.length === 0 && !this.#localBusy && this.#slots.every((s) => s.tasks.length === 0)) {
      // Let the workers go once no render has come for a moment (the content sync is over).
      clearTimeout(this.#idleTimer);
      this.#idleTimer = setTimeout(() => this.#stop(), 1000);
      this.#idleTimer.unref();
    }
  }

  #stop(): void {
    const slots = this.#slots;
    this.#slots = [];
    console.info(this.#summary(slots.length));
    this.#rendered = 0;
    this.#parsedBefore = [nativeParseStats.native, nativeParseStats.micromark];
    this.#parsedInWorkers = [0, 0];
    // The worker ends itself after giving its free heap pages back to the OS: ended from here, its
    // ~100 MB heap stayed resident 8 s longer (V8 pools an ended isolate's pages), through the
    // Vite build and page generation and, on a quick build, the search index (the build's peak).
    for (const slot of slots) slot.worker.postMessage({ stop: true, releaseMemory: frugalHeap() } satisfies WorkerMessage);
  }
}
