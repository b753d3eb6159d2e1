// The benchmark (npm run bench) with N = 5 and 4 search queries, so it cannot rot: the generated
// notes build without a warning, the floor and both builds run, `astro dev` starts twice and shows
// an edit, the search part searches both indexes in Chromium, two note pages are viewed there,
// every number the table shows is there. `--no-peer`: tests never install Starlight. Its timings are not checked (the
// full bench is not part of npm test). Its time bound only catches a hang: the bench's builds wait
// for the build lock while other test runs build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './build-site.ts';
import { benchNote } from '../../scripts/bench-notes.ts';

const NODE = path.join(ROOT, 'node_modules/.bin/node');
const out = mkdtempSync(path.join(tmpdir(), 'notes-bench-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run bench -- --n 5', () => {
  it('generates the same notes every time, each with an omit-marked setext title, a TOC and links', () => {
    const note = benchNote(12, 100);
    expect(benchNote(12, 100)).toEqual(note);
    expect(note.relPath).toBe('02-주제-2/003-노트-3.md');
    expect(note.text).toMatch(/^노트 2-3: .+ {2}<!-- omit in toc -->\n===\n\n\*\*Table of Contents\*\*\n- \[/);
    expect(note.text).toMatch(/\]\(\.\/004-노트-4\.md#[^)]+\)/);
    expect(note.text).toContain('```python');
    expect(note.text).toContain('| --- | --- | ---: |');
  });

  it('builds, measures and writes the table and JSON', () => {
    // Vitest's own variables must not reach the bench's builds (it strips them too).
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('VITEST') || ['NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'TEST'].includes(key)) delete env[key];
    const run = spawnSync(NODE, ['scripts/bench.ts', '--n', '5', '--queries', '4', '--no-peer', '--out', out], { cwd: ROOT, env, encoding: 'utf8', timeout: 890_000 });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('| notes | 5 |');
    expect(run.stdout).toMatch(/\| cold \/ floor \(target ≤ 1\.5\) \| \d+\.\d\d \|/);
    expect(run.stdout).toMatch(/load average before [\d.]+ [\d.]+ [\d.]+/);
    expect(run.stdout).toMatch(/\| cold build, every cache removed \(s; median\) \| \d+\.\d\d \/ – \|/);
    expect(run.stdout).toMatch(/\| edit → visible in astro dev \(ms\) \| \d+ \/ – \|/);
    expect(run.stdout).not.toContain('Starlight:');
    const report = JSON.parse(readFileSync(path.join(out, 'latest.json'), 'utf8'));
    const [result] = report.results;
    expect(result.notes).toBe(5);
    expect(result.pages.pages).toBe(5);
    expect(result.peer).toBeUndefined();
    for (const value of [result.floor.wallMs, result.cold.wallMs, result.rebuild.wallMs, result.cold.peakRss, result.dev.coldMs, result.dev.warmMs, result.dev.editMs]) {
      expect(value).toBeGreaterThan(0);
    }
    expect(result.pages.html.raw.median).toBeGreaterThan(1000);
    expect(result.pages.css.raw.max).toBeGreaterThan(1000);
    expect(result.pages.fonts.slices.max).toBeGreaterThan(0);
    expect(result.pages.search.indexBytes).toBeGreaterThan(0);
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(result.search.queries).toBe(4);
    expect(result.search.ours.indexBytes).toBeGreaterThan(0);
    expect(result.search.plain.indexBytes).toBeGreaterThan(0);
    if (!result.search.skipped) expect(result.search.ours.queryMs.median).toBeGreaterThan(0);
    if (result.views) {
      // The first view loads the page, its CSS and fonts; the second only what was not cached.
      expect(result.views.first.bytes).toBeGreaterThan(result.pages.html.gzip.median);
      expect(result.views.first.byType.font).toBeGreaterThan(0);
      expect(result.views.second.bytes).toBeGreaterThan(0);
      expect(result.views.second.bytes).toBeLessThan(result.views.first.bytes);
    }
  }, 900_000);
});
