// `npm run dev` (astro dev) on a temporary copy of the good fixture site: a new note appears on
// the index (and in the sidebar, when the pages have one) without a restart, an edited heading
// gets its new id, a note that fails to load is an error with file and line while the server
// keeps running, notes keep reloading after the server restarts itself (a saved config), a note
// that gains a Mermaid diagram gets the browser's Mermaid script, a removed note disappears, and
// the page ends showing the last of quick saves (the file watcher drops a save within 50 ms of the
// one before).
// The server runs in its own process group, killed at the end.
//
// It holds the lock the build tests take (tests/build/build-site.ts): Astro keeps its generated
// files in the project's .astro/ folder, which a dev server and a build must not share at once.

import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITES } from './build-site.ts';
import { eventually as poll, startDevServer, stopped, type DevServer } from './dev-server-harness.ts';

let workDir: string;
let content: string;
let server: DevServer;

const get = (page: string) => server.get(page);
const eventually = <T>(what: string, probe: () => Promise<T>, check: (value: T) => boolean) => poll(what, probe, check, { server });
const log = () => server.log();

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'notes-dev-'));
  content = path.join(workDir, 'content');
  cpSync(path.join(SITES, 'good', 'content'), content, { recursive: true });
  // NOTES_MERMAID=client: diagrams are left to the browser, whose script a page then loads (the
  // fixture has none: a note that gains one is a test below).
  server = await startDevServer({ NOTES_CONTENT_DIR: content, NOTES_CACHE_DIR: path.join(workDir, 'cache'), NOTES_MERMAID: 'client' });
}, 330_000);

afterAll(async () => {
  await server?.stop();
  if (workDir && !process.env.KEEP_BUILDS) rmSync(workDir, { recursive: true, force: true });
  if (server) expect(stopped(server), 'no process of the dev server is left').toBe(true);
});

/** Polls every 25 ms, as a reader reloading would, until the page answers 200 and passes `check`. */
async function quickly(page: string, check: (html: string) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const r = await get(page).catch(() => undefined);
    if (r?.status === 200 && check(r.html)) return;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}\n--- server log:\n${log().slice(-3000)}`);
}

const NEW_NOTE = '60-새-노트.md';
const NEW_URL = '새-노트/';

describe('npm run dev', { timeout: 480_000 }, () => {
  it('serves the fixture notes', async () => {
    const { html } = await get('');
    expect(html).toContain('검색 소개');
    expect(html).toContain('<html lang="ko"');
  });

  it('shows a new note on the index (and in the sidebar, if any) without a restart', async () => {
    // Whether the note pages link the other notes (a sidebar): then they must link the new one too.
    const before = await get('검색/소개/');
    expect(before.status).toBe(200);
    const hasSidebar = before.html.includes(`href="/${encodeURI('줄바꿈/')}"`) || before.html.includes('href="/줄바꿈/"');

    writeFileSync(path.join(content, NEW_NOTE), '# 새로 추가한 노트\n\n## 첫 절\n\n본문.\n');
    await eventually('the new note on the index', () => get(''), (r) => r.html.includes('새로 추가한 노트'));
    const page = await eventually('the new note page', () => get(NEW_URL), (r) => r.status === 200);
    expect(page.html).toMatch(/<h2[^>]*\bid="첫-절"/);
    if (hasSidebar) {
      await eventually(
        'the new note in the sidebar',
        () => get('검색/소개/'),
        (r) => r.html.includes(`href="/${encodeURI(NEW_URL)}"`) || r.html.includes(`href="/${NEW_URL}"`),
      );
    }
  });

  it('gives an edited heading its new id', async () => {
    const file = path.join(content, '61-제목-바꿀-노트.md');
    writeFileSync(file, '# 제목을 바꿀 노트\n\n## 첫 절\n\n본문.\n');
    await eventually('the note with its first id', () => get('제목-바꿀-노트/'), (r) => /\bid="첫-절"/.test(r.html));
    writeFileSync(file, readFileSync(file, 'utf8').replace('## 첫 절', '## 바뀐 절'));
    const page = await eventually('the new id', () => get('제목-바꿀-노트/'), (r) => /\bid="바뀐-절"/.test(r.html));
    expect(page.html).not.toMatch(/\bid="첫-절"/);
  });

  it('shows a note that fails to load as an error with file and line, and keeps running', async () => {
    const broken = path.join(content, '70-깨진.md');
    writeFileSync(broken, '---\ntitle: "닫히지 않은 따옴표\n---\n\n# 깨진 노트\n');
    const error = await eventually('the error page', () => get(''), (r) => r.status === 500);
    expect(error.html).toContain('NoteError');
    await eventually('the error in the log', async () => log(), (l) => l.includes('70-깨진.md:3:1 error [invalid-frontmatter-yaml]'));

    writeFileSync(broken, '---\ntitle: 고친 노트\n---\n\n# 깨진 노트\n');
    const fixed = await eventually('the fixed note', () => get(''), (r) => r.status === 200 && r.html.includes('고친 노트'));
    expect(fixed.html).toContain('검색 소개');
    expect(server.process.exitCode).toBe(null);
  });

  it('keeps picking notes up after the server restarts itself', async () => {
    const restarts = log().split('Restarting...').length;
    // Any saved file named like astro.config.* restarts Vite in place (Astro's own rule).
    writeFileSync(path.join(content, 'restart.astro.config.mjs'), '// makes the dev server restart\n');
    await eventually('a restart', async () => log(), (l) => l.split('Restarting...').length > restarts && l.includes('server restarted'));
    writeFileSync(path.join(content, '80-재시작-뒤.md'), '# 재시작 뒤 노트\n');
    await eventually('a note added after the restart', () => get(''), (r) => r.status === 200 && r.html.includes('재시작 뒤 노트'));
  });

  it("loads Mermaid's browser script once a note has a diagram (none had one when the server started)", async () => {
    const first = await get('검색/소개/');
    expect(first.status).toBe(200);
    expect(first.html).not.toContain('MermaidClient.astro');
    writeFileSync(path.join(content, '63-다이어그램.md'), '# 다이어그램 노트\n\n```mermaid\ngraph TD\n  A --> B\n```\n');
    const page = await eventually('the page with the Mermaid script', () => get('다이어그램/'), (r) => r.status === 200 && r.html.includes('MermaidClient.astro'));
    const src = /<script[^>]*src="([^"]*MermaidClient\.astro[^"]*)"/.exec(page.html)?.[1];
    expect(src).toBeDefined();
    const script = await get(src!.replace(/^\//, ''));
    expect(script.status).toBe(200);
    expect(script.html).toContain('renderMermaidDiagrams');
  });

  it('drops a removed note', async () => {
    const file = path.join(content, '62-지울-노트.md');
    writeFileSync(file, '# 지울 노트\n');
    await eventually('the note on the index', () => get(''), (r) => r.status === 200 && r.html.includes('지울 노트'));
    await eventually('the note page', () => get('지울-노트/'), (r) => r.status === 200);
    unlinkSync(file);
    await eventually('the index without the removed note', () => get(''), (r) => r.status === 200 && !r.html.includes('지울 노트'));
    const gone = await eventually('the removed page', () => get('지울-노트/'), (r) => r.status === 404);
    expect(gone.status).toBe(404);
  });

  describe('quick saves', () => {
    const file = () => path.join(content, '65-빠른-저장.md');
    const PAGE = '빠른-저장/';
    const version = (n: number) => `# 빠른 저장 노트\n\n판본${n}번째 문장.\n`;

    it('shows the last of several saves made milliseconds apart', async () => {
      writeFileSync(file(), version(0));
      await quickly(PAGE, (html) => html.includes('판본0번째'), 'the note');
      for (const gapMs of [5, 10, 20, 40]) {
        for (let n = 1; n <= 4; n++) {
          writeFileSync(file(), version(gapMs * 10 + n));
          await sleep(gapMs);
        }
        const last = `판본${gapMs * 10 + 4}번째`;
        await quickly(PAGE, (html) => html.includes(last), `the last save, ${gapMs} ms apart`);
        await sleep(1000);
        expect((await get(PAGE)).html, `${gapMs} ms apart, a second later`).toContain(last);
      }
    });

    it('shows a note saved back as soon as its edit was seen', async () => {
      for (let round = 1; round <= 5; round++) {
        writeFileSync(file(), version(100 + round));
        await quickly(PAGE, (html) => html.includes(`판본${100 + round}번째`), `edit ${round}`);
        writeFileSync(file(), version(0));
        await quickly(PAGE, (html) => html.includes('판본0번째'), `the note saved back, round ${round}`);
      }
    });
  });
});
