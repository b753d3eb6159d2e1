// A render worker's notes rendered ahead (src/markdown/render-worker.ts): given Astro's Markdown
// config before the content sync, it renders the content folder's .md notes, and answers a note
// from them only for the same config and the same input, with what rendering it then gives.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { unified } from '@astrojs/markdown-remark';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  processorOptions,
  withSteadyHighlighting,
  type RenderReply,
  type WorkerData,
  type WorkerMessage,
  type WorkerNotice,
} from '../../src/markdown/processor.ts';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
// Astro's own Markdown entry type (not exported by the package): how its glob loader reads a note.
const { markdownContentEntryType } = (await import(
  pathToFileURL(path.join(root, 'node_modules/astro/dist/vite-plugin-markdown/content-entry-type.js')).href
)) as { markdownContentEntryType: { getEntryInfo(a: { contents: string; fileUrl: URL }): Promise<{ body: string; data: Record<string, unknown> }> } };
const CONTENT = path.join(root, 'tests/fixtures/sites/github-parity/content');
const WORKER = path.join(root, 'src/markdown/render-worker.ts');

type Shared = Parameters<ReturnType<typeof unified>['createRenderer']>[0];
/** Astro's resolved Markdown config for this site, as the content layer passes it (astro.config.mjs). */
const SHARED: Shared = {
  image: { service: { entrypoint: 'astro/assets/services/sharp', config: {} }, domains: [], remotePatterns: [] },
  syntaxHighlight: { type: 'shiki', excludeLangs: ['math'] },
  shikiConfig: {
    langs: [],
    langAlias: {},
    theme: 'github-dark',
    themes: { light: 'github-light-default', dark: 'github-dark-default' },
    defaultColor: false,
    wrap: false,
    transformers: [],
  },
  gfm: true,
  smartypants: false,
} as Shared;

type NoteInput = { content: string; frontmatter: Record<string, unknown>; fileURL: string };

/** A note as Astro's glob loader hands it to the renderer: its entry type's body and data, and the file's URL. */
async function noteInput(file: string): Promise<NoteInput> {
  const fileUrl = pathToFileURL(file);
  const { body, data } = await markdownContentEntryType.getEntryInfo({ contents: readFileSync(file, 'utf8'), fileUrl });
  return { content: body, frontmatter: data, fileURL: fileUrl.href };
}

const notes = readdirSync(CONTENT)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => path.join(CONTENT, f));

/** A worker that rendered the notes ahead with SHARED, then was sent `config` by the pool; what it says it holds. */
async function workerGiven(config: Shared) {
  const worker = startWorker();
  worker.send({ ahead: SHARED });
  const done = await worker.next();
  worker.send({ shared: config });
  const ready = (await worker.next()) as { ready: string[] };
  return { ...worker, renderedAhead: (done as { renderedAhead: number }).renderedAhead, ready: ready.ready };
}

// The worker and this process render against the same content folder (links, dependencies).
beforeAll(() => {
  vi.stubEnv('NOTES_CONTENT_DIR', CONTENT);
});
const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
});

/** A render worker on the fixture's content, and the next message it sends. */
function startWorker(): { send: (m: WorkerMessage) => void; next: () => Promise<RenderReply | WorkerNotice> } {
  const data: WorkerData = { deferFragments: true };
  const worker = new Worker(WORKER, { workerData: data, env: { ...process.env, NOTES_CONTENT_DIR: CONTENT } });
  workers.push(worker);
  const inbox: Array<RenderReply | WorkerNotice> = [];
  const waiting: Array<(m: RenderReply | WorkerNotice) => void> = [];
  worker.on('message', (m: RenderReply | WorkerNotice) => (waiting.length > 0 ? waiting.shift()!(m) : inbox.push(m)));
  return {
    send: (m) => worker.postMessage(m),
    next: () => (inbox.length > 0 ? Promise.resolve(inbox.shift()!) : new Promise((resolve) => waiting.push(resolve))),
  };
}

/** What the same processor gives in this process. */
async function renderHere(input: NoteInput) {
  const renderer = await unified(processorOptions({ deferFragments: true })).createRenderer(withSteadyHighlighting(SHARED));
  return renderer.render(input.content, { frontmatter: structuredClone(input.frontmatter), fileURL: new URL(input.fileURL) });
}

describe('rendering notes ahead in a render worker', () => {
  it('answers each note from what it rendered ahead, the same result as rendering it in process', async () => {
    expect(notes.length).toBeGreaterThan(1);
    const { send, next, renderedAhead, ready } = await workerGiven(SHARED);
    expect(renderedAhead).toBe(notes.length);
    expect([...ready].sort()).toEqual(notes.map((f) => pathToFileURL(f).href).sort());
    let id = 1;
    for (const file of notes) {
      const input = await noteInput(file);
      send({ id, ...input });
      const reply = (await next()) as RenderReply;
      expect(reply.id).toBe(id++);
      expect(reply.ahead).toBe(true);
      expect(reply.error).toBeUndefined();
      expect(reply.result).toEqual(await renderHere(input));
    }
  }, 60_000);

  it('renders a note again when its body or frontmatter is not the one rendered ahead', async () => {
    const { send, next } = await workerGiven(SHARED);
    const [first, second] = (await Promise.all(notes.map(noteInput))) as [NoteInput, NoteInput];
    const edited = { ...first, content: `${first.content}\n\n덧붙인 문단.` };
    const retitled = { ...second, frontmatter: { ...second.frontmatter, title: '바뀐 제목' } };
    for (const [id, input] of [edited, retitled].entries()) {
      send({ id, ...input });
      const reply = (await next()) as RenderReply;
      expect(reply.ahead).toBeUndefined();
      expect(reply.result).toEqual(await renderHere(input));
    }
  }, 60_000);

  it('drops what it rendered ahead when the Markdown config differs', async () => {
    const { ready } = await workerGiven({ ...SHARED, smartypants: true });
    expect(ready).toEqual([]);
  }, 60_000);
});
