// The crawler of the base-path test finds what it must find: a link outside the base, a missing
// page, a missing anchor, a redirect (no trailing slash), a missing font in a stylesheet, a broken
// link on the 404 page, a sitemap URL on the published origin that does not exist.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSite } from '../helpers/crawl.ts';
import { serveDir, type StaticServer } from '../helpers/serve.ts';

let dir: string;
let server: StaticServer;

function write(rel: string, text: string) {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'crawl-'));
  write(
    'index.html',
    `<html><head><link rel="stylesheet" href="/repo/s.css"><link rel="canonical" href="https://kim.github.io/repo/"></head><body>
     <a href="/repo/노트/#있음">ok</a> <a href="/repo/노트/#없음">anchor</a> <a href="/노트/">no base</a>
     <a href="/repo/노트">redirect</a> <a href="missing/">missing</a> <img src="/repo/a.png"></body></html>`,
  );
  write('노트/index.html', '<html><body><h2 id="있음">x</h2><a href="../">home</a></body></html>');
  write('s.css', '@font-face{src:url(/repo/fonts/x.woff2)} .a{background:url("./a.png")}');
  write('a.png', 'png');
  write('404.html', '<html><body><a href="#main">skip</a><main id="main"><a href="./">relative home</a><a href="/repo/">home</a><a href="#nope">x</a></main></body></html>');
  write('sitemap.xml', '<?xml version="1.0"?><urlset><url><loc>https://kim.github.io/repo/gone/</loc></url></urlset>');
  server = await serveDir(dir, { base: '/repo/' });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('crawlSite', () => {
  it('reports every broken internal URL and nothing else', async () => {
    const result = await crawlSite({
      start: server.url,
      base: '/repo/',
      site: 'https://kim.github.io',
      extra: [server.href('sitemap.xml')],
      notFound: [server.href('nowhere/deep/'), server.href('a.png')],
    });
    const problems = result.problems.map((p) => `${p.url} ${p.problem}`).sort();
    expect(problems).toEqual(
      [
        '/노트/ not under the base /repo/',
        '/repo/fonts/x.woff2 HTTP 404',
        '/repo/노트 redirects (301) to /repo/%EB%85%B8%ED%8A%B8/',
        '/repo/노트/#없음 no element with id "없음" on /repo/노트/',
        './ HTTP 404',
        '#nope no element with id "nope" on /repo/nowhere/deep/',
        'https://kim.github.io/repo/gone/ HTTP 404',
        'missing/ HTTP 404',
        `${server.href('a.png')} expected a 404 page, got HTTP 200 image/png`,
      ].sort(),
    );
    expect(result.pages).toContain('/repo/노트/');
    expect(result.checked).toContain('/repo/a.png');
  });
});
