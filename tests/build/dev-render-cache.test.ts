// Issue 14 in `npm run dev`: a note is rendered again when only what it depends on changes (an
// image added, replaced, removed; a linked note added, removed, its heading renamed; a file under
// public/ added, removed), and its page and warnings are then what a run without any cache gives
// (`npm run check` without its cache, checkNotes, for the warnings). A server started again with
// another base path (Astro keeps the dev server's content store in .astro/) uses the new base.
//
// Holds the build tests' lock while a server runs (see tests/build/dev-server.test.ts).
import { cpSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNotes } from '../../src/commands/check.ts';
import { ROOT, SITES } from './build-site.ts';
import { eventually as poll, startDevServer, type DevServer } from './dev-server-harness.ts';

const IMAGES = path.join(SITES, 'note-links/content/images');
const NOTE = '# 가\n\n![그림](./그림/fig.png)\n\n[나](./02-나.md)\n\n[다의 개요](./03-다.md#개요)\n\n[공개 파일](/extra.txt)\n\n[자료](./자료.txt)\n';

const workDir = mkdtempSync(path.join(tmpdir(), 'notes-dev-cache-'));
const content = path.join(workDir, 'content');
const publicDir = path.join(workDir, 'public');

let dev: DevServer | undefined;

const eventually = <T>(what: string, probe: () => Promise<T>, check: (value: T) => boolean) => poll(what, probe, check, dev ? { server: dev } : {});
const get = (page: string) => dev!.get(page);

async function start(env: Record<string, string> = {}): Promise<DevServer> {
  dev = await startDevServer({
    NOTES_CONTENT_DIR: content,
    NOTES_PUBLIC_DIR: publicDir,
    NOTES_CACHE_DIR: path.join(workDir, 'cache'),
    ...env,
  });
  return dev;
}

async function stop(): Promise<void> {
  if (process.env.DEV_LOG && dev) writeFileSync(process.env.DEV_LOG, dev.log(), { flag: 'a' });
  await dev?.stop();
  dev = undefined;
}

/** What a run without any cache reports for the note: `line code`, in line order. */
async function expectedWarnings(): Promise<string[]> {
  const { diagnostics } = await checkNotes(content, { root: ROOT });
  return diagnostics.filter((d) => d.file.endsWith('01-가.md')).map((d) => `${d.line} ${d.code}`);
}

/** Wait until the note's latest render since `mark` reported what a run without cache reports; gives that. */
async function rendered(mark: number): Promise<string[]> {
  const expected = await expectedWarnings();
  // The warnings printed by the note's latest render (several files changed may take two renders),
  // which come just before the loader's message; a page served meanwhile may have printed the
  // older render's warnings again before them.
  const latest = (log: string): string[] | undefined => {
    const renders = log.split(/Reloaded data from 01-가\.md/);
    if (renders.length < 2) return undefined;
    const printed = [...renders.at(-2)!.matchAll(/01-가\.md:(\d+):\d+ warning \[([\w-]+)\]/g)].map((m) => `${m[1]} ${m[2]}`);
    return printed.slice(Math.max(0, printed.length - expected.length));
  };
  await eventually('the note rendered again', async () => latest(dev!.log().slice(mark)), (w) => JSON.stringify(w) === JSON.stringify(expected));
  return expected;
}

/** Change what the note depends on (never the note); the warnings once it has rendered again. */
async function change(what: () => void): Promise<string[]> {
  const mark = dev!.log().length;
  what();
  return rendered(mark);
}

beforeAll(async () => {
  // checkNotes (the run without cache the warnings are compared with) reads this too.
  process.env.NOTES_PUBLIC_DIR = publicDir;
  mkdirSync(content);
  cpSync(path.join(ROOT, 'public'), publicDir, { recursive: true });
  writeFileSync(path.join(content, '01-가.md'), NOTE);
  writeFileSync(path.join(content, '03-다.md'), '# 다\n\n## 개요\n\n본문\n');
  await start();
}, 330_000);

afterAll(async () => {
  delete process.env.NOTES_PUBLIC_DIR;
  await stop();
  if (!process.env.KEEP_BUILDS) rmSync(workDir, { recursive: true, force: true });
});

// The tests are the steps of one story on one running server (each change builds on the one before):
// they run in their order also when the suite is shuffled.
describe('npm run dev follows what a note depends on', { timeout: 480_000, shuffle: false }, () => {
  it('reports what is missing at the note lines', async () => {
    expect(await expectedWarnings()).toEqual(['3 missing-image', '5 missing-note', '9 broken-site-link', '11 missing-file']);
    await eventually('the warnings', async () => dev!.log(), (l) => l.includes('01-가.md:11:1 warning [missing-file]'));
    expect((await get('가/')).html).not.toContain('<img');
  });

  it('shows an added image, and a replaced one', async () => {
    const warnings = await change(() => {
      mkdirSync(path.join(content, '그림'));
      cpSync(path.join(IMAGES, 'fig.png'), path.join(content, '그림', 'fig.png'));
    });
    expect(warnings).toEqual(['5 missing-note', '9 broken-site-link', '11 missing-file']);
    await eventually('the image', () => get('가/'), (r) => r.status === 200 && /<img[^>]*width="40"/.test(r.html));
    await change(() => cpSync(path.join(IMAGES, '그림 2.png'), path.join(content, '그림', 'fig.png')));
    await eventually('the other image', () => get('가/'), (r) => r.status === 200 && /<img[^>]*width="24"/.test(r.html));
  });

  it('follows a linked note added, its heading renamed, a file and a public/ file added', async () => {
    expect(await change(() => writeFileSync(path.join(content, '02-나.md'), '# 나\n'))).toEqual(['9 broken-site-link', '11 missing-file']);
    await eventually('the link to the new note', () => get('가/'), (r) => r.html.includes(`href="/${encodeURI('나')}/"`));
    const renamed = await change(() => writeFileSync(path.join(content, '03-다.md'), '# 다\n\n## 요약\n\n본문\n'));
    expect(renamed).toEqual(['7 missing-heading', '9 broken-site-link', '11 missing-file']);
    expect(await change(() => writeFileSync(path.join(content, '자료.txt'), '자료\n'))).toEqual(['7 missing-heading', '9 broken-site-link']);
    expect(await change(() => writeFileSync(path.join(publicDir, 'extra.txt'), 'extra\n'))).toEqual(['7 missing-heading']);
  });

  it('reports them missing again when they are removed, and keeps serving the page', async () => {
    const mark = dev!.log().length;
    for (const file of [path.join(content, '그림', 'fig.png'), path.join(content, '02-나.md'), path.join(content, '자료.txt'), path.join(publicDir, 'extra.txt')]) unlinkSync(file);
    // Asked for at once: until the note is rendered again, an error names the note and line.
    const failed: string[] = [];
    const page = await eventually(
      'the page without the image',
      async () => {
        const response = await get('가/');
        if (response.status !== 200) failed.push(response.html);
        return response;
      },
      (r) => r.status === 200 && !r.html.includes('<img'),
    );
    expect(page.html).toContain('그림');
    // (The error page's details are drawn by Vite's client: the log has them.)
    for (const html of failed) expect(html).toContain('<title>NoteError</title>');
    expect(await rendered(mark)).toEqual(['3 missing-image', '5 missing-note', '7 missing-heading', '9 broken-site-link', '11 missing-file']);
    const log = dev!.log().slice(mark);
    expect(log).not.toContain('ImageNotFound');
    for (const line of log.split('\n').filter((l) => l.includes('[ERROR]'))) expect(line).toMatch(/01-가\.md:3:\d+ error \[missing-image\]/);
  });

  it('uses a new base path after a restart', async () => {
    await change(() => writeFileSync(path.join(content, '02-나.md'), '# 나\n'));
    await eventually('the link to the note', () => get('가/'), (r) => r.html.includes(`<a href="/${encodeURI('나')}/">`));
    await stop();
    await start({ BASE_PATH: '/notes/' });
    const page = await eventually('the page under /notes/', () => get('가/'), (r) => r.status === 200);
    expect(page.html).toContain(`<a href="/notes/${encodeURI('나')}/">`);
  });
});
