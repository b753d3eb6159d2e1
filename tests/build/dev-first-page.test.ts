// `npm run dev` answers a page before every note is rendered (src/site/dev-renders.ts), and that
// page is the page it serves once every note is: the sidebar, neighbours, title and description
// read from the other notes' text equal what their renders give. A server stopped before it rendered
// every note leaves stand-ins in Astro's store file; the next start renders those notes again.
//
// Holds the build tests' lock while a server runs (see tests/build/dev-server.test.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBenchNotes } from '../../scripts/bench-notes.ts';
import { eventually, startDevServer, type DevServer } from './dev-server-harness.ts';

const NOTES = 150;
const DONE = /(\d+) note\(s\) rendered since the server started/;

const workDir = mkdtempSync(path.join(tmpdir(), 'notes-dev-first-'));
const content = path.join(workDir, 'content');
let dev: DevServer | undefined;
let files: string[] = [];

/** The page of a note file (`01-주제-1/002-노트-2.md` → `주제-1/노트-2/`). */
const pageOf = (relPath: string) => `${relPath.replace(/\.md$/, '').split('/').map((s) => s.replace(/^\d+-/, '')).join('/')}/`;

const start = () => startDevServer({ NOTES_CONTENT_DIR: content, NOTES_CACHE_DIR: path.join(workDir, 'cache') });

beforeAll(() => {
  files = writeBenchNotes(content, NOTES);
  // A note titled by frontmatter, with an emoji and a line break in a heading.
  writeFileSync(path.join(content, '01-주제-1', '000-머리말.md'), '---\ntitle: 머리말 🚀\ndescription: 앞에 두는 글\n---\n\n## 첫<br>절\n\n본문 [다음](./001-노트-1.md#' + 'x)\n');
});

afterAll(async () => {
  await dev?.stop();
  if (!process.env.KEEP_BUILDS) rmSync(workDir, { recursive: true, force: true });
});

describe('npm run dev before every note is rendered', { timeout: 480_000 }, () => {
  it('serves a page first, and the same page once every note is rendered', async () => {
    dev = await start();
    // The last notes in reading order: the background renders them last.
    const late = [files.at(-1)!, files.at(-2)!, '01-주제-1/000-머리말.md'];
    const early: string[] = [];
    for (const file of late) {
      const page = await dev.get(pageOf(file));
      expect(page.status, file).toBe(200);
      early.push(page.html);
    }
    expect(dev.log(), 'every note was rendered before the pages were asked for').not.toMatch(DONE);
    const done = await eventually('every note rendered', async () => dev!.log(), (l) => DONE.test(l), { server: dev, timeoutMs: 120_000 });
    expect(Number(DONE.exec(done)![1])).toBeGreaterThan(NOTES / 2);
    for (const [i, file] of late.entries()) expect((await dev.get(pageOf(file))).html, file).toBe(early[i]);
    expect(early[2]).toContain('<title>머리말 🚀');
    // The fragment link into a note rendered later is still checked.
    expect(dev.log()).toMatch(/000-머리말\.md:\d+:\d+ warning \[missing-heading\]/);
  });

  it('renders again, after a restart, the notes it had not rendered when it stopped', async () => {
    await dev!.stop();
    dev = await start();
    const file = files.at(-1)!;
    const first = await dev.get(pageOf(file));
    // Stopped at once: most notes are still stand-ins in the store file.
    await dev.stop();
    dev = await start();
    const again = await dev.get(pageOf(file));
    expect(again.status).toBe(200);
    expect(again.html).toBe(first.html);
    const other = files[Math.floor(NOTES / 2)]!;
    const page = await dev.get(pageOf(other));
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<h2[^>]*id="/);
    await eventually('every note rendered', async () => dev!.log(), (l) => DONE.test(l), { server: dev, timeoutMs: 120_000 });
    expect((await dev.get(pageOf(other))).html).toBe(page.html);
  });
});
