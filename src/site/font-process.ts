// Reading the font's cmap and cutting its files load HarfBuzz and the woff2 codec (WebAssembly):
// 60-150 MB with their buffers, which in the build's own process stay resident to its end, through
// the page generation and the search index, where its memory peaks. A worker thread gives little
// of it back (V8 keeps an ended thread's heap pages for 8 s, the C allocator its arena), so the
// work runs in a child process that ends once the fonts are planned. It starts only when the font
// cache lacks something.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../core/project.ts';
import type { CmapReader, Subsetter } from './font-subset.ts';
import type { FontReply, FontRequest } from './font-worker.ts';

type Pending = { resolve: (reply: FontReply) => void; reject: (error: unknown) => void };

function workerFile(): string {
  // Bundled into a build chunk, this module is no longer beside font-worker.ts.
  const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'font-worker.ts');
  return existsSync(here) ? here : path.join(projectRoot(), 'src/site/font-worker.ts');
}

/**
 * How many cuts a process makes with V8's baseline WebAssembly compiler only. By default V8 also
 * compiles the woff2 compressor's hot code with its optimizing compiler, on another thread: ~0.6 s
 * of CPU per process, after which a cut of ~200 characters takes ~0.23 s instead of ~0.4 s. For a
 * few cuts (a site's first file and one more, the usual case) that costs more than it saves:
 * reading the cmap and two cuts took ~0.75 s of CPU instead of ~1.3 s (same bytes).
 */
export const FEW_CUTS = 4;

export interface FontProcessOptions {
  /** Let V8 optimize the WebAssembly (for more than FEW_CUTS cuts). */
  optimize?: boolean;
}

export class FontProcess {
  #child: ChildProcess | undefined;
  #pending = new Map<number, Pending>();
  #next = 1;
  readonly #optimize: boolean;

  constructor({ optimize = false }: FontProcessOptions = {}) {
    this.#optimize = optimize;
  }

  #ask(request: FontRequest): Promise<FontReply> {
    const child = (this.#child ??= this.#start());
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      child.send({ ...request, id });
    });
  }

  #start(): ChildProcess {
    // 'advanced': font bytes go as typed arrays, not JSON.
    const execArgv = this.#optimize ? process.execArgv : [...process.execArgv, '--liftoff-only'];
    const child = fork(workerFile(), [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (reply: FontReply) => {
      const pending = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (reply.error) pending?.reject(new Error(reply.error));
      else pending?.resolve(reply);
    });
    const fail = (error: unknown) => {
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
      if (this.#child === child) this.#child = undefined;
    };
    child.on('error', fail);
    child.on('exit', (code, signal) => fail(new Error(`the font process ended (${signal ?? `exit code ${code}`})`)));
    return child;
  }

  readonly cmap: CmapReader = async (file) => (await this.#ask({ kind: 'cmap', file })).chars!;

  readonly cut: Subsetter = async (font, text) => {
    const { bytes } = await this.#ask({ kind: 'cut', font, text });
    return Buffer.from(bytes!.buffer, bytes!.byteOffset, bytes!.byteLength);
  };

  /** Ends the process, if it started. */
  async end(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.disconnect();
    await exited;
  }
}
