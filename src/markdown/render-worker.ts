// A render worker of the site's Markdown processor (processor.ts): the same processor, the same
// `render(body, { frontmatter, fileURL })` Astro calls; replies with the result and what the
// plugins reported while rendering it. Its first message is Astro's Markdown config (the worker
// may start before Astro has it, see notesProcessor); then notes, handled one at a time in the
// order they came; `{ stop: true }` ends it.
import { parentPort, workerData } from 'node:worker_threads';
import { unified } from '@astrojs/markdown-remark';
import { diagnostics, type Diagnostic } from '../core/diagnostics.ts';
import { releaseMemory } from '../core/memory.ts';
import { nativeParseStats } from './native-parse.ts';
import { processorOptions, withSteadyHighlighting, type WorkerData, type WorkerMessage } from './processor.ts';

const { deferFragments, base } = workerData as WorkerData;
const processor = unified(processorOptions({ deferFragments, ...(base ? { base } : {}) }));
let renderer: ReturnType<typeof processor.createRenderer> | undefined;

let reported: Diagnostic[] = [];
diagnostics.onReport((d) => reported.push(d));

// The pool sends the next note before this one is done: each waits for the one before it.
let previous: Promise<void> = Promise.resolve();
parentPort!.on('message', (message: WorkerMessage) => {
  previous = previous.then(() => handle(message));
});

async function handle(message: WorkerMessage): Promise<void> {
  if ('shared' in message) {
    renderer = processor.createRenderer(withSteadyHighlighting(message.shared));
    return;
  }
  if ('stop' in message) {
    // Ended by the pool once idle: in a frugal build, first the heap's free pages back to the OS,
    // which after a plain end V8 keeps for 8 s (processor.ts RenderPool #stop).
    releaseMemory(message.releaseMemory);
    process.exit(0);
  }
  reported = [];
  const before = [nativeParseStats.native, nativeParseStats.micromark];
  const parsed = () => [nativeParseStats.native - before[0]!, nativeParseStats.micromark - before[1]!];
  try {
    if (!renderer) throw new Error('render worker: a note came before the Markdown config');
    const result = await (await renderer).render(message.content, {
      frontmatter: message.frontmatter,
      ...(message.fileURL ? { fileURL: new URL(message.fileURL) } : {}),
    });
    parentPort!.postMessage({ id: message.id, result, diagnostics: reported, parsed: parsed() });
  } catch (error) {
    const e = error as Error;
    parentPort!.postMessage({
      id: message.id,
      error: { message: e?.message ?? String(error), ...(e?.stack ? { stack: e.stack } : {}) },
      diagnostics: reported,
      parsed: parsed(),
    });
  }
}
