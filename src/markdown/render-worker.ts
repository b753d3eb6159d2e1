// A render worker of the site's Markdown processor (processor.ts): the same processor, the same
// `render(body, { frontmatter, fileURL })` Astro calls; replies with the result and what the
// plugins reported while rendering it. `{ stop: true }` ends it.
import { parentPort, workerData } from 'node:worker_threads';
import { unified } from '@astrojs/markdown-remark';
import { diagnostics, type Diagnostic } from '../core/diagnostics.ts';
import { releaseMemory } from '../core/memory.ts';
import { nativeParseStats } from './native-parse.ts';
import { processorOptions, withSteadyHighlighting, type WorkerData } from './processor.ts';

const { shared, deferFragments, base } = workerData as WorkerData;
const renderer = await unified(processorOptions({ deferFragments, ...(base ? { base } : {}) })).createRenderer(withSteadyHighlighting(shared));

let reported: Diagnostic[] = [];
diagnostics.onReport((d) => reported.push(d));

parentPort!.on('message', async (task: { id: number; content: string; fileURL?: string; frontmatter: Record<string, unknown> } | { stop: true }) => {
  if ('stop' in task) {
    // Ended by the pool once idle: first the heap's free pages back to the OS, which after a plain
    // end V8 keeps for 8 s (processor.ts RenderPool #stop).
    releaseMemory();
    process.exit(0);
  }
  reported = [];
  const before = [nativeParseStats.native, nativeParseStats.micromark];
  const parsed = () => [nativeParseStats.native - before[0]!, nativeParseStats.micromark - before[1]!];
  try {
    const result = await renderer.render(task.content, {
      frontmatter: task.frontmatter,
      ...(task.fileURL ? { fileURL: new URL(task.fileURL) } : {}),
    });
    parentPort!.postMessage({ id: task.id, result, diagnostics: reported, parsed: parsed() });
  } catch (error) {
    const e = error as Error;
    parentPort!.postMessage({
      id: task.id,
      error: { message: e?.message ?? String(error), ...(e?.stack ? { stack: e.stack } : {}) },
      diagnostics: reported,
      parsed: parsed(),
    });
  }
});
