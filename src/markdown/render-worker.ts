// A render worker of the site's Markdown processor (processor.ts): the same processor, the same
// `render(body, { frontmatter, fileURL })` Astro calls; replies with the result and what the
// plugins reported while rendering it. Its first message is Astro's Markdown config (the worker
// may start before Astro has it, see notesProcessor); then notes, handled one at a time in the
// order they came; `{ stop: true }` ends it.
//
// Started before Astro's content sync, it may first get `{ ahead }`: the Markdown config as Astro
// will send it. It then renders notes ahead, reading them as Astro's glob loader does, while Astro
// starts and this core would idle, until the pool's first message. A note rendered ahead is
// answered from here only when the pool sends the same Markdown config and the same note (body,
// frontmatter and file), so it is what rendering it then gives.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { unified } from '@astrojs/markdown-remark';
import { diagnostics, type Diagnostic } from '../core/diagnostics.ts';
import { releaseMemory } from '../core/memory.ts';
import { contentDir, projectRoot } from '../core/project.ts';
import { getNoteGraph } from '../notes/note-graph.ts';
import { nativeParseStats } from './native-parse.ts';
import { processorOptions, withSteadyHighlighting, type RenderReply, type WorkerData, type WorkerMessage, type WorkerNotice } from './processor.ts';

const { deferFragments, base } = workerData as WorkerData;
const processor = unified(processorOptions({ deferFragments, ...(base ? { base } : {}) }));
type Shared = Parameters<typeof processor.createRenderer>[0];
let renderer: ReturnType<typeof processor.createRenderer> | undefined;

let reported: Diagnostic[] = [];
diagnostics.onReport((d) => reported.push(d));

/** A note rendered ahead: its input, and the reply to send if the pool asks for that input. */
interface Ahead {
  content: string;
  frontmatter: Record<string, unknown>;
  reply: Omit<RenderReply, 'id'>;
}
/** The Markdown config the notes were rendered ahead with, and those notes by file URL. */
let aheadConfig: Shared | undefined;
const ahead = new Map<string, Ahead>();
/** The pool has sent its first message: no more rendering ahead. */
let poolStarted = false;

// The pool sends the next note before this one is done: each waits for the one before it.
let previous: Promise<void> = Promise.resolve();
parentPort!.on('message', (message: WorkerMessage) => {
  if (!('ahead' in message)) poolStarted = true;
  previous = previous.then(() => handle(message));
});

/** Renders one note, with what the plugins reported and how it was parsed. */
async function renderNote(content: string, frontmatter: Record<string, unknown>, fileURL: string | undefined): Promise<Omit<RenderReply, 'id'>> {
  reported = [];
  const before = [nativeParseStats.native, nativeParseStats.micromark];
  const parsed = (): [number, number] => [nativeParseStats.native - before[0]!, nativeParseStats.micromark - before[1]!];
  try {
    if (!renderer) throw new Error('render worker: a note came before the Markdown config');
    const result = await (await renderer).render(content, { frontmatter, ...(fileURL ? { fileURL: new URL(fileURL) } : {}) });
    return { result, diagnostics: reported, parsed: parsed() };
  } catch (error) {
    const e = error as Error;
    return { error: { message: e?.message ?? String(error), ...(e?.stack ? { stack: e.stack } : {}) }, diagnostics: reported, parsed: parsed() };
  }
}

/** Renders the content folder's .md notes ahead, one at a time, until the pool starts. */
async function renderAhead(shared: Shared): Promise<void> {
  aheadConfig = shared;
  renderer = processor.createRenderer(withSteadyHighlighting(shared));
  for (const note of getNoteGraph(contentDir(), projectRoot()).notes) {
    // Between notes, the pool's first message gets in.
    await new Promise((resolve) => setImmediate(resolve));
    if (poolStarted) return;
    if (!/\.md$/i.test(note.file)) continue;
    let content: string;
    let frontmatter: Record<string, unknown>;
    try {
      // As Astro's Markdown entry type reads a note (astro/dist/vite-plugin-markdown/content-entry-type.js).
      const parsed = parseFrontmatter(readFileSync(note.file, 'utf8'), { frontmatter: 'empty-with-spaces' });
      content = parsed.content.trim();
      frontmatter = parsed.frontmatter as Record<string, unknown>;
    } catch {
      continue; // Astro reports it
    }
    const fileURL = pathToFileURL(note.file).href;
    // As it is before rendering: the plugins add to the frontmatter they are given.
    const given = structuredClone(frontmatter);
    const reply = await renderNote(content, frontmatter, fileURL);
    if (reply.result) ahead.set(fileURL, { content, frontmatter: given, reply });
  }
}

async function handle(message: WorkerMessage): Promise<void> {
  if ('ahead' in message) {
    if (!poolStarted) await renderAhead(message.ahead);
    parentPort!.postMessage({ renderedAhead: ahead.size } satisfies WorkerNotice);
    return;
  }
  if ('shared' in message) {
    // Notes rendered ahead are kept only if the pool's config is the one they were rendered with.
    if (!aheadConfig || !isDeepStrictEqual(aheadConfig, message.shared)) {
      ahead.clear();
      renderer = processor.createRenderer(withSteadyHighlighting(message.shared));
    }
    parentPort!.postMessage({ ready: [...ahead.keys()] } satisfies WorkerNotice);
    return;
  }
  if ('stop' in message) {
    // Ended by the pool once idle: in a frugal build, first the heap's free pages back to the OS,
    // which after a plain end V8 keeps for 8 s (processor.ts RenderPool #stop).
    releaseMemory(message.releaseMemory);
    process.exit(0);
  }
  const done = message.fileURL ? ahead.get(message.fileURL) : undefined;
  if (done) ahead.delete(message.fileURL!);
  if (done && done.content === message.content && isDeepStrictEqual(done.frontmatter, message.frontmatter)) {
    parentPort!.postMessage({ id: message.id, ...done.reply, ahead: true } satisfies RenderReply);
    return;
  }
  parentPort!.postMessage({ id: message.id, ...(await renderNote(message.content, message.frontmatter, message.fileURL)) } satisfies RenderReply);
}
