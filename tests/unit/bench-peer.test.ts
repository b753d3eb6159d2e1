// The pure parts of the benchmark's Starlight comparison (scripts/bench-peer.ts, bench-dev.ts):
// a generated note as a Starlight doc, the pages both sites give it, the line a dev page must
// show, and the table with ratios and the targets. Nothing here installs or times anything.
import { describe, expect, it } from 'vitest';
import { benchNote } from '../../scripts/bench-notes.ts';
import { probeText } from '../../scripts/bench-dev.ts';
import { comparisonChecks, comparisonTable, noteToStarlightDoc, pair, peerDir, peerPagePath, PEER_VERSIONS } from '../../scripts/bench-peer.ts';
import { type BenchResult, ourPagePath } from '../../scripts/bench.ts';

describe('a generated note as a Starlight doc', () => {
  const note = benchNote(12, 100);
  const doc = noteToStarlightDoc(note);

  it('takes the title frontmatter from the setext title, without the omit comment, and drops that heading', () => {
    const title = /^노트 2-3: (.+?) {2}<!-- omit in toc -->$/.exec(note.text.split('\n')[0]!)![1]!;
    expect(doc.relPath).toBe('02-주제-2/003-노트-3.md');
    expect(doc.text.startsWith(`---\ntitle: "노트 2-3: ${title}"\n---\n\n**Table of Contents**\n`)).toBe(true);
    expect(doc.text).not.toContain('===');
    expect(doc.text).not.toContain('omit in toc');
  });

  it('points links to other notes at the pages Starlight makes of them, heading kept', () => {
    const next = benchNote.title(13);
    expect(doc.text).toContain(`](/02-주제-2/004-노트-4/#${next.firstH2.replace(/ /g, '-')})`);
    // A link into another section folder.
    const other = noteToStarlightDoc(benchNote(10, 100));
    expect(other.text).toContain('](/01-주제-1/010-노트-10/#');
    expect(doc.text).not.toMatch(/\]\([^)]*\.md[#)]/);
  });

  it('keeps every other line of the note as it is', () => {
    const body = (text: string) => text.split('\n').filter((l) => !/\]\(/.test(l));
    expect(body(doc.text).slice(3)).toEqual(body(note.text).slice(2));
  });

  it('is the same doc every time', () => {
    expect(noteToStarlightDoc(benchNote(12, 100))).toEqual(doc);
  });

  it('refuses a note without a setext title', () => {
    expect(() => noteToStarlightDoc({ relPath: 'a.md', text: '# 제목\n본문\n' })).toThrow(/no setext title/);
  });
});

describe('page addresses and the text a dev page must show', () => {
  it('names the note pages as each site does', () => {
    expect(peerPagePath('02-주제-2/003-노트-3.md')).toBe('/02-주제-2/003-노트-3/');
    expect(peerPagePath('A/Note.md')).toBe('/a/note/');
    expect(ourPagePath('02-주제-2/003-노트-3.md')).toBe('/주제-2/노트-3/');
  });

  it('takes the first paragraph under the first h2', () => {
    const text = benchNote(5, 20).text;
    const line = probeText(text);
    const lines = text.split('\n');
    expect(lines[lines.findIndex((l) => l.startsWith('## ')) + 1]).toBe(line);
    expect(line).toMatch(/[가-힣]+.*\.$/);
    expect(probeText(noteToStarlightDoc(benchNote(5, 20)).text)).toBe(line);
    expect(() => probeText('# 제목\n본문\n')).toThrow();
  });

  it('keys the install folder on the pinned versions', () => {
    expect(PEER_VERSIONS).toEqual({ '@astrojs/starlight': '0.42.4', astro: '7.3.5' });
    expect(peerDir('/p')).toBe('/p/node_modules/.cache/bench-peer/astrojs-starlight@0.42.4+astro@7.3.5');
  });
});

function result(notes: number, ours: Partial<Record<'cold' | 'rss' | 'dev' | 'warm' | 'edit' | 'first' | 'second', number>>, peer?: typeof ours): BenchResult {
  const side = (v: typeof ours) => ({
    cold: { wallMs: v.cold!, peakRss: v.rss!, all: [v.cold!] },
    ...(v.dev !== undefined ? { dev: { coldMs: v.dev, warmMs: v.warm!, editMs: v.edit!, all: [] } } : {}),
    ...(v.first !== undefined
      ? { views: { first: { bytes: v.first, requests: 10, byType: {} }, second: { bytes: v.second!, requests: 2, byType: {} }, pages: ['/a/', '/b/'] as [string, string] } }
      : {}),
  });
  const o = side(ours);
  return {
    notes,
    cold: { ...o.cold, maxProcessRss: 0, msPerNote: 0 },
    ...(o.dev ? { dev: o.dev } : {}),
    ...(o.views ? { views: o.views } : {}),
    ...(peer ? { peer: { versions: PEER_VERSIONS, ...side(peer) } } : {}),
  } as unknown as BenchResult;
}

const MB = 1024 * 1024;

describe('the table next to Starlight', () => {
  const results = [
    result(300, { cold: 8000, rss: 600 * MB, dev: 3000, warm: 2000, edit: 300, first: 150 * 1024, second: 10 * 1024 }, { cold: 16000, rss: 900 * MB, dev: 5000, warm: 4000, edit: 900, first: 200 * 1024, second: 30 * 1024 }),
    result(1000, { cold: 40000, rss: 1100 * MB, dev: 9000, warm: 4000, edit: 700, first: 250 * 1024, second: 25 * 1024 }, { cold: 45000, rss: 1500 * MB, dev: 9000, warm: 5000, edit: 800, first: 240 * 1024, second: 30 * 1024 }),
  ];

  it('gives ours, Starlight and the ratio in each cell', () => {
    expect(pair(8000, 16000, (x) => (x / 1000).toFixed(2))).toBe('8.00 / 16.00 (0.50×)');
    expect(pair(8000, undefined, String)).toBe('8000 / –');
    expect(pair(undefined, 1, String)).toBe('–');
    const lines = comparisonTable(results).split('\n');
    expect(lines[0]).toBe('| notes: ours / Starlight (ratio) | 300 | 1000 |');
    expect(lines[1]).toBe('| --- | ---: | ---: |');
    expect(lines).toContain('| cold build, every cache removed (s; median) | 8.00 / 16.00 (0.50×) | 40.00 / 45.00 (0.89×) |');
    expect(lines).toContain("|   peak RSS of the build's process tree (MB) | 600 / 900 (0.67×) | 1100 / 1500 (0.73×) |");
    expect(lines).toContain('| edit → visible in astro dev (ms) | 300 / 900 (0.33×) | 700 / 800 (0.88×) |');
    expect(lines).toContain('| second note page after it, new bytes (KB) | 10.0 / 30.0 (0.33×) | 25.0 / 30.0 (0.83×) |');
  });

  it('gives the first view\'s layout shift, its timing and font, and what the font swap moves at each width', () => {
    const withFonts = (r: BenchResult, views: Partial<NonNullable<BenchResult['views']>>) => ({ ...r, views: { ...r.views!, ...views } });
    const ours = withFonts(results[0]!, {
      shift: { cls: 0.00021, shifts: 1, fcpMs: 1400, fontMs: 1900, font: 'Notes Sans Variable' },
      reflow: [
        { width: 1280, blocks: 52, moved: 0, heightPx: 0 },
        { width: 390, blocks: 52, moved: 16, heightPx: 31 },
      ],
    });
    ours.peer = { ...ours.peer!, views: { ...ours.peer!.views!, shift: { cls: 0, shifts: 0, fcpMs: 1300, fontMs: 0, font: 'DejaVu Sans' }, reflow: [{ width: 1280, blocks: 40, moved: 0, heightPx: 0 }] } };
    const lines = comparisonTable([ours]).split('\n');
    expect(lines).toContain('| layout shift of the first view, slow network (CLS; target 0) | 0.0002 / 0.0000 (–×) |');
    expect(lines).toContain('|   first paint, fonts loaded (ms); font of the text | 1400, 1900; Notes Sans Variable / 1300, 0; DejaVu Sans |');
    expect(lines).toContain('| note blocks the font swap moves, 1280 / 390 px wide (note height change, px) | 0 of 52 (+0), 16 of 52 (+31) / 0 of 40 (+0) |');
  });

  it('shows ours alone without the peer, and a dash for what was not measured (--no-dev)', () => {
    const lines = comparisonTable([result(5, { cold: 1000, rss: MB })]).split('\n');
    expect(lines).toContain('| cold build, every cache removed (s; median) | 1.00 / – |');
    expect(lines).toContain('| astro dev, first note page, caches removed (s) | – |');
  });

  it('marks each target met or not', () => {
    const lines = comparisonChecks(results);
    const find = (start: string) => lines.filter((l) => l.includes(start));
    expect(find('N=300: cold build')[0]).toMatch(/^met {5}N=300: cold build 8\.00 s, 0\.50× Starlight's 16\.00 s \(target ≤ 0\.8×\)$/);
    expect(find('N=1000: cold build')[0]).toMatch(/^NOT met N=1000: cold build 40\.00 s, 0\.89×/);
    expect(find('N=300: dev first page 3')[0]).toMatch(/^met /);
    expect(find('N=1000: dev first page 9')[0]).toMatch(/^NOT met /);
    expect(find('N=300: edit')[0]).toMatch(/^met .*300 ms \(Starlight 900 ms\) \(target ≤ 0\.5 s\)$/);
    expect(find('N=1000: edit')[0]).toMatch(/^NOT met /);
    expect(find('N=300: first view')[0]).toMatch(/^met /);
    expect(find('N=1000: first view')[0]).toMatch(/^NOT met .*250\.0 KB, Starlight 240\.0 KB/);
    expect(find('N=300: second page view')[0]).toMatch(/^met /);
    expect(find('N=1000: second page view')[0]).toMatch(/^NOT met /);
    expect(find('N=300: peak RSS')[0]).toMatch(/^met .*600 MB \(Starlight 900 MB\)/);
    expect(find('N=1000: peak RSS')[0]).toMatch(/^NOT met /);
  });

  it('leaves out the targets that need the peer when it is not there', () => {
    const lines = comparisonChecks([result(5, { cold: 1000, rss: MB })]);
    expect(lines).toEqual(['met     N=5: peak RSS 1 MB (target ≤ 1 GiB)']);
  });
});
