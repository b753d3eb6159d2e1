// The dev server's "note failed to load" errors (src/site/dev-notes.ts): a failure of a version of
// the note that was saved over (it arrives late on a busy machine) loads the note as it is now
// instead of showing an error that no longer exists; a failure of the note as it is stands.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brokenNotes, noteLoadMessage, relayWatcher } from '../../src/site/dev-notes.ts';
import { displayPath } from '../../src/core/project.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'notes-dev-notes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BROKEN = '---\ntitle: "닫히지 않은 따옴표\n---\n\n# 깨진 노트\n';
const FIXED = '---\ntitle: 고친 노트\n---\n\n# 깨진 노트\n';

// The tests are steps on one note, in order.
describe('noteLoadMessage', { shuffle: false }, () => {
  const file = path.join(dir, '70-깨진.md');
  // The loader's message for the broken version, as the loader formats it.
  const failure = `Failed to reload 70-깨진.md: ${displayPath(file)}:3:1 error [invalid-frontmatter-yaml] invalid YAML frontmatter: unexpected end of the stream within a double quoted scalar (the frontmatter is lines 1-3)`;
  // The loader's watcher, as the dev server hands it over: what is emitted on the relay reaches the loader.
  const astroWatcher = Object.assign(new EventEmitter(), { add: () => undefined });
  const relay = relayWatcher(astroWatcher, dir)!;
  const reloads: string[] = [];
  relay.on('change', (f: string) => reloads.push(f));

  it('shows the failure of the note as it is, with its line', () => {
    writeFileSync(file, BROKEN);
    expect(noteLoadMessage(failure, dir)).toBe(true);
    expect(brokenNotes().map((e) => [e.diagnostic.code, e.diagnostic.line])).toEqual([['invalid-frontmatter-yaml', 3]]);
    expect(reloads).toEqual([]);
  });

  it('loads the note again when the failure is of a version saved over since', () => {
    writeFileSync(file, FIXED);
    relay.emit('change', file); // the save: its error is forgotten
    expect(brokenNotes()).toEqual([]);
    reloads.length = 0;
    // The broken version's failure arrives after the fixed version was read.
    expect(noteLoadMessage(failure, dir)).toBe(true);
    expect(brokenNotes()).toEqual([]);
    expect(reloads).toEqual([file]);
    // Reported again for this same version: the failure stands (no endless reloading).
    expect(noteLoadMessage(failure, dir)).toBe(true);
    expect(brokenNotes()).toHaveLength(1);
  });
});
