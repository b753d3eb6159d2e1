// Markdown All in One settings in the repository (`.vscode/settings.json` above the notes folder,
// src/notes/maio-settings.ts) shape the TOCs of a built site: every note in every folder gets them
// (a build looks the settings files up once per folder, not once per note).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleOf, buildSite, cleanup, prepareSite, readPage, type BuildResult } from './build-site.ts';

let site: BuildResult;

const note = (title: string) =>
  `# ${title}\n\n## 목차\n\n## 개요\n\n본문.\n\n### 세부\n\n본문.\n\n#### 더 깊은 곳\n\n본문.\n\n## 정리\n\n끝.\n`;

beforeAll(async () => {
  const { workDir, content } = prepareSite();
  mkdirSync(path.join(workDir, '.vscode'));
  writeFileSync(
    path.join(workDir, '.vscode/settings.json'),
    '{\n  // 목차: 2~3단계, 번호 목록\n  "markdown.extension.toc.levels": "2..3",\n  "markdown.extension.toc.orderedList": true,\n}\n',
  );
  writeFileSync(path.join(content, '01-첫-노트.md'), note('첫 노트'));
  mkdirSync(path.join(content, '02-모음'));
  writeFileSync(path.join(content, '02-모음/01-둘째-노트.md'), note('둘째 노트'));
  writeFileSync(path.join(content, '02-모음/02-셋째-노트.md'), note('셋째 노트'));
  site = await buildSite(workDir, { env: { NOTES_STRICT: '1' } });
}, 300_000);

afterAll(() => {
  if (site?.ok) cleanup(site.workDir);
});

describe('Markdown All in One settings in a build', () => {
  it('give every note the TOC they describe: levels 2..3, an ordered list', () => {
    expect(site.ok, site.output).toBe(true);
    for (const page of ['첫-노트/', '모음/둘째-노트/', '모음/셋째-노트/']) {
      const article = articleOf(readPage(site.dist, page));
      // The TOC: from its list to the next heading.
      const toc = article.slice(article.indexOf('<ol class="note-toc"'), article.indexOf('<div class="heading-wrapper', article.indexOf('note-toc')));
      const links = [...toc.matchAll(/href="([^"]*)"/g)].map((m) => decodeURI(m[1]!));
      expect(links, page).toEqual(['#개요', '#세부', '#정리']);
      expect(toc, page).toMatch(/^<ol class="note-toc"[^>]*>\n<li><a[^>]*>개요<\/a>\n<ol>\n<li><a[^>]*>세부<\/a><\/li>\n<\/ol>/);
    }
  });
});
